import Foundation
import NIOCore
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// A file sent in a multipart form.
struct UploadedFile: Sendable {
    let filename: String
    let contentType: String?
    let data: ByteBuffer

    var isEmpty: Bool { data.readableBytes == 0 }
}

/// The body of a form post, read once: the text fields and any files.
///
/// Every request that changes something has its body collected (within its route's limit) and
/// parsed here before the CSRF check, so the token is read from a whole body however many reads it
/// arrived in, and no handler parses a body a second time. A body that is not a well-formed form
/// is refused with 400 before anything runs.
struct SubmittedForm: Sendable {
    var fields: [String: String] = [:]
    var files: [String: UploadedFile] = [:]

    /// Parses `body` by its content type. Other content types (JSON, none) give an empty form.
    static func parse(_ body: ByteBuffer?, contentType: HTTPMediaType?) throws(MalformedBody) -> SubmittedForm {
        guard let contentType else { return SubmittedForm() }
        if contentType.type == "multipart" {
            guard contentType.subType == "form-data" else { throw MalformedBody("multipart body that is not form-data") }
            return try MultipartForm.parse(body ?? ByteBuffer(), boundary: contentType.parameters["boundary"])
        }
        guard contentType == .urlEncodedForm, let body, body.readableBytes > 0 else { return SubmittedForm() }
        guard let text = body.getString(at: body.readerIndex, length: body.readableBytes) else { throw MalformedBody("form body that is not text") }
        return SubmittedForm(fields: URLEncodedForm.fields(text))
    }
}

/// Why a body was refused; answered with 400.
struct MalformedBody: Error, AbortError {
    let detail: String
    init(_ detail: String) { self.detail = detail }
    var status: HTTPResponseStatus { .badRequest }
    var reason: String { "malformed body: " + detail }
}

