import DocketCore
import Fluent
import SQLKit

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
