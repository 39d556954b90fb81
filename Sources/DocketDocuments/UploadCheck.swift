import Foundation

/// What an uploaded file really is, judged from its bytes, never from its name.
public enum UploadKind: String, Sendable, Equatable {
    case pdf, jpeg, png

    public var contentType: String {
        switch self { case .pdf: "application/pdf"; case .jpeg: "image/jpeg"; case .png: "image/png" }
    }
    public var fileExtension: String { rawValue == "jpeg" ? "jpg" : rawValue }
}

/// Why an upload was refused; each has a catalogue key that says what to do.
public enum UploadProblem: String, Error, Sendable, Equatable, CaseIterable {
    case empty
    case tooLarge = "too-large"
    case notAllowed = "not-allowed"
    /// It starts like a PDF but has no usable cross-reference and trailer.
    case brokenPDF = "broken-pdf"

    public var messageKey: String { "error.upload.\(rawValue)" }
}

/// Checks an upload before anything is stored: PDF, JPEG or PNG only, at most `maxBytes`, and a PDF
/// must have a header, a cross-reference (table or stream) where `startxref` says, and a trailer
/// naming the document catalogue (/Root).
public enum UploadCheck {
    public static let maxBytes = 20 * 1024 * 1024

    public static func inspect(_ data: Data, maxBytes: Int = maxBytes) -> Result<UploadKind, UploadProblem> {
        if data.isEmpty { return .failure(.empty) }
        if data.count > maxBytes { return .failure(.tooLarge) }
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .success(.jpeg) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .success(.png) }
        if bytes.starts(with: Array("%PDF-".utf8)) {
            return pdfParses(data) ? .success(.pdf) : .failure(.brokenPDF)
        }
        return .failure(.notAllowed)
    }

    static func pdfParses(_ data: Data) -> Bool {
        // The header names a version 1.x or 2.x.
        guard data.count > 16, let major = data.dropFirst(5).first, major == UInt8(ascii: "1") || major == UInt8(ascii: "2") else { return false }
        // The last startxref, near the end, gives the offset of the cross-reference section.
        let tail = data.suffix(2048)
        guard let marker = lastRange(of: Array("startxref".utf8), in: tail),
              lastRange(of: Array("%%EOF".utf8), in: tail) != nil else { return false }
        let digits = tail[marker.upperBound...].drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }.prefix { (0x30...0x39).contains($0) }
        guard let offset = Int(String(decoding: digits, as: UTF8.self)), offset > 0, offset < data.count else { return false }
        let section = data[(data.startIndex + offset)...].prefix(4096)
        if section.starts(with: Array("xref".utf8)) {
            // A classic table: a trailer dictionary with /Root follows it.
            guard let trailer = data[(data.startIndex + offset)...].firstRange(of: Array("trailer".utf8)) else { return false }
            return data[trailer.upperBound...].prefix(4096).firstRange(of: Array("/Root".utf8)) != nil
        }
        // A cross-reference stream (PDF 1.5+): "n g obj" whose dictionary is /Type /XRef with /Root.
        let head = String(decoding: section.prefix(1024), as: UTF8.self)
        return head.range(of: #"^\d+\s+\d+\s+obj"#, options: .regularExpression) != nil
            && head.contains("/XRef") && head.contains("/Root")
    }

    static func lastRange(of needle: [UInt8], in hay: Data) -> Range<Data.Index>? {
        var found: Range<Data.Index>? = nil
        var start = hay.startIndex
        while let r = hay[start...].firstRange(of: needle) { found = r; start = r.upperBound }
        return found
    }
}
