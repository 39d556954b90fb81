import Fluent
import Vapor

/// Slows down password guessing: an account waits 15 minutes after 5 failed sign-ins, and one
/// network address may fail at most 20 times in 15 minutes across all accounts.
enum SignInGuard {
    static let accountFailures = 5
    static let addressFailures = 20
    static let window: TimeInterval = 15 * 60

    static func address(of request: Request) -> String {
        request.remoteAddress?.ipAddress ?? "unknown"
    }

    /// True when this address has failed too often recently.
    static func addressBlocked(_ request: Request) async throws -> Bool {
        let since = request.now.addingTimeInterval(-window)
        let failures = try await SignInAttemptRecord.query(on: request.db)
            .filter(\.$address == address(of: request))
            .filter(\.$succeeded == false)
            .filter(\.$at > since)
            .count()
        return failures >= addressFailures
    }

    /// Records an attempt, and forgets this address's attempts older than a day: only the last
    /// window matters, so the table stays small.
    static func record(_ request: Request, succeeded: Bool) async throws {
        let address = address(of: request)
        try await SignInAttemptRecord(address: address, succeeded: succeeded, at: request.now).create(on: request.db)
        try await SignInAttemptRecord.query(on: request.db)
            .filter(\.$address == address)
            .filter(\.$at < request.now.addingTimeInterval(-86_400))
            .delete()
    }

    static func isLocked(_ account: AccountRecord, at now: Date) -> Bool {
        if let until = account.lockedUntil, until > now { return true }
        return false
    }

    /// Counts a failure against the account, locking it at the limit.
    static func fail(_ account: AccountRecord, request: Request) async throws {
        account.failedSignIns += 1
        if account.failedSignIns >= accountFailures {
            account.lockedUntil = request.now.addingTimeInterval(window)
            account.failedSignIns = 0
            request.logger.notice("account locked after failed sign-ins", metadata: ["account": "\(account.id?.uuidString ?? "")"])
        }
        try await account.save(on: request.db)
    }

    static func succeed(_ account: AccountRecord, request: Request) async throws {
        account.failedSignIns = 0
        account.lockedUntil = nil
        try await account.save(on: request.db)
    }

    /// Spends the time of a password check when there is no account, so timing does not tell
    /// whether an identifier exists.
    static func spendVerifyTime(_ request: Request) async {
        _ = try? await request.password.async.verify("not the password", created: request.docket.dummyPasswordHash).get()
    }
}
