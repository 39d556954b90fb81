import Foundation
import NIOCore
import NIOHTTP1
import Vapor

/// Reads one request at a time from the connection, collects its body within the route's limit,
/// hands it to the application's responder (the same one the in-memory tests drive), and writes
/// the response with its length.
final class ResponderBridge: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let application: Application
    private let responder: any Vapor.Responder
    private let limits: RouteBodyLimits
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var limit = 0
    /// Set once the body went over its limit: the rest of the request is ignored and the
    /// connection closes after the 413.
    private var refused = false

    init(application: Application, responder: any Vapor.Responder, limits: RouteBodyLimits) {
        self.application = application
        self.responder = responder
        self.limits = limits
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = nil
            refused = false
            limit = limits.limit(method: head.method, uri: head.uri)
            if let declared = head.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
                refuseTooLarge(context: context)
            } else if head.headers.first(name: .expect)?.lowercased() == "100-continue" {
                let informational = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(Self.wrapOutboundOut(.head(informational)), promise: nil)
            }
        case .body(var chunk):
            guard !refused else { return }
            guard (body?.readableBytes ?? 0) + chunk.readableBytes <= limit else {
                refuseTooLarge(context: context)
                return
            }
            if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
        case .end:
            guard !refused, let head else { return }
            let collected = body
            self.head = nil
            body = nil
            respond(context: context, head: head, body: collected)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, body: ByteBuffer?) {
        let eventLoop = context.eventLoop
        let request = Request(
            application: application, method: head.method, url: URI(string: head.uri), version: head.version,
            headersNoUpdate: head.headers, collectedBody: body, remoteAddress: context.channel.remoteAddress,
            logger: application.logger, byteBufferAllocator: context.channel.allocator, on: eventLoop
        )
        responder.respond(to: request)
            .flatMap { response in response.body.collect(on: eventLoop).map { (response, $0) } }
            .hop(to: eventLoop)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let (response, body)):
                    self.write(context: context, status: response.status, headers: response.headers, body: body,
                               version: head.version, keepAlive: head.isKeepAlive)
                case .failure(let error):
                    self.application.logger.report(error: error)
                    self.writeText(context: context, status: .internalServerError, "Something went wrong on our side.\n",
                                   keepAlive: false)
                }
            }
    }

    private func refuseTooLarge(context: ChannelHandlerContext) {
        refused = true
        body = nil
        let megabytes = max(1, limit / 1_000_000)
        writeText(context: context, status: .payloadTooLarge,
                  "The request is too large: this address takes at most \(megabytes) MB.\n", keepAlive: false)
    }

    private func writeText(context: ChannelHandlerContext, status: HTTPResponseStatus, _ text: String, keepAlive: Bool) {
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        let headers = HTTPHeaders([("Content-Type", "text/plain; charset=utf-8"), ("X-Content-Type-Options", "nosniff")])
        write(context: context, status: status, headers: headers, body: buffer, version: .http1_1, keepAlive: keepAlive)
    }

    private func write(context: ChannelHandlerContext, status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer?,
                       version: HTTPVersion, keepAlive: Bool) {
        var headers = headers
        headers.remove(name: .transferEncoding)
        if status != .noContent, status != .notModified {
            headers.replaceOrAdd(name: .contentLength, value: String(body?.readableBytes ?? 0))
        }
        if !headers.contains(name: .date) { headers.add(name: .date, value: HTTPDate.now()) }
        if !keepAlive { headers.replaceOrAdd(name: .connection, value: "close") }
        context.write(Self.wrapOutboundOut(.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        if let body, body.readableBytes > 0 {
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        let written = context.writeAndFlush(Self.wrapOutboundOut(.end(nil)))
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}

/// The `Date` header's form (RFC 9110 §5.6.7): `Tue, 24 Nov 2026 14:05:09 GMT`.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func now() -> String { format(time(nil)) }

    static func format(_ seconds: time_t) -> String {
        var seconds = seconds
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
