import Fluent
import Foundation
import SQLKit

/// Docket entries as plain SQL rows: every act reads a case's whole docket and appends to it, so
/// these statements are written once here, and rows are set on the records column by column
/// instead of through the model's reflection.
enum DocketRows {
    static let columns = ["id", "case_id", "case_kind", "sequence", "recorded_at", "by_role", "actor_id", "party", "event",
                          "previous_hash", "hash"]
    private static let columnList = columns.joined(separator: ", ")

    /// The case's entries, in order.
    static func read(_ caseID: UUID, on db: any Database) async throws -> [DocketEntryRecord] {
        try await db.sql.raw("""
            SELECT \(unsafeRaw: columnList) FROM \(ident: DocketEntryRecord.schema) WHERE case_id = \(bind: caseID) ORDER BY sequence
            """).all().map(record)
    }

    /// The sequence of the case's last entry, 0 when it has none.
    static func lastSequence(_ caseID: UUID, on db: any Database) async throws -> Int {
        try await db.sql.raw("""
            SELECT COALESCE(MAX(sequence), 0) AS last FROM \(ident: DocketEntryRecord.schema) WHERE case_id = \(bind: caseID)
            """).first()?.decode(column: "last", as: Int.self) ?? 0
    }

    /// Writes `records` (a few hundred a statement).
    static func insert(_ records: [DocketEntryRecord], on db: any Database) async throws {
        let rows: [[any Encodable & Sendable]] = records.map { r in
            let id = r.id ?? UUID()
            r.id = id
            return [id, r.caseID, r.caseKind, r.sequence, r.recordedAt, r.byRole, r.actorID, r.party, r.event, r.previousHash, r.hash]
        }
        try await PlainRows.insert(rows, into: DocketEntryRecord.schema, columns: columns, on: db)
        for r in records { r.$id.exists = true }
    }

    static func record(_ row: any SQLRow) throws -> DocketEntryRecord {
        let r = DocketEntryRecord()
        r.id = try row.decode(column: "id", as: UUID.self)
        r.caseID = try row.decode(column: "case_id", as: UUID.self)
        r.caseKind = try row.decode(column: "case_kind", as: String.self)
        r.sequence = try row.decode(column: "sequence", as: Int.self)
        r.recordedAt = try row.decode(column: "recorded_at", as: Date.self)
        r.byRole = try row.decode(column: "by_role", as: String.self)
        r.actorID = try row.decode(column: "actor_id", as: UUID?.self)
        r.party = try row.decode(column: "party", as: String?.self)
        r.event = try row.decode(column: "event", as: String.self)
        r.previousHash = try row.decode(column: "previous_hash", as: String.self)
        r.hash = try row.decode(column: "hash", as: String.self)
        r.$id.exists = true
        return r
    }
}
