import DocketDocuments
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// A PDF of about `size` bytes: one stream of random bytes (like a scan), with a correct
/// cross-reference table, so the upload checks accept it.
func sizedPDF(_ size: Int) -> Data {
    var out = Data("%PDF-1.4\n".utf8)
    var offsets: [Int] = []
    func object(_ text: String, stream: Data? = nil) {
        offsets.append(out.count)
        out.append(Data("\(offsets.count) 0 obj\n\(text)\n".utf8))
        if let stream { out.append(Data("stream\n".utf8) + stream + Data("\nendstream\n".utf8)) }
        out.append(Data("endobj\n".utf8))
    }
    var generator = SystemRandomNumberGenerator()
    let payload = Data((0..<max(0, size - 400)).map { _ in UInt8.random(in: 0...255, using: &generator) })
    object("<< /Type /Catalog /Pages 2 0 R >>")
    object("<< /Type /Pages /Kids [] /Count 0 >>")
    object("<< /Length \(payload.count) >>", stream: payload)
    let xref = out.count
    out.append(Data("xref\n0 \(offsets.count + 1)\n0000000000 65535 f\r\n".utf8))
    for offset in offsets { out.append(Data(String(format: "%010d 00000 n\r\n", offset).utf8)) }
    out.append(Data("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8))
    return out
}

/// A multipart body as a browser sends it; `closed` false leaves off the closing delimiter.
func multipartBody(boundary: String, fields: [String: String], file: (name: String, filename: String, data: Data)?,
                   closed: Bool = true) -> Data {
    var body = Data()
    for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
    }
    if let file {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8))
        body.append(file.data)
        body.append(Data("\r\n".utf8))
    }
    if closed { body.append(Data("--\(boundary)--\r\n".utf8)) }
    return body
}

