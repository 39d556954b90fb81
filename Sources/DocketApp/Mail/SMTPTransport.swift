import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// SMTP delivery (RFC 5321) from `SMTP_URL`:
/// `smtp://[user:pass@]host[:port]` (plain, upgraded with STARTTLS when the server offers it),
/// `smtps://…` (TLS from the start, port 465 by default). `?starttls=required` refuses a server
/// that cannot upgrade; `?tls_ca=/path.pem` trusts an extra certificate authority (a test server's).
/// AUTH PLAIN is used when credentials are given and the server offers it. A conversation that
/// takes longer than `?timeout=` seconds (default 60) is cut off, so a silent server cannot hold
/// the delivery worker.
public struct SMTPTransport: MailTransport {
    let host: String
    let port: Int
    let username: String?
    let password: String?
    let implicitTLS: Bool
    let requireStartTLS: Bool
    let caFile: String?
    let heloName: String
    let timeout: Int64

    public init(url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              scheme == "smtp" || scheme == "smtps", let host = components.host, !host.isEmpty else {
            throw SMTPError.badURL
        }
        self.host = host
        implicitTLS = scheme == "smtps"
        port = components.port ?? (implicitTLS ? 465 : 25)
        username = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        let query = components.queryItems ?? []
        requireStartTLS = query.contains { $0.name == "starttls" && $0.value == "required" }
        caFile = query.first { $0.name == "tls_ca" }?.value
        heloName = query.first { $0.name == "helo" }?.value ?? "docket.localhost"
        timeout = query.first { $0.name == "timeout" }?.value.flatMap(Int64.init) ?? 60
    }

    public func deliver(_ message: MailMessage) async throws {
        let session = try await SMTPSession.connect(host: host, port: port, tls: implicitTLS ? try tlsContext() : nil,
                                                    serverHostname: Self.isIPAddress(host) ? nil : host,
                                                    deadline: .seconds(timeout))
        do {
            try await session.expect(220)
            var capabilities = try await session.command("EHLO \(heloName)", expect: 250)
            if !implicitTLS {
                if capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
                    _ = try await session.command("STARTTLS", expect: 220)
                    try await session.startTLS(context: try tlsContext(), serverHostname: Self.isIPAddress(host) ? nil : host)
                    capabilities = try await session.command("EHLO \(heloName)", expect: 250)
                } else if requireStartTLS {
                    throw SMTPError.noStartTLS
                }
            }
            if let username, let password {
                let auth = capabilities.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
                guard auth.split(separator: " ").contains("PLAIN") else { throw SMTPError.noAuthPlain }
                let credentials = Data(("\0" + username + "\0" + password).utf8).base64EncodedString()
                _ = try await session.command("AUTH PLAIN \(credentials)", expect: 235, secret: true)
            }
            _ = try await session.command("MAIL FROM:<\(MIMEMessage.address(message.from))>", expect: 250)
            _ = try await session.command("RCPT TO:<\(MIMEMessage.address(message.to))>", expect: 250, 251)
            _ = try await session.command("DATA", expect: 354)
            try await session.sendData(MIMEMessage.render(message, date: Date()))
            try await session.expect(250)
            _ = try? await session.command("QUIT", expect: 221)
        } catch {
            await session.close()
            throw error
        }
        await session.close()
    }

    /// TLS names a server by host name; an IP address is checked against the certificate instead.
    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }

    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        return try NIOSSLContext(configuration: configuration)
    }
}

enum SMTPError: Error, CustomStringConvertible {
    case badURL
    case noStartTLS
    case noAuthPlain
    case unexpectedReply(command: String, code: Int, text: String)
    case connectionClosed

    var description: String {
        switch self {
        case .badURL: "SMTP_URL must look like smtp://user:pass@host:port or smtps://host"
        case .noStartTLS: "the SMTP server does not offer STARTTLS and starttls=required is set"
        case .noAuthPlain: "the SMTP server does not offer AUTH PLAIN"
        case let .unexpectedReply(command, code, text): "SMTP server answered \(command) with \(code) \(text)"
        case .connectionClosed: "the SMTP server closed the connection"
        }
    }
}

/// One SMTP conversation over a NIO channel: lines in through an async stream, commands out.
final class SMTPSession: @unchecked Sendable {
    let channel: any Channel
    private var lines: AsyncThrowingStream<String, any Error>.AsyncIterator
    private var lastCommand = "greeting"
    private var cutOff: Scheduled<Void>?

    private init(channel: any Channel, lines: AsyncThrowingStream<String, any Error>) {
        self.channel = channel
        self.lines = lines.makeAsyncIterator()
    }

    static func connect(host: String, port: Int, tls: NIOSSLContext?, serverHostname: String?,
                        deadline: TimeAmount) async throws -> SMTPSession {
        let (stream, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: serverHostname), name: "tls")
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ReplyLineDecoder()), name: "lines")
                    try channel.pipeline.syncOperations.addHandler(LineCollector(continuation: continuation))
                }
            }
            .connect(host: host, port: port).get()
        let session = SMTPSession(channel: channel, lines: stream)
        session.cutOff = channel.eventLoop.scheduleTask(in: deadline) { channel.close(promise: nil) }
        return session
    }

    /// Reads one reply (all its lines) and checks its code; returns the text of each line.
    @discardableResult
    func expect(_ codes: Int...) async throws -> [String] {
        try await expect(codes)
    }

    func expect(_ codes: [Int]) async throws -> [String] {
        var texts: [String] = []
        while true {
            guard let line = try await lines.next() else { throw SMTPError.connectionClosed }
            let code = Int(line.prefix(3)) ?? 0
            texts.append(String(line.dropFirst(4)))
            let more = line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-"
            if !more {
                guard codes.contains(code) else {
                    throw SMTPError.unexpectedReply(command: lastCommand, code: code, text: texts.joined(separator: " "))
                }
                return texts
            }
        }
    }

    func command(_ line: String, expect codes: Int..., secret: Bool = false) async throws -> [String] {
        lastCommand = secret ? String(line.prefix(10)) + "…" : String(line.prefix(40))
        try await write(line + "\r\n")
        return try await expect(codes)
    }

    /// Sends the message body after DATA with dot-stuffing and the closing line.
    func sendData(_ body: String) async throws {
        lastCommand = "message body"
        let stuffed = body.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
        try await write(stuffed + "\r\n.\r\n")
    }

    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
        try await channel.pipeline.addHandler(handler, name: "tls", position: .first).get()
    }

    private func write(_ text: String) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(string: text)).get()
    }

    func close() async {
        cutOff?.cancel()
        try? await channel.close().get()
    }
}

/// Hands each received line (without its line ending) to the session.
private final class LineCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncThrowingStream<String, any Error>.Continuation

    init(continuation: AsyncThrowingStream<String, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        var line = buffer.readString(length: buffer.readableBytes) ?? ""
        if line.hasSuffix("\r") { line.removeLast() }
        continuation.yield(line)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}

/// Splits what the server sends into lines at each line feed.
private struct ReplyLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
              let line = buffer.readSlice(length: end - buffer.readerIndex) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}
