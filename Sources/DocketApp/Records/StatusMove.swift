import Fluent
import Foundation
import FluentSQLiteDriver
import SQLKit

enum StatusMove {
    /// Sets `status` of row `id` in `table` from `from` to `to` in one statement; false if the row
    /// was not in `from` (someone else moved it first). Being a write, it also takes SQLite's
    /// write lock and the PostgreSQL row lock for the rest of the transaction.
    static func move(_ table: String, id: UUID, from: String, to: String, on db: any Database) async throws -> Bool {
        let rows = try await db.sql.raw("""
            UPDATE \(ident: table) SET status = \(bind: to) WHERE id = \(bind: id) AND status = \(bind: from) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    struct DatabaseNotSQL: Error {}
}

extension Database {
    /// This database as SQL: both of Docket's databases are (SQLite's read through `LiteSQL`).
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw StatusMove.DatabaseNotSQL() }
            if let lite = self as? any SQLiteDatabase {
                return LiteSQL(base: sql, lite: lite, readers: inTransaction ? nil : SQLiteFile.of(self)?.readers)
            }
            return sql
        }
    }
}
