import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import Vapor

/// Docket's HTTP/1.1 server, in place of Vapor's, whose connection pipeline cannot be extended:
/// that pipeline closes the connection without a word on a malformed request head, where HTTP
/// asks for 400, 414 or 431. This one answers those (`MalformedRequestAnswer`), refuses a body
/// over its route's limit from the head alone (`RouteBodyLimits`), and otherwise hands each
/// request to the application's responder. A stop closes the listening socket, lets each
/// connection finish the request it is on, then closes it.
final class DocketServer: Server, Sendable {
    private struct Running: @unchecked Sendable {
        let channel: Channel
        let quiesce: ServerQuiescingHelper
        let stopped: EventLoopPromise<Void>
    }

    private let application: Application
    private let running = NIOLockedValueBox<Running?>(nil)

    init(application: Application) {
        self.application = application
    }

    /// Completes when a started server has stopped (at once when it is not running).
    var onShutdown: EventLoopFuture<Void> {
        running.withLockedValue { $0?.stopped.futureResult } ?? application.eventLoopGroup.any().makeSucceededVoidFuture()
    }

    /// The address the server listens on (with the port chosen when it was asked for port 0).
    var localAddress: SocketAddress? { running.withLockedValue { $0?.channel.localAddress } }

    func start(address: BindAddress?) async throws {
        let configuration = application.http.server.configuration
        let group = application.eventLoopGroup
        let quiesce = ServerQuiescingHelper(group: group)
        let limits = RouteBodyLimits(routes: application.routes)
        let application = self.application
        // Built once: `responder.current` builds the router and the middleware chain anew on each call.
        let responder = application.responder.current
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: Int32(configuration.backlog))
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let progress = RequestHeadProgress()
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withErrorHandling: false, withEncoderConfiguration: .init(),
                        withDecoderLimitConfiguration: MalformedRequestAnswer.limits
                    )
                    try pipeline.addHandler(RequestLineWatch(progress: progress), position: .first)
                    try pipeline.addHandlers([
                        MalformedRequestAnswer(progress: progress),
                        ResponderBridge(application: application, responder: responder, limits: limits),
                    ])
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: configuration.tcpNoDelay ? 1 : 0)
            .childChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 1)

        let channel: Channel
        switch address ?? configuration.address {
        case .hostname(let hostname, let port):
            channel = try await bootstrap.bind(host: hostname ?? configuration.hostname, port: port ?? configuration.port).get()
        case .unixDomainSocket(let path):
            channel = try await bootstrap.bind(unixDomainSocketPath: path).get()
        }
        running.withLockedValue { $0 = Running(channel: channel, quiesce: quiesce, stopped: channel.eventLoop.makePromise()) }
        if let local = channel.localAddress, let port = local.port {
            let host = local.ipAddress.map { local.protocol == .inet6 ? "[\($0)]" : $0 } ?? configuration.hostname
            configuration.logger.notice("Server started on http://\(host):\(port)")
        } else if case .unixDomainSocket(let path) = address ?? configuration.address {
            configuration.logger.notice("Server started on http+unix: \(path)")
        }
    }

    func start(address: BindAddress?) throws {
        try application.eventLoopGroup.any().makeFutureWithTask { try await self.start(address: address) }.wait()
    }

    /// Stops accepting, then waits (up to the configured shutdown timeout) for each connection to
    /// finish its request and close; any still open then are left to the application's shutdown.
    func shutdown() async {
        guard let current = running.withLockedValue({ value -> Running? in defer { value = nil }; return value }) else { return }
        let eventLoop = current.channel.eventLoop
        let done = eventLoop.makePromise(of: Void.self)
        let timeout = application.http.server.configuration.shutdownTimeout
        let deadline = eventLoop.scheduleTask(in: timeout) { done.fail(ChannelError.ioOnClosedChannel) }
        current.quiesce.initiateShutdown(promise: done)
        do {
            try await done.futureResult.get()
        } catch {
            application.logger.warning("connections still open \(timeout.nanoseconds / 1_000_000_000) s after the stop began were closed")
        }
        deadline.cancel()
        current.stopped.succeed(())
    }

    func shutdown() {
        try? application.eventLoopGroup.any().makeFutureWithTask { await self.shutdown() }.wait()
    }
}

struct DocketServerKey: StorageKey { typealias Value = DocketServer }

extension Application {
    /// Docket's server: one for the application, as `app.server` asks for it anew each time.
    var docketServer: DocketServer {
        if let existing = storage[DocketServerKey.self] { return existing }
        let made = DocketServer(application: self)
        storage[DocketServerKey.self] = made
        return made
    }
}
