import Fluent
import Foundation
import SQLKit

/// A case's projection row and participants as plain SQL: every act rewrites them, so the
/// statements are written once here, without the model's reflection.
enum ProjectionRows {
    private static let columns = ["id", "kind", "stage", "office_code", "waiting_on", "next_deadline", "next_step", "file_number",
                                  "issued_on", "filing_year", "filer_account_id", "fee_cents", "document_sha256", "submitted_at",
                                  "first_party", "other_party", "balance_cents", "sweep_on", "last_sequence", "updated_at",
                                  "claimed_cents", "referral_reasons"]
    /// Inserts `row`, or replaces the case's row with it, in one statement. An office or filing
    /// year `row` does not name keeps the one stored; a row with neither takes `yearFallback`.
    static func write(_ row: CaseProjectionRecord, yearFallback: Int? = nil, on db: any Database) async throws {
        try await db.sql.insert(into: CaseProjectionRecord.schema).columns(columns).values(values(row).map { SQLBind($0) })
            .onConflict(with: "id") { update in
                for column in columns.dropFirst() {
                    if column == "filing_year" {
                        update.set(column, to: SQLQueryString("COALESCE(excluded.filing_year, \(ident: CaseProjectionRecord.schema).filing_year, \(bind: yearFallback))"))
                    } else if column == "office_code" {
                        update.set(column, to: SQLQueryString("COALESCE(excluded.office_code, \(ident: CaseProjectionRecord.schema).office_code)"))
                    } else {
                        update.set(excludedValueOf: column)
                    }
                }
                return update
            }.run()
    }

    /// Rows of cases not projected before (generated ones), a few hundred a statement.
    static func insert(_ rows: [CaseProjectionRecord], on db: any Database) async throws {
        try await PlainRows.insert(rows.map(values), into: CaseProjectionRecord.schema, columns: columns, on: db)
    }

    private static func values(_ row: CaseProjectionRecord) -> [any Encodable & Sendable] {
        [row.id!, row.kind, row.stage, row.officeCode, row.waitingOn, row.nextDeadline, row.nextStep, row.fileNumber,
         row.issuedOn, row.filingYear, row.filerAccountID, row.feeCents, row.documentSHA256, row.submittedAt,
         row.firstParty, row.otherParty, row.balanceCents, row.sweepOn, row.lastSequence, row.updatedAt,
         row.claimedCents, row.referralReasons]
    }

    /// The case's participants: each one's row id, account and role.
    static func participants(_ caseID: UUID, on db: any Database) async throws -> [(id: UUID, account: UUID, role: String)] {
        try await db.sql.raw("""
            SELECT id, account_id, role FROM \(ident: CaseParticipantRecord.schema) WHERE case_id = \(bind: caseID)
            """).all().map {
            (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "account_id", as: UUID.self),
             try $0.decode(column: "role", as: String.self))
        }
    }

    static func insert(_ records: [CaseParticipantRecord], on db: any Database) async throws {
        try await PlainRows.insert(records.map { [UUID(), $0.caseID, $0.accountID, $0.role, $0.party, $0.kind, $0.open, $0.updatedAt] },
                                   into: CaseParticipantRecord.schema,
                                   columns: ["id", "case_id", "account_id", "role", "party", "kind", "open", "updated_at"], on: db)
    }

    static func delete(_ ids: [UUID], on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        try await db.sql.delete(from: CaseParticipantRecord.schema).where(SQLIdentifier("id"), .in, SQLBind.group(ids)).run()
    }

    /// Sets every participant row of the case to the case's kind, openness and last activity.
    static func refresh(_ caseID: UUID, kind: String, open: Bool, at updatedAt: Date, on db: any Database) async throws {
        try await db.sql.update(CaseParticipantRecord.schema).set("kind", to: SQLBind(kind)).set("open", to: SQLBind(open))
            .set("updated_at", to: SQLBind(updatedAt)).where("case_id", .equal, SQLBind(caseID)).run()
    }
}
