import DocketCore
import Fluent

/// Marks outbox messages that carry single-use links, so they can be scrubbed once delivered.
struct AddOutboxSensitive: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(OutboxRecord.schema).field("sensitive", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(OutboxRecord.schema).deleteField("sensitive").update()
    }
}
