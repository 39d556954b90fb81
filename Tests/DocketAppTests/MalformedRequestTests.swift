import Foundation
import Testing
@testable import DocketApp

/// Docket's server answers what its parser refuses, and speaks plain HTTP/1.1 otherwise:
/// keep-alive, HEAD, `Expect: 100-continue`, and a body over its route's limit refused from the head.
@Suite struct MalformedRequestTests {
    func raw(_ text: String) -> Data { Data(text.utf8) }

    @Test func aControlCharacterInAHeaderGets400AndTheServerStaysUp() async throws {
        try await withLiveDocket { _, _, http in
            for bad in ["X-Name: a\u{01}b", "X-Name: a\u{7F}b", "X-Na\u{0B}me: ab", "X-Name: a\rb"] {
                let answer = try await http.exchange(RawHTTP.request("GET", "/health", headers: [bad]))
                #expect(answer.status == 400, "\(bad.debugDescription): \(answer.head)")
                #expect(answer.header("Connection") == ["close"])
                #expect(answer.body.contains("malformed"))
            }
            let badLine = try await http.exchange(raw("GET /health HTTP/1.1 extra\r\nHost: x\r\n\r\n"))
            #expect(badLine.status == 400)
            #expect(try await http.exchange(RawHTTP.request("GET", "/health")).status == 200)
        }
    }

    @Test func aLongURLGets414AndLongHeadersGet431() async throws {
        try await withLiveDocket { _, _, http in
            let longURL = "/health?q=" + String(repeating: "a", count: 20 * 1024)
            for piece in [1024, 1 << 20] {
                let url = try await http.exchange(RawHTTP.request("GET", longURL), pieceSize: piece)
                #expect(url.status == 414, "\(piece)-byte writes: \(url.head)")
            }

            let oneHuge = try await http.exchange(RawHTTP.request("GET", "/health", headers: ["X-Big: " + String(repeating: "b", count: 20 * 1024)]))
            #expect(oneHuge.status == 431, "\(oneHuge.head)")

            let many = (0..<40).map { "X-Part-\($0): " + String(repeating: "c", count: 1000) }
            let manyAnswer = try await http.exchange(RawHTTP.request("GET", "/health", headers: many))
            #expect(manyAnswer.status == 431, "\(manyAnswer.head)")

            let tooMany = (0..<150).map { "X-N\($0): 1" }
            #expect(try await http.exchange(RawHTTP.request("GET", "/health", headers: tooMany)).status == 431)

            let withinLimits = "/health?q=" + String(repeating: "a", count: 8 * 1024)
            #expect(try await http.exchange(RawHTTP.request("GET", withinLimits, headers: ["X-Ok: " + String(repeating: "d", count: 8 * 1024)])).status == 200)
        }
    }

    @Test func aBodyOverItsRouteLimitIsRefusedFromTheHead() async throws {
        try await withLiveDocket { _, _, http in
            // The head alone, declaring 2 MB to a route that takes 1 MB: answered without the body.
            let head = raw("POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n")
            let answer = try await http.exchange(head)
            #expect(answer.status == 413, "\(answer.head)")
            #expect(answer.body.contains("1 MB"))

            // Chunked, with no length declared: refused once the chunks pass the limit.
            var chunked = raw("POST /sign-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n")
            for _ in 0..<20 { chunked += raw("10000\r\n") + Data(repeating: 0x61, count: 0x10000) + raw("\r\n") }
            chunked += raw("0\r\n\r\n")
            #expect(try await http.exchange(chunked, pieceSize: 64 * 1024).status == 413)

            // A client that asks before sending its body is told to go on, then answered.
            let upload = raw("POST /verify HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\nhello")
            let continued = try await http.exchange(upload)
            #expect(continued.head.hasPrefix("HTTP/1.1 100 Continue"), "\(continued.head)")
            #expect(String(decoding: continued.raw, as: UTF8.self).contains("HTTP/1.1 403"))
        }
    }

    @Test func oneConnectionCarriesSeveralRequestsAndHEADHasNoBody() async throws {
        try await withLiveDocket { _, _, http in
            let requests = raw("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                + raw("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
                + raw("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let answer = try await http.exchange(requests)
            let text = String(decoding: answer.raw, as: UTF8.self)
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 4, "\(text.prefix(2000))")
            let headAnswer = text.components(separatedBy: "HTTP/1.1 200 OK")[2]
            let headLength = headAnswer.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            #expect(Int(headLength?.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) ?? "") ?? 0 > 100)
            #expect(!headAnswer.contains("<html"), "HEAD carries no body")
            #expect(answer.header("Date").count == 1)
        }
    }

    @Test func theParserAnswerNamesTheLimit() {
        let (url, _) = MalformedRequestAnswer.answer(to: .headerOverflow, inRequestLine: true)
        let (headers, _) = MalformedRequestAnswer.answer(to: .headerOverflow, inRequestLine: false)
        let (other, text) = MalformedRequestAnswer.answer(to: .invalidHeaderToken, inRequestLine: false)
        #expect(url.code == 414)
        #expect(headers.code == 431)
        #expect(other.code == 400)
        #expect(text.contains("control characters"))
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}

/// The body limit is found from the path the router reads, whatever form the request target takes.
@Suite struct RouteBodyLimitTests {
    @Test func anUploadRouteIsFoundFromAnAbsoluteTargetToo() async throws {
        try await withDocket { app, _ in
            let limits = RouteBodyLimits(routes: app.routes)
            let id = UUID().uuidString
            #expect(limits.limit(method: .POST, uri: "/odr/\(id)/evidence") == BodyLimit.upload.value)
            #expect(limits.limit(method: .POST, uri: "http://127.0.0.1:8080/odr/\(id)/evidence") == BodyLimit.upload.value)
            #expect(limits.limit(method: .POST, uri: "/odr/\(id)/evidence?x=1") == BodyLimit.upload.value)
            #expect(limits.limit(method: .POST, uri: "/sign-in") == app.routes.defaultMaxBodySize.value)
            #expect(limits.limit(method: .GET, uri: "/odr/\(id)/evidence") == app.routes.defaultMaxBodySize.value)
        }
    }

    @Test func emptyLinesBeforeALongRequestLineStillGet414() async throws {
        try await withLiveDocket { _, _, http in
            let long = "\r\n\r\nGET /health?q=" + String(repeating: "a", count: 20 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n"
            let answer = try await http.exchange(Data(long.utf8))
            #expect(answer.status == 414, "\(answer.head)")
        }
    }
}
