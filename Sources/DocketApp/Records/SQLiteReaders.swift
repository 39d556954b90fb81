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
    private var idle: [SQLiteReader] = []
    /// More than the event loops that can ask at once; a reader beyond it is closed after use.
    private let keep = 8

    init(path: String) { self.path = path }

    func read(_ sql: String, _ binds: [SQLiteData], _ onRow: (LiteRow) throws -> Void) throws {
        let reader = try lock.withLock { idle.popLast() } ?? SQLiteReader(path: path)
        defer { lock.withLock { if idle.count < keep { idle.append(reader) } } }
        try reader.read(sql, binds, onRow)
    }

    /// Whether `sql` only reads, and so may be run here.
    static func onlyReads(_ sql: String) -> Bool {
        let head = sql.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }.prefix(7)
        return head.elementsEqual("SELECT ".utf8) { $0 & 0xDF == $1 & 0xDF }
    }

    /// The readers attached to `db`'s configuration, when it is Docket's SQLite database.
    static func of(_ db: any Database) -> SQLiteReaders? {
        for middleware in db.context.configuration.middleware {
            if let attached = middleware as? Attachment { return attached.readers }
        }
        return nil
    }

    /// Carries the readers in the database's configuration, where `Database.sql` finds them; as a
    /// model middleware it passes every event on unchanged.
    struct Attachment: AnyModelMiddleware {
        let readers: SQLiteReaders

        func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database,
                    chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
            next.handle(event, model, on: db)
        }
    }
}

/// One read-only connection and its prepared statements. Used by one thread at a time.
final class SQLiteReader {
    private let handle: OpaquePointer
    private var statements: [String: Statement] = [:]
    /// Statements kept at most; past it (a statement made for one list of values) it is
    /// prepared, run and finalized.
    private let keep = 128

    init(path: String) throws {
        var handle: OpaquePointer?
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let handle else {
            if let handle { sqlite_nio_sqlite3_close(handle) }
            throw SQLiteReadFailed(code: opened, message: "cannot open \(path)")
        }
        self.handle = handle
        sqlite_nio_sqlite3_busy_timeout(handle, 10_000)
        let setup = "PRAGMA query_only = 1; PRAGMA cache_size = -\(SQLitePages.cacheKiB);"
        let rc = sqlite_nio_sqlite3_exec(handle, setup, nil, nil, nil)
        guard rc == SQLITE_OK else { throw failure(rc) }
    }

    deinit {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
        sqlite_nio_sqlite3_close_v2(handle)
    }

    func read(_ sql: String, _ binds: [SQLiteData], _ onRow: (LiteRow) throws -> Void) throws {
        let statement = try statements[sql] ?? prepare(sql)
        // Every place is bound anew each time, so the values are not cleared after: clearing
        // makes SQLite prepare again a statement whose plan looked at a value (`LIMIT ?`).
        defer {
            sqlite_nio_sqlite3_reset(statement.handle)
            if statements[sql] == nil { sqlite_nio_sqlite3_finalize(statement.handle) }
        }
        guard sqlite_nio_sqlite3_bind_parameter_count(statement.handle) == binds.count else {
            throw SQLiteReadFailed(code: SQLITE_RANGE, message: "\(binds.count) values for \(sqlite_nio_sqlite3_bind_parameter_count(statement.handle)) places")
        }
        for (offset, value) in binds.enumerated() {
            let rc = bind(value, at: Int32(offset + 1), in: statement.handle)
            guard rc == SQLITE_OK else { throw failure(rc) }
        }
        while true {
            let rc = sqlite_nio_sqlite3_step(statement.handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            var values: [SQLiteData] = []
            values.reserveCapacity(statement.columns.names.count)
            for column in 0..<Int32(statement.columns.names.count) {
                values.append(value(at: column, in: statement.handle))
            }
            try onRow(LiteRow(columns: statement.columns, values: values))
        }
    }

    private func prepare(_ sql: String) throws -> Statement {
        var prepared: OpaquePointer?
        let rc = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard rc == SQLITE_OK, let prepared else { throw failure(rc) }
        let names = (0..<sqlite_nio_sqlite3_column_count(prepared)).map { column in
            sqlite_nio_sqlite3_column_name(prepared, column).map { String(cString: $0) } ?? ""
        }
        let statement = Statement(handle: prepared, columns: LiteColumns(names: names))
        if statements.count < keep { statements[sql] = statement }
        return statement
    }

    private func bind(_ value: SQLiteData, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let n): return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(n))
        case .float(let d): return sqlite_nio_sqlite3_bind_double(statement, index, d)
        case .text(let s):
            return sqlite_nio_sqlite3_bind_text64(statement, index, s, UInt64(s.utf8.count), Self.copied, UInt8(SQLITE_UTF8))
        case .blob(let b):
            return b.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.copied)
            }
        case .null: return sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func value(at column: Int32, in statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let bytes = sqlite_nio_sqlite3_column_blob(statement, column), count > 0 else { return .blob(ByteBuffer()) }
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    private func failure(_ code: Int32) -> SQLiteReadFailed {
        SQLiteReadFailed(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "")
    }

    /// SQLite copies the value before the call returns.
    private static let copied = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private struct Statement {
        let handle: OpaquePointer
        let columns: LiteColumns
    }
}

/// A statement's column names, shared by its rows.
final class LiteColumns: Sendable {
    let names: [String]
    let offsets: [String: Int]

    init(names: [String]) {
        self.names = names
        self.offsets = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

struct SQLiteReadFailed: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite error \(code): \(message)" }
}