/// `application/x-www-form-urlencoded` as plain name → value pairs; the first value of a name wins.
enum URLEncodedForm {
    static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), !name.isEmpty else { continue }
            let value = parts.count > 1 ? decode(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    private static func decode(_ component: Substring) -> String? {
        component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// `multipart/form-data` (RFC 7578) read from a collected body. Linear in the body's size; refuses
/// a missing or invalid boundary, a body cut off before its closing delimiter, parts without a
/// name, oversized part headers, too many parts, and text fields that are not UTF-8.
enum MultipartForm {
    static let maxParts = 200
    static let maxHeaderBytes = 8 * 1024

    static func parse(_ body: ByteBuffer, boundary: String?) throws(MalformedBody) -> SubmittedForm {
        guard let boundary, isValid(boundary: boundary) else { throw MalformedBody("multipart boundary missing or invalid") }
        let bytes = body.readableBytesView
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        var form = SubmittedForm()
        // The first delimiter opens the body, or follows a preamble and a line break.
        var position: Int
        if bytes.starts(with: delimiter) {
            position = bytes.startIndex + delimiter.count
        } else if let found = search(bytes, separator, from: bytes.startIndex) {
            position = found + separator.count
        } else {
            throw MalformedBody("no multipart delimiter")
        }
        var parts = 0
        while true {
            if starts(bytes, at: position, with: [0x2D, 0x2D]) { return form }   // "--": the closing delimiter
            while position < bytes.endIndex, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            guard starts(bytes, at: position, with: crlf) else { throw MalformedBody("delimiter not followed by a line break") }
            position += 2
            parts += 1
            guard parts <= maxParts else { throw MalformedBody("too many parts") }
            let headerEnd: Int
            if starts(bytes, at: position, with: crlf) {
                headerEnd = position   // a part with no headers
            } else {
                guard let end = search(bytes, crlf + crlf, from: position), end - position <= maxHeaderBytes else {
                    throw MalformedBody("part headers unterminated or too long")
                }
                headerEnd = end + 2
            }
            guard let headerText = String(bytes: bytes[position..<headerEnd], encoding: .utf8) else { throw MalformedBody("part headers not UTF-8") }
            let contentStart = headerEnd + 2
            guard let contentEnd = search(bytes, separator, from: contentStart) else { throw MalformedBody("body ends before the closing delimiter") }
            try add(headers: headerText, content: body.getSlice(at: contentStart, length: contentEnd - contentStart) ?? ByteBuffer(), to: &form)
            position = contentEnd + separator.count
        }
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    /// RFC 2046 §5.1.1: 1 to 70 characters from a small set, not ending in a space.
    static func isValid(boundary: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ".unicodeScalars)
        return (1...70).contains(boundary.unicodeScalars.count) && !boundary.hasSuffix(" ")
            && boundary.unicodeScalars.allSatisfy(allowed.contains)
    }

    private static func add(headers: String, content: ByteBuffer, to form: inout SubmittedForm) throws(MalformedBody) {
        var disposition: [String: String]? = nil
        var contentType: String? = nil
        for line in headers.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw MalformedBody("part header without a colon") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if name == "content-disposition" { disposition = parameters(value) }
            if name == "content-type" { contentType = value }
        }
        guard let disposition, disposition[""] == "form-data", let name = disposition["name"], !name.isEmpty else {
            throw MalformedBody("part without a form-data name")
        }
        if let filename = disposition["filename"] {
            if form.files[name] == nil { form.files[name] = UploadedFile(filename: filename, contentType: contentType, data: content) }
        } else {
            guard let text = content.getString(at: content.readerIndex, length: content.readableBytes),
                  text.utf8.count == content.readableBytes else { throw MalformedBody("field \(name) is not UTF-8") }
            if form.fields[name] == nil { form.fields[name] = text }
        }
    }

    /// `form-data; name="a"; filename="b.pdf"` as ["": "form-data", "name": "a", "filename": "b.pdf"].
    static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var scalars = Substring(value)
        func token() -> String {
            var out = ""
            var quoted = false
            while let c = scalars.first {
                if quoted {
                    scalars.removeFirst()
                    if c == "\\", let next = scalars.first { out.append(next); scalars.removeFirst() }
                    else if c == "\"" { quoted = false }
                    else { out.append(c) }
                } else if c == "\"" {
                    quoted = true; scalars.removeFirst()
                } else if c == ";" || c == "=" {
                    break
                } else {
                    out.append(c); scalars.removeFirst()
                }
            }
            return out.trimmingCharacters(in: .whitespaces)
        }
        result[""] = token().lowercased()
        while scalars.first == ";" {
            scalars.removeFirst()
            let key = token().lowercased()
            var val = ""
            if scalars.first == "=" { scalars.removeFirst(); val = token() }
            if !key.isEmpty, result[key] == nil { result[key] = val }
        }
        return result
    }

    private static func starts(_ bytes: ByteBufferView, at position: Int, with prefix: [UInt8]) -> Bool {
        guard position >= bytes.startIndex, position + prefix.count <= bytes.endIndex else { return false }
        return bytes[position..<(position + prefix.count)].elementsEqual(prefix)
    }

    /// The index of the first occurrence of `needle` at or after `start`. `memchr` finds each
    /// candidate first byte; delimiters start with CR, rare in file data, so this is linear in practice.
    static func search(_ bytes: ByteBufferView, _ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= bytes.startIndex, start <= bytes.endIndex else { return nil }
        return bytes.withContiguousStorageIfAvailable { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = start - bytes.startIndex
            while offset + needle.count <= buffer.count {
                guard let hit = memchr(base + offset, Int32(first), buffer.count - offset) else { return nil }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + needle.count > buffer.count { return nil }
                if memcmp(base + at, needle, needle.count) == 0 { return bytes.startIndex + at }
                offset = at + 1
            }
            return nil
        } ?? nil
    }
}

/// Stands in for Vapor's multipart decoder, so no code path can hand a body to it: forms are read
/// with `Request.submittedForm`.
struct RefusedMultipartDecoder: ContentDecoder {
    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        throw MalformedBody("multipart bodies are read through the submitted form")
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        throw MalformedBody("multipart bodies are read through the submitted form")
    }
}

struct SubmittedFormKey: StorageKey { typealias Value = SubmittedForm }

/// A route's largest accepted body, kept on the route so the body is collected within it before any
/// middleware reads it.
enum BodyLimit {
    static let key = "docket.maxBody"
    /// A 20 MB file and the form around it.
    static let upload: ByteCount = "21mb"
}

extension RoutesBuilder {
    /// A POST route whose form may carry a file up to the upload limit.
    @discardableResult
    func upload(_ path: PathComponent..., use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: BodyLimit.upload), use: closure)
        route.userInfo[BodyLimit.key] = BodyLimit.upload.value
        return route
    }
}

extension Request {
    /// The form posted with this request (empty for a GET or a body that is not a form).
    var submittedForm: SubmittedForm { storage[SubmittedFormKey.self] ?? SubmittedForm() }

    /// Collects the body within the route's limit and parses it as a form, once.
    func readForm() async throws -> SubmittedForm {
        if let form = storage[SubmittedFormKey.self] { return form }
        let limit = route?.userInfo[BodyLimit.key] as? Int ?? application.routes.defaultMaxBodySize.value
        let body = try await self.body.collect(max: limit).get()
        let form = try SubmittedForm.parse(body, contentType: headers.contentType)
        storage[SubmittedFormKey.self] = form
        return form
    }
}
