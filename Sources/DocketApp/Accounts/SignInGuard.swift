import Fluent
import SQLKit
import Vapor

/// Slows down password guessing: an account waits 15 minutes after 5 failed sign-ins, and one
/// network address may fail at most 20 times in 15 minutes across all accounts.
///
/// Each attempt is counted *before* its password is checked, by a single atomic statement that
/// both checks the limit and records the attempt; a right password gives the count back. So 30
/// simultaneous guesses from one address, or at one account, get at most the limit checked.
enum SignInGuard {
    static let accountFailures = 5
    static let window: TimeInterval = 15 * 60
    static let addressRule = RateLimiter.Rule(name: "sign-in-address", limit: 20, window: window)

    /// Reserves an attempt for this address; false when it has failed too often recently.
    static func reserveAddress(_ request: Request) async throws -> Bool {
        try await RateLimiter.take(addressRule, key: request.clientAddress, now: request.now, on: request.db)
    }

    /// Reserves an attempt at `account`: false when it is locked, or when enough attempts are
    /// already in flight to lock it. One conditional UPDATE, so simultaneous attempts cannot all pass.
    static func reserve(_ account: AccountRecord, request: Request) async throws -> Bool {
        let sql = request.db as! any SQLDatabase
        let row = try await sql.raw("""
            UPDATE \(ident: AccountRecord.schema) SET failed_sign_ins = failed_sign_ins + 1
            WHERE id = \(bind: try account.requireID()) AND failed_sign_ins < \(bind: accountFailures)
              AND (locked_until IS NULL OR locked_until <= \(bind: request.now))
            RETURNING failed_sign_ins
            """).first()
        return row != nil
    }

    /// The reserved attempt failed: at the limit, the account is locked for the window.
    static func fail(_ account: AccountRecord, request: Request) async throws {
        let sql = request.db as! any SQLDatabase
        let locked = try await sql.raw("""
            UPDATE \(ident: AccountRecord.schema) SET locked_until = \(bind: request.now.addingTimeInterval(window)), failed_sign_ins = 0
            WHERE id = \(bind: try account.requireID()) AND failed_sign_ins >= \(bind: accountFailures)
            RETURNING id
            """).first()
        if locked != nil {
            request.logger.notice("account locked after failed sign-ins", metadata: ["account": "\(account.id?.uuidString ?? "")"])
        }
    }

    /// The reserved attempt succeeded: the account's count starts again and the address gets its
    /// attempt back.
    static func succeed(_ account: AccountRecord, request: Request) async throws {
        try await AccountRecord.query(on: request.db)
            .filter(\.$id == account.requireID())
            .set(\.$failedSignIns, to: 0)
            .set(\.$lockedUntil, to: nil)
            .update()
        try await RateLimiter.giveBack(addressRule, key: request.clientAddress, on: request.db)
    }

    /// Spends the time of a password check when there is no account, so timing does not tell
    /// whether an identifier exists.
    static func spendVerifyTime(_ request: Request) async {
        _ = try? await request.password.async.verify("not the password", created: request.docket.dummyPasswordHash).get()
    }
}
