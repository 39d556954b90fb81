import DocketCore
import Fluent
import SQLKit

struct CreateSessions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(AccountSessionRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("end_reason", .string)
            .unique(on: "token_hash")
            .create()
        try await db.schema(PasswordResetRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await db.schema(SignInAttemptRecord.schema)
            .id()
            .field("address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "sign_in_attempts_address_at").on(SignInAttemptRecord.schema).column("address").column("at").run()
            try await sql.create(index: "account_sessions_account").on(AccountSessionRecord.schema).column("account_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SignInAttemptRecord.schema).delete()
        try await db.schema(PasswordResetRecord.schema).delete()
        try await db.schema(AccountSessionRecord.schema).delete()
    }
}
