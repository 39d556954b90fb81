import Fluent
import Foundation

/// A signed-in session. The cookie holds a random token; only its SHA-256 is stored, so a copy of
/// the database does not let anyone sign in.
final class AccountSessionRecord: Model, @unchecked Sendable {
    static let schema = "account_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    /// `signed-out`, `idle`, or `password-changed`.
    @OptionalField(key: "end_reason") var endReason: String?

    init() {}
}

/// A single-use password reset link (30 minutes) or staff set-up link.
final class PasswordResetRecord: Model, @unchecked Sendable {
    static let schema = "password_resets"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

/// Every sign-in or recovery attempt, by network address, for per-address throttling.
final class SignInAttemptRecord: Model, @unchecked Sendable {
    static let schema = "sign_in_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "address") var address: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "at") var at: Date

    init() {}
    init(address: String, succeeded: Bool, at: Date) {
        self.address = address; self.succeeded = succeeded; self.at = at
    }
}
