import DocketCore
import Fluent
import Foundation
import SQLKit

/// Cases get a projection row and their participants; docket entries say which kind of case they
/// belong to. Schema only, in one transaction, in plain schema statements: filling the projection
/// for cases recorded before this release is `CaseProjection.upgrade`, run after the migrations
/// with the configured rules and clock, so this migration never depends on code that changes later.
struct CreateCaseProjections: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.transaction { db in try await create(on: db) }
    }

    private func create(on db: any Database) async throws {
        try await db.schema("case_projections")
            .id()
            .field("kind", .string, .required)
            .field("stage", .string, .required)
            .field("office_code", .string)
            .field("waiting_on", .string)
            .field("next_deadline", .string)
            .field("next_step", .string)
            .field("file_number", .string)
            .field("issued_on", .string)
            .field("filing_year", .int)
            .field("filer_account_id", .uuid)
            .field("fee_cents", .int64)
            .field("document_sha256", .string)
            .field("submitted_at", .datetime)
            .field("last_sequence", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "file_number")
            .create()
        try await db.schema("case_participants")
            .id()
            .field("case_id", .uuid, .required)
            .field("account_id", .uuid, .required)
            .field("role", .string, .required)
            .field("party", .string)
            .unique(on: "case_id", "account_id", "role")
            .create()
        try await db.schema("docket_entries").field("case_kind", .string, .required, .sql(.default("court"))).update()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "case_projections_filer").on("case_projections")
            .column("filer_account_id").column("office_code").column("filing_year").run()
        try await sql.create(index: "case_projections_kind_stage").on("case_projections").column("kind").column("stage").run()
        try await sql.create(index: "case_projections_waiting").on("case_projections")
            .column("waiting_on").column("submitted_at").run()
        try await sql.create(index: "case_participants_account").on("case_participants").column("account_id").run()
        try await sql.raw("UPDATE docket_entries SET case_kind = 'odr' WHERE case_id IN (SELECT id FROM odr_cases)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(DocketEntryRecord.schema).deleteField("case_kind").update()
        try await db.schema("case_participants").delete()
        try await db.schema(CaseProjectionRecord.schema).delete()
    }
}
