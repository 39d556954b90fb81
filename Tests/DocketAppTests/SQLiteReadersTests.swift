import Fluent
import Foundation
import SQLKit
import SQLiteNIO
import Testing
import Vapor
@testable import DocketApp

/// Reads outside a transaction run on `SQLiteReaders`: they see every committed write and none
/// that is not, they cannot write, and a failed statement leaves them usable.
@Suite struct SQLiteReadersTests {
    /// The app's readers, or nil on PostgreSQL (nothing to test there).
    private func readers(_ app: Application) throws -> SQLiteReaders? {
        guard (app.db as? any SQLDatabase)?.dialect.name == "sqlite" else { return nil }
        return try #require(SQLiteFile.of(app.db)?.readers)
    }

    private func hits(_ key: String, on db: any Database) async throws -> Int? {
        try await db.sql.raw("SELECT hits FROM rate_limits WHERE key = \(bind: key)").first()?.decode(column: "hits", as: Int.self)
    }

    @Test func readsOutsideATransactionRunOnTheReadersAndInsideOneOnItsConnection() async throws {
        try await withDocket { app, _ in
            guard try readers(app) != nil else { return }
            let outside = try app.db.sql as? LiteSQL
            #expect(outside?.readers != nil)
            let inside = try await app.db.transaction { try $0.sql as? LiteSQL }
            #expect(inside != nil && inside?.readers == nil)
        }
    }

    @Test func aReaderSeesWhatIsCommittedAndNothingElse() async throws {
        try await withDocket { app, _ in
            guard try readers(app) != nil else { return }
            try await app.db.transaction { tx in
                try await tx.sql.raw("INSERT INTO rate_limits (key, window_start, hits) VALUES ('k', 0, 3)").run()
                #expect(try await hits("k", on: tx) == 3)
                #expect(try await hits("k", on: app.db) == nil)
            }
            #expect(try await hits("k", on: app.db) == 3)
            try await app.db.sql.raw("UPDATE rate_limits SET hits = 4 WHERE key = 'k'").run()
            #expect(try await hits("k", on: app.db) == 4)
        }
    }

    @Test func aReaderCannotWrite() async throws {
        try await withDocket { app, _ in
            guard let readers = try readers(app) else { return }
            #expect(throws: SQLiteFailure.self) {
                try readers.read("DELETE FROM court_offices", []) { _ in }
            }
            let left = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM court_offices").first()?.decode(column: "n", as: Int.self)
            #expect((left ?? 0) > 0)
        }
    }

    @Test func aFailedStatementLeavesTheReaderUsable() async throws {
        try await withDocket { app, _ in
            guard let readers = try readers(app) else { return }
            #expect(throws: SQLiteFailure.self) { try readers.read("SELECT nothing FROM nowhere", []) { _ in } }
            // More or fewer values than places: refused, after the statement was kept.
            for values in [[1, 2, 3], [1]] as [[Int]] {
                #expect(throws: SQLiteFailure.self) {
                    try readers.read("SELECT ?1 + ?2 AS n", values.map { .integer($0) }) { _ in }
                }
            }
            var sums: [Int] = []
            try readers.read("SELECT ?1 + ?2 AS n", [.integer(1), .integer(2)]) { sums.append(try $0.decode(column: "n", as: Int.self)) }
            #expect(sums == [3])
        }
    }

    @Test func aKeptStatementTakesNewValuesEachTime() async throws {
        try await withDocket { app, _ in
            guard let readers = try readers(app) else { return }
            func labels(_ sql: String, _ binds: [SQLiteData]) throws -> [String] {
                var found: [String] = []
                try readers.read(sql, binds) { found.append(try $0.decode(column: "label", as: String.self)) }
                return found
            }
            let pair = "SELECT ?1 AS label UNION ALL SELECT ?2 ORDER BY 1"
            #expect(try labels(pair, [.text("Zoë"), .text("王")]) == ["Zoë", "王"])
            #expect(try labels(pair, [.text("b"), .text("a")]) == ["a", "b"])
            // More statements than are kept: each still reads its own values.
            for n in 0..<300 {
                #expect(try labels("SELECT 'n\(n)' || ?1 AS label", [.text("x")]) == ["n\(n)x"])
            }
        }
    }

    @Test func onlyStatementsThatReadAreSentToTheReaders() {
        for sql in ["SELECT 1", "select a FROM b", "\n  SeLeCt x FROM y"] { #expect(SQLiteReaders.onlyReads(sql), "\(sql)") }
        for sql in ["INSERT INTO t VALUES (1)", "UPDATE t SET a = 1 RETURNING a", "SELECTED", "WITH x AS (SELECT 1) DELETE FROM t", "", "PRAGMA x"] {
            #expect(!SQLiteReaders.onlyReads(sql), "\(sql)")
        }
    }
}
