import DocketCore
import Fluent
import Foundation
import SQLKit

/// Cases get a projection row and their participants; docket entries say which kind of case they
/// belong to. Claims keep only their drafts: a submitted claim's stage, file number, issue date,
/// fee and sealed document now come from its docket. Claims submitted before this release get
/// their projection from a fold of their docket, and the sealed document recorded on the claim's
/// row is entered on its docket (by the system). The claim columns those values lived in stay in
/// the table, unread, so an older release's data is never lost.
struct CreateCaseProjections: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(CaseProjectionRecord.schema)
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
        try await db.schema(CaseParticipantRecord.schema)
            .id()
            .field("case_id", .uuid, .required)
            .field("account_id", .uuid, .required)
            .field("role", .string, .required)
            .field("party", .string)
            .unique(on: "case_id", "account_id", "role")
            .create()
        try await db.schema(DocketEntryRecord.schema).field("case_kind", .string, .required, .sql(.default("court"))).update()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "case_projections_filer").on(CaseProjectionRecord.schema)
            .column("filer_account_id").column("office_code").column("filing_year").run()
        try await sql.create(index: "case_projections_waiting").on(CaseProjectionRecord.schema)
            .column("waiting_on").column("submitted_at").run()
        try await sql.create(index: "case_participants_account").on(CaseParticipantRecord.schema).column("account_id").run()
        try await sql.raw("""
            UPDATE \(ident: DocketEntryRecord.schema) SET case_kind = 'odr'
            WHERE case_id IN (SELECT id FROM \(ident: OdrCaseRecord.schema))
            """).run()
        try await projectSubmittedClaims(sql, db)
    }

    private func projectSubmittedClaims(_ sql: any SQLDatabase, _ db: any Database) async throws {
        struct Row: Decodable { let id: UUID; let document_sha256: String?; let submitted_at: Date? }
        let rows = try await sql.raw("""
            SELECT id, document_sha256, submitted_at FROM \(ident: ClaimRecord.schema) WHERE status <> 'draft'
            """).all(decoding: Row.self)
        for row in rows {
            var summary = CaseFold.fold(try await CaseDocket.entries(of: row.id, on: db), rules: RuleSets.ontarioSmallClaims, now: Date())
            if let sha = row.document_sha256, summary.issuedOn != nil, summary.sealedSHA256 == nil {
                try await CaseDocket.append([.claimSealed(sha256: sha)], by: .system, to: row.id, at: row.submitted_at ?? Date(), on: db)
                summary = CaseFold.fold(try await CaseDocket.entries(of: row.id, on: db), rules: RuleSets.ontarioSmallClaims, now: Date())
            }
            try await CaseProjection.rewrite(row.id, summary, lastSequence: try await CaseDocket.lastSequence(of: row.id, on: db),
                                             office: try await legacyOffice(sql, row.id), at: Date(), on: db)
        }
        try await sql.raw("UPDATE \(ident: ClaimRecord.schema) SET status = 'submitted' WHERE status <> 'draft'").run()
    }

    /// Claims submitted before parties had ids name no office on their docket: it is on the row.
    private func legacyOffice(_ sql: any SQLDatabase, _ id: UUID) async throws -> String? {
        struct Office: Decodable { let office_code: String? }
        return try await sql.raw("SELECT office_code FROM \(ident: ClaimRecord.schema) WHERE id = \(bind: id)")
            .first(decoding: Office.self)?.office_code
    }

    func revert(on db: any Database) async throws {
        try await db.schema(DocketEntryRecord.schema).deleteField("case_kind").update()
        try await db.schema(CaseParticipantRecord.schema).delete()
        try await db.schema(CaseProjectionRecord.schema).delete()
    }
}
