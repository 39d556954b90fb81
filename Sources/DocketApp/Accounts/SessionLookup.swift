import Fluent
import Foundation
import SQLKit

/// The session behind a cookie, and its account, read on every signed-in request: one plain
/// query on the token's index, its columns set on the records directly (no per-row reflection),
/// and the session's touches written as plain updates.
enum SessionLookup {
    /// The account's columns, each as `a_<column>`: written once, not per request.
    private static let accountColumns = ["sign_in_id", "email", "recovery_email", "kind", "staff_role", "law_society_number",
                                         "password_hash", "terms_version", "terms_accepted_at", "failed_sign_ins", "locked_until",
                                         "contact_id", "created_at"].map { "a.\($0) AS a_\($0)" }.joined(separator: ", ")

    static func find(tokenHash: String, on db: any Database) async throws -> SignedIn? {
        let sql = try db.sql
        guard let row = try await sql.raw("""
            SELECT s.id, s.account_id, s.created_at, s.last_seen_at, s.ended_at, s.end_reason, \(unsafeRaw: accountColumns)
            FROM account_sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = \(bind: tokenHash)
            """).first() else { return nil }
        let session = AccountSessionRecord()
        session.id = try row.decode(column: "id", as: UUID.self)
        session.tokenHash = tokenHash
        session.accountID = try row.decode(column: "account_id", as: UUID.self)
        session.createdAt = try row.decode(column: "created_at", as: Date.self)
        session.lastSeenAt = try row.decode(column: "last_seen_at", as: Date.self)
        session.endedAt = try row.decode(column: "ended_at", as: Date?.self)
        session.endReason = try row.decode(column: "end_reason", as: String?.self)
        session.$id.exists = true

        let account = AccountRecord()
        account.id = session.accountID
        account.signInID = try row.decode(column: "a_sign_in_id", as: String.self)
        account.email = try row.decode(column: "a_email", as: String.self)
        account.recoveryEmail = try row.decode(column: "a_recovery_email", as: String?.self)
        account.kind = try row.decode(column: "a_kind", as: String.self)
        account.staffRole = try row.decode(column: "a_staff_role", as: String?.self)
        account.lawSocietyNumber = try row.decode(column: "a_law_society_number", as: String?.self)
        account.passwordHash = try row.decode(column: "a_password_hash", as: String.self)
        account.termsVersion = try row.decode(column: "a_terms_version", as: String.self)
        account.termsAcceptedAt = try row.decode(column: "a_terms_accepted_at", as: Date?.self)
        account.failedSignIns = try row.decode(column: "a_failed_sign_ins", as: Int.self)
        account.lockedUntil = try row.decode(column: "a_locked_until", as: Date?.self)
        account.$contact.id = try row.decode(column: "a_contact_id", as: UUID?.self)
        account.createdAt = try row.decode(column: "a_created_at", as: Date.self)
        account.$id.exists = true
        return SignedIn(account: account, session: session)
    }

    /// Records that the session was used at `now`.
    static func touch(_ session: AccountSessionRecord, at now: Date, on db: any Database) async throws {
        let sql = try db.sql
        try await sql.update(AccountSessionRecord.schema).set("last_seen_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(session.id!)).run()
        session.lastSeenAt = now
    }

    /// Ends the session at `now` for `reason` (`idle`, `signed-out`, …).
    static func end(_ session: AccountSessionRecord, reason: String, at now: Date, on db: any Database) async throws {
        let sql = try db.sql
        try await sql.update(AccountSessionRecord.schema).set("ended_at", to: SQLBind(now)).set("end_reason", to: SQLBind(reason))
            .where("id", .equal, SQLBind(session.id!)).run()
        session.endedAt = now
        session.endReason = reason
    }
}
