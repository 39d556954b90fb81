import DocketCore
import Fluent
import SQLKit

struct CreateClaims: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(ClaimRecord.schema)
            .id()
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("language", .string, .required)
            .field("office_code", .string)
            .field("filed_year", .int)
            .field("file_number", .string)
            .field("issued_on", .string)
            .field("contact_id", .uuid)
            .field("fee_cents", .int64)
            .field("payment_reference", .string)
            .field("document_sha256", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .unique(on: "file_number")
            .create()
        try await db.schema(DocketEntryRecord.schema)
            .id()
            .field("case_id", .uuid, .required)
            .field("sequence", .int, .required)
            .field("recorded_at", .datetime, .required)
            .field("by_role", .string, .required)
            .field("actor_id", .uuid)
            .field("event", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "case_id", "sequence")
            .create()
        try await db.schema(FileNumberCounterRecord.schema)
            .id()
            .field("office_code", .string, .required)
            .field("year", .int, .required)
            .field("last", .int, .required)
            .unique(on: "office_code", "year")
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "claims_account").on(ClaimRecord.schema).column("account_id").run()
            try await sql.create(index: "claims_filer_office_year").on(ClaimRecord.schema)
                .column("account_id").column("office_code").column("filed_year").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(FileNumberCounterRecord.schema).delete()
        try await db.schema(DocketEntryRecord.schema).delete()
        try await db.schema(ClaimRecord.schema).delete()
    }
}
