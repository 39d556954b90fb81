import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// SQLite keeps 2 MB of a database's pages in memory for each connection. A database of a
/// million cases is gigabytes, and an index lookup that misses those pages reads them again from
/// the file, a system call each; so each connection (one per event loop, kept open by the pool)
/// keeps more.
enum SQLitePages {
    /// Per connection, in KiB.
    static let cacheKiB = 32_768

    static func keepMore(_ app: Application) async throws {
        for loop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(cacheKiB))").run()
        }
    }
}
