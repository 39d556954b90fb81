import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// One person's browser: keeps cookies between requests and fills in the CSRF token from the last
/// page it saw, as a real browser submitting a form would.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var lastBody = ""
    var headers: HTTPHeaders = [:]

    init(_ app: Application) { self.app = app }

    struct Page {
        let status: HTTPStatus
        let body: String
        let headers: HTTPHeaders
        var location: String? { headers.first(name: .location) }
    }

    @discardableResult
    func get(_ path: String, extra: HTTPHeaders = [:]) async throws -> Page {
        try await send(.GET, path, body: nil, extra: extra)
    }

    /// Posts a form; `csrf` nil takes the token from the last page, "" sends none.
    @discardableResult
    func post(_ path: String, _ form: [String: String], csrf: String? = nil, extra: HTTPHeaders = [:]) async throws -> Page {
        var fields = form
        let token = csrf ?? csrfToken
        if let token, !token.isEmpty { fields["_csrf"] = token }
        let encoded = fields.map { key, value in
            "\(Browser.encode(key))=\(Browser.encode(value))"
        }.joined(separator: "&")
        var h = extra
        h.contentType = .urlEncodedForm
        return try await send(.POST, path, body: encoded, extra: h)
    }

    /// Posts a multipart form with one file, as a browser uploading a document does.
    @discardableResult
    func upload(_ path: String, fields: [String: String], file: (name: String, filename: String, type: String, data: Data)) async throws -> Page {
        let boundary = "docket-test-" + UUID().uuidString
        var body = Data()
        var all = fields
        if let token = csrfToken { all["_csrf"] = token }
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var h: HTTPHeaders = [:]
        h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, bytes: body, extra: h)
    }

    /// Follows a redirect the way a browser would.
    func follow(_ page: Page) async throws -> Page {
        guard let location = page.location else { return page }
        return try await get(location)
    }

    /// The token of the last page that had a form, as when a person goes back to a form and
    /// submits it again.
    var csrfToken: String? {
        for body in [lastBody, lastFormBody] {
            guard let range = body.range(of: "name=\"_csrf\" value=\"") else { continue }
            let rest = body[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return nil
    }
    private var lastFormBody = ""

    private func send(_ method: HTTPMethod, _ path: String, body: String?, extra: HTTPHeaders) async throws -> Page {
        try await send(method, path, bytes: body.map { Data($0.utf8) }, extra: extra)
    }

    private func send(_ method: HTTPMethod, _ path: String, bytes body: Data?, extra: HTTPHeaders) async throws -> Page {
        var h = headers
        for (name, value) in extra { h.replaceOrAdd(name: name, value: value) }
        if !cookies.isEmpty {
            h.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var buffer: ByteBuffer? = nil
        if let body { buffer = ByteBuffer(data: body) }
        let response = try await app.testing().sendRequest(method, path, headers: h, body: buffer)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if header.lowercased().contains("expires=thu, 01 jan 1970") || header.lowercased().contains("max-age=0") || parts[1].isEmpty {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        let text = response.body.string
        if method == .GET || response.status != .seeOther {
            lastBody = text
            if text.contains("name=\"_csrf\"") { lastFormBody = text }
        }
        return Page(status: response.status, body: text, headers: response.headers)
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// A complete, valid registration; tests change what they need.
func registration(_ id: String = "marie.t", email: String = "marie@example.com",
                  password: String = "river-lantern-orbit") -> [String: String] {
    ["kind": "individual", "lastName": "Tremblay", "firstName": "Marie", "address": "1 Main Street",
     "city": "Ottawa", "province": "ON", "country": "CA", "postalCode": "K2P 2K1", "phone": "613-555-0100",
     "email": email, "signInID": id, "password": password, "passwordConfirmation": password,
     "question1": "firstPet", "answer1": "Rex", "question2": "firstJob", "answer2": "Corner Bakery",
     "question3": "favouriteBook", "answer3": "Dune", "acceptsTerms": "on"]
}

extension Browser {
    /// Registers (signed in afterwards) and returns the final page.
    @discardableResult
    func register(_ form: [String: String] = registration()) async throws -> Page {
        try await get("/register")
        return try await post("/register", form)
    }

    @discardableResult
    func signIn(_ id: String, _ password: String) async throws -> Page {
        try await get("/sign-in")
        return try await post("/sign-in", ["signInID": id, "password": password])
    }

    func signOut() async throws {
        try await get("/account")
        try await post("/sign-out", [:])
    }
}