/// A filer on their new claim's documents page: the browser, the claim's path and the form's token.
func documentsPage(_ app: Application) async throws -> (Browser, String, String) {
    let (b, path) = try await filerWithClaim(app)
    try await b.get(path + "/documents")
    return (b, path, try #require(b.csrfToken))
}

extension Browser {
    var cookieHeader: String { "Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
}

/// What only a real socket shows: bodies in many reads, malformed multipart, raw headers.
@Suite struct RealSocketTests {
    @Test func malformedMultipartIsRefusedWith400AndTheServerStaysUp() async throws {
        try await withLiveDocket { app, _, raw in
            let attempts: [(String, [String])] = [
                ("/", ["Cookie: docket_csrf=x", "Content-Type: multipart/form-data; boundary="]),
                ("/", ["Cookie: docket_csrf=x", "Content-Type: multipart/form-data; boundary=\"\""]),
                ("/verify", ["Cookie: docket_csrf=x", "X-CSRF-Token: x", "Content-Type: multipart/form-data; boundary="]),
                ("/verify", ["Cookie: docket_csrf=x", "Content-Type: multipart/form-data"]),
                ("/verify", ["Cookie: docket_csrf=x", "Content-Type: multipart/form-data; boundary=" + String(repeating: "b", count: 71)]),
                ("/sign-in", ["Cookie: docket_csrf=x", "Content-Type: multipart/form-data; boundary=abc"]),
            ]
            for (target, headers) in attempts {
                let answer = try await raw.exchange(RawHTTP.request("POST", target, headers: headers, body: Data("x".utf8)))
                #expect(answer.status == 400, "\(target) \(headers): \(answer.head)")
            }
            let health = try await raw.exchange(RawHTTP.request("GET", "/health"))
            #expect(health.status == 200)
        }
    }

    @Test func uploadsSentInManySmallWritesAreAccepted() async throws {
        try await withLiveDocket { app, _, raw in
            let (b, path, token) = try await documentsPage(app)
            let sizes = [(10 * 1024, 512, 0.001), (2 * 1024 * 1024, 16 * 1024, 0.0), (UploadCheck.maxBytes - 100 * 1024, 64 * 1024, 0.0)]
            for (n, (size, piece, pause)) in sizes.enumerated() {
                let boundary = "----BrowserBoundary\(n)"
                let body = multipartBody(boundary: boundary, fields: ["_csrf": token, "documentTitle": "Scan \(n + 1)"],
                                         file: ("file", "scan-\(n + 1).pdf", sizedPDF(size)))
                let request = RawHTTP.request("POST", path + "/documents", headers: [
                    b.cookieHeader, "Content-Type: multipart/form-data; boundary=\(boundary)"], body: body)
                let answer = try await raw.exchange(request, pieceSize: piece, pause: pause)
                #expect(answer.status == 303, "\(size) bytes: \(answer.head)")
                #expect(try await claimRecord(app, path).draft.documents.count == n + 1)
            }
            let stored = try await claimRecord(app, path).draft.documents
            #expect(stored.map(\.title) == ["Scan 1", "Scan 2", "Scan 3"])
            #expect(stored.allSatisfy { $0.reference != nil })
        }
    }

    @Test func aBodyCutOffBeforeItsClosingDelimiterSavesNothing() async throws {
        try await withLiveDocket { app, _, raw in
            let (b, path, token) = try await documentsPage(app)
            let body = multipartBody(boundary: "cut", fields: ["_csrf": token, "documentTitle": "Contract"],
                                     file: ("file", "contract.pdf", sizedPDF(20_000)), closed: false)
            let answer = try await raw.exchange(RawHTTP.request("POST", path + "/documents", headers: [
                b.cookieHeader, "Content-Type: multipart/form-data; boundary=cut"], body: body), pieceSize: 4096, pause: 0.001)
            #expect(answer.status == 400)
            #expect(try await claimRecord(app, path).draft.documents.isEmpty)
            let uploads = app.docket.settings.dataDirectory + "/uploads"
            #expect((try? FileManager.default.contentsOfDirectory(atPath: uploads))?.isEmpty ?? true)
        }
    }

    @Test func anOrdinaryFormInManyReadsKeepsItsToken() async throws {
        try await withLiveDocket { app, _, raw in
            let b = Browser(app)
            try await b.register()
            try await b.signOut()
            try await b.get("/sign-in")
            let token = try #require(b.csrfToken)
            let form = "signInID=marie.t&password=river-lantern-orbit&_csrf=" + Browser.encode(token)
            let answer = try await raw.exchange(RawHTTP.request("POST", "/sign-in", headers: [
                b.cookieHeader, "Content-Type: application/x-www-form-urlencoded"], body: Data(form.utf8)), pieceSize: 7, pause: 0.002)
            #expect(answer.status == 303, "\(answer.head)")
            #expect(answer.header("Location") == ["/account"])
        }
    }

    @Test func aNextWithALineBreakCannotAddAHeader() async throws {
        try await withLiveDocket { app, _, raw in
            let b = Browser(app)
            try await b.register()
            try await b.signOut()
            let attack = "/account%0D%0ASet-Cookie:%20docket_session%3Dplanted%0D%0A%0D%0A"
            let page = try await raw.exchange(RawHTTP.request("GET", "/sign-in?next=" + attack))
            #expect(page.status == 200)
            #expect(!page.body.contains("name=\"next\""))
            #expect(!page.head.contains("planted"))
            try await b.get("/sign-in")
            let token = try #require(b.csrfToken)
            let form = "signInID=marie.t&password=river-lantern-orbit&next=\(attack)&_csrf=" + Browser.encode(token)
            let answer = try await raw.exchange(RawHTTP.request("POST", "/sign-in", headers: [
                b.cookieHeader, "Content-Type: application/x-www-form-urlencoded"], body: Data(form.utf8)))
            #expect(answer.status == 303)
            #expect(answer.header("Location") == ["/account"])
            #expect(!answer.head.contains("planted"))
            #expect(answer.header("Content-Security-Policy").count == 1)
        }
    }

    @Test func forwardedHeadersCountOnlyFromATrustedProxy() async throws {
        try await withLiveDocket(settings: { $0.trustedProxies = ["127.0.0.1"] }) { app, _, raw in
            let secure = try await raw.exchange(RawHTTP.request("GET", "/sign-in", headers: ["X-Forwarded-Proto: https"]))
            #expect(secure.header("Strict-Transport-Security").count == 1)
            #expect(secure.header("Set-Cookie").allSatisfy { $0.contains("Secure") })
        }
        try await withLiveDocket { app, _, raw in
            let plain = try await raw.exchange(RawHTTP.request("GET", "/sign-in", headers: ["X-Forwarded-Proto: https"]))
            #expect(plain.header("Strict-Transport-Security").isEmpty)
            #expect(!plain.header("Set-Cookie").contains { $0.contains("Secure") })
        }
    }
}
