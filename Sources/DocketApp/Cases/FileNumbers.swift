import Fluent
import SQLKit
import Vapor

enum FileNumbers {
    struct OfficeGone: Error {}

    /// The next court file number at `office` in `year`: `<SHORT CODE>-SC-<YY>-<000001>`, such as
    /// `TOR47-SC-26-000001`. The counter row (kept by the office's full code, so numbers issued
    /// before short codes existed go on in the same sequence) is incremented in the caller's
    /// transaction, so numbers are neither repeated nor skipped: a refused issue rolls it back.
    static func next(office code: String, year: Int, on db: any Database) async throws -> String {
        let table = FileNumberCounterRecord.schema
        // One statement: the counter moves on and the office's short code comes back with it.
        let row = try await db.sql.raw("""
            INSERT INTO \(ident: table) (id, office_code, year, last) VALUES (\(bind: UUID()), \(bind: code), \(bind: year), 1)
            ON CONFLICT (office_code, year) DO UPDATE SET last = \(ident: table).last + 1
            RETURNING last, (SELECT short_code FROM \(ident: CourtOfficeRecord.schema) WHERE code = \(bind: code)) AS short_code
            """).first()
        guard let row, let last = try? row.decode(column: "last", as: Int.self) else { throw StatusMove.DatabaseNotSQL() }
        guard let shortCode = try row.decode(column: "short_code", as: String?.self) else { throw OfficeGone() }
        return String(format: "%@-SC-%02d-%06d", shortCode, year % 100, last)
    }
}
