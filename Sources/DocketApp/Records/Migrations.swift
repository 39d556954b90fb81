import Fluent
import SQLKit

/// The schema, in order. A released migration is never edited: a change is a new migration.
enum Migrations {
    static let all: [any AsyncMigration] = [CreateAccounts(), CreateSessions(), CreateOutbox(), CreateCourtOffices(), CreateSealedDocuments(), CreateClaims(), CreateOdr(), CreateRateLimits(), AddOutboxSensitive(), AddOfficeNamesAndShortCodes(), AddSealKinds()]
}

struct CreateAccounts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(ContactRecord.schema)
            .id()
            .field("account_id", .uuid, .required)
            .field("last_name", .string, .required)
            .field("first_name", .string, .required)
            .field("firm", .string, .required)
            .field("address", .string, .required)
            .field("city", .string, .required)
            .field("province", .string, .required)
            .field("country", .string, .required)
            .field("postal_code", .string, .required)
            .field("phone", .string, .required)
            .field("phone_extension", .string, .required)
            .field("fax", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await db.schema(AccountRecord.schema)
            .id()
            .field("sign_in_id", .string, .required)
            .field("email", .string, .required)
            .field("recovery_email", .string)
            .field("kind", .string, .required)
            .field("staff_role", .string)
            .field("law_society_number", .string)
            .field("password_hash", .string, .required)
            .field("terms_version", .string, .required)
            .field("terms_accepted_at", .datetime)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("contact_id", .uuid, .references(ContactRecord.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "sign_in_id")
            .unique(on: "email")
            .create()
        try await db.schema(SecurityAnswerRecord.schema)
            .id()
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("position", .int, .required)
            .field("question", .string, .required)
            .field("answer_hash", .string, .required)
            .unique(on: "account_id", "position")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SecurityAnswerRecord.schema).delete()
        try await db.schema(AccountRecord.schema).delete()
        try await db.schema(ContactRecord.schema).delete()
    }
}

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

struct CreateOutbox: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(OutboxRecord.schema)
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string, .required)
            .field("attachments", .string, .required)
            .field("created_at", .datetime, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("lease_until", .datetime)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "mail_outbox_due").on(OutboxRecord.schema).column("sent_at").column("next_attempt_at").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(OutboxRecord.schema).delete()
    }
}
