import FluentKit
import FluentSQL
import Foundation
import SQLKit
import SQLiteKit
import SQLiteNIO

/// Docket's one SQLite writer: a connection of its own whose statements run on the calling thread,
/// used only by the holder of the writers' turn (`Writes`), so by one task at a time.
///
/// Through the driver each statement of a write transaction went to a thread pool and came back
/// to an event loop; while the transaction waited for its loop to take it up again, it held the
/// only write turn, and the turn was busy 99.5% of the time during issuance. Here a transaction's
/// statements run one after the other where its code runs, from `BEGIN IMMEDIATE` to `COMMIT`
/// (which waits for the disk, as before: an accepted filing is durable before the answer).
final class SQLiteWriter: @unchecked Sendable {
    private let path: String
    private var connection: LiteConnection?

    init(path: String) { self.path = path }

    /// Runs `body` in a write transaction on this connection. The caller holds the writers' turn.
    func transaction<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let connection = try self.connection ?? LiteConnection(path: path, readOnly: false)
        self.connection = connection
        try connection.run("BEGIN IMMEDIATE")
        do {
            let value = try await body(LiteTransaction(context: db.context, connection: connection,
                                                       queryLogLevel: (db as? any SQLDatabase)?.queryLogLevel))
            try connection.run("COMMIT")
            return value
        } catch {
            try? connection.run("ROLLBACK")
            throw error
        }
    }
}

/// A write transaction on `SQLiteWriter`'s connection, as Fluent and SQLKit see a database: model
/// queries are turned into SQL as the SQLite driver turns them, and every statement runs at once on
/// the connection. Transactions begun inside it are it.
struct LiteTransaction: Database, SQLDatabase, @unchecked Sendable {
    let context: DatabaseContext
    let connection: LiteConnection
    let queryLogLevel: Logger.Level?

    var inTransaction: Bool { true }
    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteDialect() }

    // Fluent

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { try run(query, onOutput) }
    }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) async throws {
        try run(query, onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(SchemaNotInAWrite())
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeSucceededFuture(()) }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await closure(self)
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await closure(self)
    }

    // SQLKit

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { try run(query) { onRow($0) } }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query) { onRow($0) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    /// A model query as SQL, as the SQLite driver writes it: a creation returns the new row's id.
    private func run(_ query: DatabaseQuery, _ onOutput: (any DatabaseOutput) -> Void) throws {
        var sql = SQLQueryConverter(delegate: LiteConverter()).convert(query)
        if case .create = query.action, query.customIDKey != .some(.string("")) {
            sql = SQLKit.SQLList([sql, SQLReturning(SQLColumn((query.customIDKey ?? .id).description))], separator: SQLRaw(" "))
        }
        try run(sql) { onOutput(LiteOutput(row: $0, schema: nil)) }
    }

    private func run(_ query: any SQLExpression, _ onRow: (LiteRow) -> Void) throws {
        let (sql, binds) = try liteStatement(query)
        try connection.run(sql, binds, onRow)
    }

    struct SchemaNotInAWrite: Error {}
}

/// Fluent's types in SQLite's words, as the SQLite driver names them.
private struct LiteConverter: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .string, .enum: SQLRaw("TEXT")
        case .datetime: SQLRaw("REAL")
        case .int64: SQLRaw("INTEGER")
        default: nil
        }
    }
}

/// A row as Fluent reads a model from it (a joined model's columns carry its schema as a prefix).
private struct LiteOutput: DatabaseOutput {
    let row: LiteRow
    let schema: String?

    var description: String { "\(row.allColumns)" }

    private func column(_ key: FieldKey) -> String {
        (schema.map { .prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }

    func schema(_ schema: String) -> any DatabaseOutput { LiteOutput(row: row, schema: schema) }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }
    func decode<T: Decodable>(_ key: FieldKey, as: T.Type) throws -> T { try row.decode(column: column(key), as: T.self) }
}
