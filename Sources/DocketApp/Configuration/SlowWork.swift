import NIOPosix
import Vapor

/// Threads for work too slow for an event loop: laying out and sealing a document and keeping
/// its file (which waits for the disk). The event loops stay free to answer other requests and to
/// carry on the transactions waiting on them; SQLite's statements keep the shared pool to themselves.
final class SlowWork: LifecycleHandler, Sendable {
    let pool = NIOThreadPool(numberOfThreads: max(2, System.coreCount))

    init() {
        pool.start()
    }

    /// Runs `work` on one of these threads and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(work)
    }

    func shutdownAsync(_ app: Application) async {
        try? await pool.shutdownGracefully()
    }
}
