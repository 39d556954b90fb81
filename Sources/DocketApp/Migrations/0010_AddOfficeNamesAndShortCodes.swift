import DocketCore
import Fluent
import SQLKit

/// Court offices get a French name and a short code for file numbers. Offices already stored get
/// them made from their English name and code (administrators can correct the French name).
struct AddOfficeNamesAndShortCodes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column a statement: SQLite adds one at a time.
        try await db.schema(CourtOfficeRecord.schema).field("name_fr", .string, .required, .sql(.default(""))).update()
        try await db.schema(CourtOfficeRecord.schema).field("short_code", .string, .required, .sql(.default(""))).update()
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let code: String; let name: String }
        for row in try await sql.raw("SELECT code, name FROM \(ident: CourtOfficeRecord.schema)").all(decoding: Row.self) {
            try await sql.raw("""
                UPDATE \(ident: CourtOfficeRecord.schema) SET name_fr = \(bind: CourtOffice.frenchName(of: row.name)),
                  short_code = \(bind: CourtOffice.shortCode(of: row.code)) WHERE code = \(bind: row.code)
                """).run()
        }
        try await sql.create(index: "court_offices_short_code").on(CourtOfficeRecord.schema).column("short_code").unique().run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(CourtOfficeRecord.schema).deleteField("name_fr").update()
        try await db.schema(CourtOfficeRecord.schema).deleteField("short_code").update()
    }
}
