import Foundation
import Testing
import Vapor
import DocketCore
@testable import DocketApp
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP client for what only a real socket shows: bodies that arrive in many reads, raw
/// header bytes, malformed requests. It sends the bytes in pieces of the size asked, then reads
/// until the server closes the connection (requests say `Connection: close`).
struct RawHTTP: Sendable {
    let port: Int

    struct Response: Sendable {
        let raw: Data
        /// The status line's code, or nil when the server closed without answering.
        var status: Int? {
            guard let line = head.split(separator: "\r\n").first, line.hasPrefix("HTTP/1.1 ") else { return nil }
            return Int(line.dropFirst(9).prefix(3))
        }
        var head: String {
            guard let end = raw.firstRange(of: Data("\r\n\r\n".utf8)) else { return String(decoding: raw, as: UTF8.self) }
            return String(decoding: raw[..<end.lowerBound], as: UTF8.self)
        }
        var body: String {
            guard let end = raw.firstRange(of: Data("\r\n\r\n".utf8)) else { return "" }
            return String(decoding: raw[end.upperBound...], as: UTF8.self)
        }
        func header(_ name: String) -> [String] {
            head.split(separator: "\r\n").dropFirst().compactMap { line in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == name.lowercased() else { return nil }
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// Sends `request` in pieces of `pieceSize` bytes (pausing between them) and reads the answer.
    func exchange(_ request: Data, pieceSize: Int = 1 << 30, pause: TimeInterval = 0) async throws -> Response {
        let port = self.port
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.blockingExchange(port: port, request, pieceSize: pieceSize, pause: pause) })
            }
        }
    }

    /// A request with the given head lines and body, `Connection: close` and a Content-Length added.
    static func request(_ method: String, _ target: String, headers: [String] = [], body: Data = Data()) -> Data {
        var head = ["\(method) \(target) HTTP/1.1", "Host: 127.0.0.1", "Connection: close"] + headers
        if !body.isEmpty || method == "POST" { head.append("Content-Length: \(body.count)") }
        return Data((head.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }

    struct SocketError: Error { let what: String }

    private static func blockingExchange(port: Int, _ request: Data, pieceSize: Int, pause: TimeInterval) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(what: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw SocketError(what: "connect") }
        var offset = 0
        while offset < request.count {
            let end = min(request.count, offset + pieceSize)
            let sent = request[offset..<end].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { break }   // the server closed early; read what it said
            offset += sent
            if pause > 0, offset < request.count { Thread.sleep(forTimeInterval: pause) }
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        return Response(raw: received)
    }
}

/// Runs `body` with Docket listening on a real loopback port as well as in memory.
func withLiveDocket(settings adjust: (inout Settings) -> Void = { _ in },
                    _ body: (Application, FixedClock, RawHTTP) async throws -> Void) async throws {
    try await withDocket(settings: adjust) { app, clock in
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            let port = try #require(app.docketServer.localAddress?.port)
            try await body(app, clock, RawHTTP(port: port))
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }
}
