import FluentKit
import Foundation
import SQLiteNIO
import VaporCSQLite

/// One connection to Docket's SQLite file and its prepared statements, run on the calling thread.
/// Used by one thread at a time (a reader taken from `SQLiteReaders`, or the writer while its
/// turn is held).
final class LiteConnection {
    private let handle: OpaquePointer
    private var statements: [String: Statement] = [:]
    /// Statements kept at most; past it (a statement made for one list of values) it is
    /// prepared, run and finalized.
    private let keep = 128

    /// `readOnly`: the connection refuses to write (`PRAGMA query_only`).
    init(path: String, readOnly: Bool) throws {
        var handle: OpaquePointer?
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let handle else {
            if let handle { sqlite_nio_sqlite3_close(handle) }
            throw SQLiteFailure(code: opened, message: "cannot open \(path)")
        }
        self.handle = handle
        sqlite_nio_sqlite3_busy_timeout(handle, 10_000)
        // Foreign keys are enforced, as on the driver's connections.
        let setup = "PRAGMA query_only = \(readOnly ? 1 : 0); PRAGMA foreign_keys = ON; PRAGMA cache_size = -\(SQLitePages.cacheKiB);"
        let rc = sqlite_nio_sqlite3_exec(handle, setup, nil, nil, nil)
        guard rc == SQLITE_OK else { throw failure(rc) }
    }

    deinit {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
        sqlite_nio_sqlite3_close_v2(handle)
    }

    /// Runs `sql` with `binds`, handing each row to `onRow`.
    func run(_ sql: String, _ binds: [SQLiteData] = [], _ onRow: (LiteRow) throws -> Void = { _ in }) throws {
        let statement = try statements[sql] ?? prepare(sql)
        // Every place is bound anew each time, so the values are not cleared after: clearing
        // makes SQLite prepare again a statement whose plan looked at a value (`LIMIT ?`).
        defer {
            sqlite_nio_sqlite3_reset(statement.handle)
            if statements[sql] == nil { sqlite_nio_sqlite3_finalize(statement.handle) }
        }
        guard sqlite_nio_sqlite3_bind_parameter_count(statement.handle) == binds.count else {
            throw SQLiteFailure(code: SQLITE_RANGE, message: "\(binds.count) values for \(sqlite_nio_sqlite3_bind_parameter_count(statement.handle)) places")
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

    private func failure(_ code: Int32) -> SQLiteFailure {
        SQLiteFailure(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "")
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

struct SQLiteFailure: Error, CustomStringConvertible, DatabaseError {
    let code: Int32
    let message: String
    var description: String { "SQLite error \(code): \(message)" }

    /// SQLite's primary result code (the low byte of an extended one).
    private var primary: Int32 { code & 0xFF }
    var isSyntaxError: Bool { primary == SQLITE_ERROR }
    var isConstraintFailure: Bool { primary == SQLITE_CONSTRAINT }
    var isConnectionClosed: Bool { primary == SQLITE_MISUSE || primary == SQLITE_CANTOPEN }
}
