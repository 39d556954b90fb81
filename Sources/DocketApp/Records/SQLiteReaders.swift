import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLiteNIO
import VaporCSQLite

/// Reads from Docket's SQLite file on the calling thread, through connections of their own that
/// keep their prepared statements.
///
/// Through the driver, every statement is prepared afresh, sent to a thread pool and its rows
/// handed back one event-loop task at a time; a page of eight short reads spent more time in that
/// than in SQLite. A read of a few indexed rows from the page cache takes microseconds, less than
/// one hop between threads, so it is run where it is asked for. Only reads outside a transaction
/// come here (`Database.sql`): a transaction's reads must see its own writes, and writes keep
/// their one writer. The connections are `query_only`, so a write sent here by mistake fails
/// rather than bypassing that writer. In WAL mode a reader never waits for the writer and sees
/// every transaction committed before its statement began.
final class SQLiteReaders: @unchecked Sendable {
    let path: String
    private let lock = NIOLock()
    private var idle: [LiteConnection] = []
    /// More than the event loops that can ask at once; a reader beyond it is closed after use.
    private let keep = 8

    init(path: String) { self.path = path }

    func read(_ sql: String, _ binds: [SQLiteData], _ onRow: (LiteRow) throws -> Void) throws {
        let reader = try lock.withLock { idle.popLast() } ?? LiteConnection(path: path, readOnly: true)
        defer { lock.withLock { if idle.count < keep { idle.append(reader) } } }
        try reader.run(sql, binds, onRow)
    }

    /// Whether `sql` only reads, and so may be run here.
    static func onlyReads(_ sql: String) -> Bool {
        let head = sql.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }.prefix(7)
        return head.elementsEqual("SELECT ".utf8) { $0 & 0xDF == $1 & 0xDF }
    }
}

/// Docket's SQLite file as Docket reads and writes it: its readers and its writer, carried in the
/// database's configuration, where `Database.sql` and `Writes` find them. As a model middleware it
/// passes every event on unchanged.
struct SQLiteFile: AnyModelMiddleware {
    let readers: SQLiteReaders
    let writer: SQLiteWriter

    init(path: String) {
        readers = SQLiteReaders(path: path)
        writer = SQLiteWriter(path: path)
    }

    /// The file behind `db`, when it is Docket's SQLite database.
    static func of(_ db: any Database) -> SQLiteFile? {
        for middleware in db.context.configuration.middleware {
            if let file = middleware as? SQLiteFile { return file }
        }
        return nil
    }

    func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database,
                chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        next.handle(event, model, on: db)
    }
}
