import FluentSQLiteDriver
import Foundation
import SQLKit

/// Docket's SQLite database as SQL, read more cheaply than through SQLKit's adapter: the common
/// column types are read from SQLite's values directly (the adapter looks up a conversion protocol
/// at run time for every value). Statements, binds and transactions are those of the database it
/// wraps. (Collecting a statement's rows through the connection's async call was tried: starting
/// a task for each statement cost more than it saved.)
struct LiteSQL: SQLDatabase {
    let base: any SQLDatabase
    let lite: any SQLiteDatabase
    /// Where reads outside a transaction run (nil inside one).
    let readers: SQLiteReaders?

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, binds) = try liteStatement(query)
        if let readers, SQLiteReaders.onlyReads(sql) {
            return try readers.read(sql, binds) { onRow($0) }
        }
        try await lite.query(sql, binds, logger: logger) { onRow(LiteRow(row: $0)) }.get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }
}

extension SQLDatabase {
    /// `query` as SQLite's text and values, logged at this database's query level.
    func liteStatement(_ query: any SQLExpression) throws -> (sql: String, binds: [SQLiteData]) {
        let (sql, rawBinds) = serialize(query)
        if let level = queryLogLevel {
            logger.log(level: level, "Executing query", metadata: ["sql": .string(sql), "binds": .array(rawBinds.map { .string("\($0)") })])
        }
        let encoder = SQLiteDataEncoder()
        return (sql, try rawBinds.map { try encoder.encode($0) })
    }
}

/// One SQLite row; text, numbers, truth values, ids and times are read without a decoder.
struct LiteRow: SQLRow {
    private let columns: LiteColumns?
    private let values: [SQLiteData]
    private let row: SQLiteRow?
    private static let decoder = SQLiteDataDecoder()

    /// A row read through the driver.
    init(row: SQLiteRow) { (self.row, self.columns, self.values) = (row, nil, []) }
    /// A row read by a `LiteConnection`.
    init(columns: LiteColumns, values: [SQLiteData]) { (self.row, self.columns, self.values) = (nil, columns, values) }

    private func column(_ name: String) -> SQLiteData? {
        if let row { return row.column(name) }
        return columns?.offsets[name].map { values[$0] }
    }

    var allColumns: [String] { row?.columns.map(\.name) ?? columns?.names ?? [] }
    func contains(column: String) -> Bool { self.column(column) != nil }
    func decodeNil(column: String) throws -> Bool { (self.column(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = self.column(column) else { throw LiteColumnMissing(column: column) }
        if let value: D = Self.direct(data) { return value }
        return try Self.decoder.decode(D.self, from: data)
    }

    /// `data` as `D` when `D` is one of the common types (or one of them optional), else nil.
    private static func direct<D>(_ data: SQLiteData) -> D? {
        switch data {
        case .text(let s):
            if D.self == String.self { return cast(s, D.self) }
            if D.self == String?.self { return cast(Optional(s), D.self) }
            if D.self == UUID.self, let id = UUID(uuidString: s) { return cast(id, D.self) }
            if D.self == UUID?.self, let id = UUID(uuidString: s) { return cast(Optional(id), D.self) }
        case .integer(let n):
            if D.self == Int.self { return cast(n, D.self) }
            if D.self == Int?.self { return cast(Optional(n), D.self) }
            if D.self == Int64.self { return cast(Int64(n), D.self) }
            if D.self == Int64?.self { return cast(Optional(Int64(n)), D.self) }
            if D.self == Bool.self { return cast(n != 0, D.self) }
            if D.self == Bool?.self { return cast(Optional(n != 0), D.self) }
        case .float:
            // SQLite's own conversion, which rounds to microseconds.
            if D.self == Date.self, let date = Date(sqliteData: data) { return cast(date, D.self) }
            if D.self == Date?.self, let date = Date(sqliteData: data) { return cast(Optional(date), D.self) }
        case .null:
            if D.self == String?.self { return cast(String?.none, D.self) }
            if D.self == UUID?.self { return cast(UUID?.none, D.self) }
            if D.self == Int?.self { return cast(Int?.none, D.self) }
            if D.self == Int64?.self { return cast(Int64?.none, D.self) }
            if D.self == Bool?.self { return cast(Bool?.none, D.self) }
            if D.self == Date?.self { return cast(Date?.none, D.self) }
        case .blob: break
        }
        return nil
    }

    /// `value` as `D`, which the caller has checked is its type.
    private static func cast<T, D>(_ value: T, _ type: D.Type) -> D { unsafeBitCast(value, to: D.self) }
}

struct LiteColumnMissing: Error { let column: String }
