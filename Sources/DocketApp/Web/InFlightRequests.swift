import NIOConcurrencyHelpers
import Vapor

/// Counts requests being handled, so a stop can wait for them before the database goes away.
final class InFlightRequests: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }

    /// Waits until no request is in flight or `deadline` passes; true when none is left.
    func drained(by deadline: ContinuousClock.Instant) async -> Bool {
        while current > 0 {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    struct Middleware: AsyncMiddleware {
        let requests: InFlightRequests

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            requests.count.withLockedValue { $0 += 1 }
            defer { requests.count.withLockedValue { $0 -= 1 } }
            return try await next.respond(to: request)
        }
    }
}

struct InFlightRequestsKey: StorageKey { typealias Value = InFlightRequests }

extension Application {
    var inFlightRequests: InFlightRequests {
        if let existing = storage[InFlightRequestsKey.self] { return existing }
        let made = InFlightRequests()
        storage[InFlightRequestsKey.self] = made
        return made
    }

    /// A graceful stop: no new connections, then every request in flight and the background work
    /// finish (within `grace`), then the database and the rest shut down. Returns false when some
    /// request was still running at the end of the grace period; the caller should then exit
    /// without shutting down, so that request never finds its database gone.
    public func stopGracefully(grace: Duration) async -> Bool {
        let deadline = ContinuousClock.now + grace
        await server.shutdown()
        guard await inFlightRequests.drained(by: deadline) else {
            logger.error("stopped with \(inFlightRequests.current) request(s) still running after the grace period")
            return false
        }
        try? await asyncShutdown()
        return true
    }
}
