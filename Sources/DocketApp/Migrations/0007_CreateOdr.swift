import DocketCore
import Fluent
import SQLKit

struct CreateOdr: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(OdrCaseRecord.schema)
            .id()
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("claimant_email", .string, .required)
            .field("claimant_name", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("language", .string, .required)
            .field("open", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .field("notified_at", .datetime)
            .field("swept_at", .datetime)
            .create()
        try await db.schema(OdrInvitationRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(OdrCaseRecord.schema, "id"))
            .field("respondent_email", .string, .required)
            .field("respondent_name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("account_id", .uuid)
            .unique(on: "token_hash")
            .create()
        try await db.schema(OdrRepresentativeRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(OdrCaseRecord.schema, "id"))
            .field("party", .string, .required)
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("added_at", .datetime, .required)
            .unique(on: "case_id", "account_id")
            .create()
        // Who acted in an ODR entry (an email), beside the role.
        try await db.schema(DocketEntryRecord.schema).field("party", .string).update()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "odr_cases_account").on(OdrCaseRecord.schema).column("account_id").run()
            try await sql.create(index: "odr_invitations_email").on(OdrInvitationRecord.schema).column("respondent_email").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(DocketEntryRecord.schema).deleteField("party").update()
        try await db.schema(OdrRepresentativeRecord.schema).delete()
        try await db.schema(OdrInvitationRecord.schema).delete()
        try await db.schema(OdrCaseRecord.schema).delete()
    }
}
