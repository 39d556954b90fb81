import NIOCore
import NIOHTTP1

/// Where the request being read stands, shared by the two handlers below: the parser reports one
/// "header overflow" for a long URL and for long headers, and only the bytes tell them apart.
final class RequestHeadProgress {
    /// True until the current request's first line ends.
    var inRequestLine = true
    /// The length of the current request's first line so far.
    var requestLineBytes = 0

    /// True when the request line itself is over the parser's limit for one field.
    var requestLineTooLong: Bool {
        inRequestLine || requestLineBytes > MalformedRequestAnswer.limits.maxHeaderFieldSize
    }

    func startRequest() {
        inRequestLine = true
        requestLineBytes = 0
    }
}

/// Sits before the HTTP parser and notes when a request's first line has ended.
final class RequestLineWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let progress: RequestHeadProgress

    init(progress: RequestHeadProgress) { self.progress = progress }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if progress.inRequestLine {
            var bytes = Self.unwrapInboundIn(data).readableBytesView
            // Empty lines before a request line are allowed (RFC 9112, 2.2) and are not part of it.
            if progress.requestLineBytes == 0 {
                bytes = bytes.drop { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
            }
            if let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                progress.inRequestLine = false
                progress.requestLineBytes += end - bytes.startIndex
            } else {
                progress.requestLineBytes += bytes.count
            }
        }
        context.fireChannelRead(data)
    }
}

/// Answers a request the parser refused with the status HTTP gives it, then closes the
/// connection: 414 for a URL over the limit, 431 for headers over it, 400 for anything else
/// (a control character in a header, a malformed request line, bad framing).
final class MalformedRequestAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let progress: RequestHeadProgress
    private var responseUnderway = false

    init(progress: RequestHeadProgress) { self.progress = progress }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = Self.unwrapInboundIn(data) { progress.startRequest() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch Self.unwrapOutboundIn(data) {
        case .head(let head) where head.status.code < 200: break
        case .head: responseUnderway = true
        case .body: break
        case .end: responseUnderway = false
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !responseUnderway else {
            context.close(promise: nil)
            return
        }
        let (status, text) = Self.answer(to: parserError, inRequestLine: progress.requestLineTooLong)
        var body = context.channel.allocator.buffer(capacity: text.utf8.count)
        body.writeString(text)
        let headers = HTTPHeaders([
            ("Content-Type", "text/plain; charset=utf-8"), ("X-Content-Type-Options", "nosniff"),
            ("Content-Length", String(body.readableBytes)), ("Connection", "close"),
        ])
        context.write(Self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(Self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let context = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.value.writeAndFlush(Self.wrapOutboundOut(.end(nil))).whenComplete { _ in
            context.value.close(promise: nil)
        }
    }

    static func answer(to error: HTTPParserError, inRequestLine: Bool) -> (HTTPResponseStatus, String) {
        switch error {
        case .headerOverflow where inRequestLine:
            return (.uriTooLong, "The address is too long: at most \(MalformedRequestAnswer.limits.maxHeaderFieldSize) bytes.\n")
        case .headerOverflow:
            return (.requestHeaderFieldsTooLarge,
                    "The request's headers are too large: at most \(limits.maxHeaderFieldSize) bytes each, "
                    + "\(limits.maxHeaderListSize) in all, and \(limits.maxHeaderFieldCount) headers.\n")
        default:
            return (.badRequest, "The request is malformed (\(error)). Headers may not hold control characters.\n")
        }
    }

    /// The parser's limits: a URL or one header up to 16 KB, 32 KB of headers, 100 of them.
    static let limits: NIOHTTPDecoderLimitConfiguration = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = 16 * 1024
        limits.maxHeaderListSize = 32 * 1024
        limits.maxHeaderFieldCount = 100
        return limits
    }()
}
