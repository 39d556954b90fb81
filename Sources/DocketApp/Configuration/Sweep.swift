import Vapor

/// What the background loop does besides mail: ODR lapses, reminders and defaults, issues to
/// finish, and old rate-limit windows.
enum Sweep {
    static func run(app: Application) async throws {
        try await OdrSweep.run(app: app)
        try await ClaimFiling.completePendingIssues(app: app)
        try await RateLimiter.prune(now: app.docket.clock.now(), on: app.db)
    }
}
