import Fluent
import Foundation
import SQLKit

/// A record the hot pages read from plain rows: its columns are named once and set on the record
/// one by one, instead of through the model's reflection and query building on every row (a
/// `find` that way costs about a fifth). Writes still go through Fluent or plain statements.
protocol PlainRecord: Model {
    /// The columns `read` sets and `values` gives, in that order.
    static var columns: [String] { get }
    /// A stored record set from `row`.
    static func read(_ row: RowReader) throws -> Self
    /// The record's values for `columns`, for an insert.
    var values: [any Encodable & Sendable] { get }
}

/// One row, read column by column: `row("name")`.
struct RowReader {
    let row: any SQLRow

    func callAsFunction<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try row.decode(column: column, as: T.self)
    }
}

enum PlainRows {
    /// The record with `id`, or nil.
    static func find<T: PlainRecord>(_ type: T.Type, _ id: UUID, on db: any Database) async throws -> T? {
        try await all(type, where: "id = \(bind: id)", on: db).first
    }

    /// The records matching `condition` (which may end with an ORDER BY or LIMIT).
    static func all<T: PlainRecord>(_ type: T.Type, where condition: SQLQueryString, on db: any Database) async throws -> [T] {
        let select: SQLQueryString = "SELECT \(unsafeRaw: T.columns.joined(separator: ", ")) FROM \(unsafeRaw: T.schema) WHERE "
        return try await db.sql.raw(select + condition).all().map { try T.read(RowReader(row: $0)) }
    }

    /// How many rows `from` selects: a FROM clause with its conditions.
    static func count(_ from: SQLQueryString, on db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n " + from).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Inserts `records` (with their ids set), a few hundred a statement: bound values stay well
    /// under SQLite's and PostgreSQL's limits.
    static func insert<T: PlainRecord>(_ records: [T], on db: any Database) async throws {
        try await insert(records.map(\.values), into: T.schema, columns: T.columns, on: db)
        for r in records { r._$idExists = true }
    }

    /// Inserts rows of `values` for `columns` into `table`, a few hundred rows a statement.
    static func insert(_ rows: [[any Encodable & Sendable]], into table: String, columns: [String], on db: any Database) async throws {
        let per = max(1, 8_000 / max(1, columns.count))
        for start in stride(from: 0, to: rows.count, by: per) {
            let insert = try db.sql.insert(into: table).columns(columns)
            for row in rows[start..<min(rows.count, start + per)] { insert.values(row.map { SQLBind($0) }) }
            try await insert.run()
        }
    }
}

extension ClaimRecord: PlainRecord {
    static let columns = ["id", "account_id", "kind", "status", "content", "language", "created_at", "updated_at"]
    var values: [any Encodable & Sendable] { [id!, accountID, kind, status, content, language, createdAt, updatedAt] }

    static func read(_ r: RowReader) throws -> ClaimRecord {
        let c = ClaimRecord()
        c.id = try r("id"); c.accountID = try r("account_id"); c.kind = try r("kind"); c.status = try r("status")
        c.content = try r("content"); c.language = try r("language"); c.createdAt = try r("created_at"); c.updatedAt = try r("updated_at")
        c.$id.exists = true
        return c
    }
}

extension OdrCaseRecord: PlainRecord {
    static let columns = ["id", "account_id", "claimant_email", "claimant_name", "status", "content", "language", "open",
                          "created_at", "updated_at", "submitted_at", "notified_at", "swept_at"]
    var values: [any Encodable & Sendable] {
        [id!, accountID, claimantEmail, claimantName, status, content, language, open, createdAt, updatedAt, submittedAt, notifiedAt, sweptAt]
    }

    static func read(_ r: RowReader) throws -> OdrCaseRecord {
        let c = OdrCaseRecord()
        c.id = try r("id"); c.accountID = try r("account_id"); c.claimantEmail = try r("claimant_email")
        c.claimantName = try r("claimant_name"); c.status = try r("status"); c.content = try r("content"); c.language = try r("language")
        c.open = try r("open"); c.createdAt = try r("created_at"); c.updatedAt = try r("updated_at")
        c.submittedAt = try r("submitted_at"); c.notifiedAt = try r("notified_at"); c.sweptAt = try r("swept_at")
        c.$id.exists = true
        return c
    }
}

extension OdrInvitationRecord: PlainRecord {
    static let columns = ["id", "case_id", "respondent_email", "respondent_name", "token_hash", "created_at", "used_at", "account_id"]
    var values: [any Encodable & Sendable] { [id!, caseID, respondentEmail, respondentName, tokenHash, createdAt, usedAt, accountID] }

    static func read(_ r: RowReader) throws -> OdrInvitationRecord {
        let i = OdrInvitationRecord()
        i.id = try r("id"); i.caseID = try r("case_id"); i.respondentEmail = try r("respondent_email")
        i.respondentName = try r("respondent_name"); i.tokenHash = try r("token_hash"); i.createdAt = try r("created_at")
        i.usedAt = try r("used_at"); i.accountID = try r("account_id")
        i.$id.exists = true
        return i
    }
}

extension ContactRecord: PlainRecord {
    static let columns = ["id", "account_id", "last_name", "first_name", "firm", "address", "city", "province", "country",
                          "postal_code", "phone", "phone_extension", "fax", "recorded_at"]
    var values: [any Encodable & Sendable] {
        [id!, accountID, lastName, firstName, firm, address, city, province, country, postalCode, phone, phoneExtension, fax, recordedAt]
    }

    static func read(_ r: RowReader) throws -> ContactRecord {
        let c = ContactRecord()
        c.id = try r("id"); c.accountID = try r("account_id"); c.lastName = try r("last_name"); c.firstName = try r("first_name")
        c.firm = try r("firm"); c.address = try r("address"); c.city = try r("city"); c.province = try r("province")
        c.country = try r("country"); c.postalCode = try r("postal_code"); c.phone = try r("phone")
        c.phoneExtension = try r("phone_extension"); c.fax = try r("fax"); c.recordedAt = try r("recorded_at")
        c.$id.exists = true
        return c
    }
}

extension AccountRecord {
    /// The account's current contact details, if it gave any.
    func currentContact(on db: any Database) async throws -> ContactRecord? {
        guard let id = $contact.id else { return nil }
        return try await PlainRows.find(ContactRecord.self, id, on: db)
    }
}
