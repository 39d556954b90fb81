import Fluent
import Foundation
import SQLKit

enum StatusMove {
    /// Sets `status` of row `id` in `table` from `from` to `to` in one statement; false if the row
    /// was not in `from` (someone else moved it first). Being a write, it also takes SQLite's
    /// write lock and the PostgreSQL row lock for the rest of the transaction.
    static func move(_ table: String, id: UUID, from: String, to: String, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw DatabaseNotSQL() }
        let rows = try await sql.raw("""
            UPDATE \(ident: table) SET status = \(bind: to) WHERE id = \(bind: id) AND status = \(bind: from) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    struct DatabaseNotSQL: Error {}
}

extension Database {
    /// This database as SQL: both of Docket's databases are.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw StatusMove.DatabaseNotSQL() }
            return sql
        }
    }
}
