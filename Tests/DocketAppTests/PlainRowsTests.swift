import DocketCore
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import DocketApp

/// Records read from plain rows are the records Fluent reads, and a record's decoded draft
/// follows its content.
@Suite struct PlainRowsTests {
    @Test func aClaimReadPlainlyIsTheClaimFluentReads() async throws {
        try await withDocket { app, _ in
            let (browser, path) = try await filerWithClaim(app)
            try await browser.fillClaim(path)
            let id = try #require(UUID(uuidString: String(path.split(separator: "/").last!)))
            let fluent = try #require(try await ClaimRecord.find(id, on: app.db))
            let plain = try #require(try await PlainRows.find(ClaimRecord.self, id, on: app.db))
            #expect(plain.accountID == fluent.accountID && plain.kind == fluent.kind && plain.status == fluent.status)
            #expect(plain.content == fluent.content && plain.language == fluent.language)
            #expect(plain.createdAt == fluent.createdAt && plain.updatedAt == fluent.updatedAt)
            #expect(plain.$id.exists)
            #expect(try await PlainRows.find(ClaimRecord.self, UUID(), on: app.db) == nil)
        }
    }

    @Test func theDraftIsDecodedAgainWhenTheContentChanges() throws {
        let claim = ClaimRecord()
        var draft = ClaimDraft()
        draft.officeCode = "first"
        claim.draft = draft
        #expect(try claim.readableDraft().officeCode == "first")
        draft.officeCode = "second"
        claim.draft = draft
        #expect(try claim.readableDraft().officeCode == "second")
        claim.content = "{not json"
        #expect(throws: UnreadableDraft.self) { try claim.readableDraft() }
    }

    @Test func aDecodingIsKeptOnlyForTheSameTextAndType() throws {
        struct Office: Codable, Equatable, Sendable { let code: String }
        struct Other: Codable, Equatable, Sendable { let code: String }
        let id = UUID()
        #expect(try RecentDecodings.decode(Office.self, id: id, from: #"{"code":"a"}"#) == Office(code: "a"))
        #expect(try RecentDecodings.decode(Office.self, id: id, from: #"{"code":"a"}"#) == Office(code: "a"))
        #expect(try RecentDecodings.decode(Office.self, id: id, from: #"{"code":"b"}"#) == Office(code: "b"))
        #expect(try RecentDecodings.decode(Other.self, id: id, from: #"{"code":"b"}"#) == Other(code: "b"))
        #expect(throws: (any Error).self) { try RecentDecodings.decode(Office.self, id: id, from: #"{"code":"#) }
        #expect(try RecentDecodings.decode(Office.self, id: nil, from: #"{"code":"c"}"#) == Office(code: "c"))
    }

    @Test func aRecordReadAfreshFindsItsDraftOnlyForTheSameContent() throws {
        let id = UUID()
        func record(_ office: String) -> ClaimRecord {
            let claim = ClaimRecord()
            claim.id = id
            var draft = ClaimDraft()
            draft.officeCode = office
            claim.draft = draft
            return claim
        }
        #expect(try record("first").readableDraft().officeCode == "first")
        // The same claim read again (another request), then changed: each gets its own content's draft.
        #expect(try record("first").readableDraft().officeCode == "first")
        #expect(try record("second").readableDraft().officeCode == "second")
        let unreadable = record("first")
        unreadable.content = "{not json"
        #expect(throws: UnreadableDraft.self) { try unreadable.readableDraft() }
        #expect(try record("first").readableDraft().officeCode == "first")
    }
}

/// Each SQLite connection keeps more of the database's pages than SQLite's 2 MB default.
@Suite struct SQLitePagesTests {
    @Test func everySQLiteConnectionKeepsTheLargerCache() async throws {
        try await withDocket { app, _ in
            guard (app.db as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
            for loop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase)
                let size = try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
                #expect(size == -SQLitePages.cacheKiB)
            }
        }
    }
}

/// SQLite rows read directly give what SQLKit's decoder gives, for every type read directly,
/// present and absent, and other types still go through the decoder.
@Suite struct LiteRowTests {
    @Test func directReadsMatchTheDecoder() async throws {
        try await withDocket { app, _ in
            guard let base = app.db as? any SQLDatabase, base.dialect.name == "sqlite" else { return }
            let fast = try app.db.sql
            #expect(fast is LiteSQL)
            let id = UUID(), at = Date(timeIntervalSince1970: 1_795_382_623.160_304_5)
            let query: SQLQueryString = """
                SELECT \(bind: "Zoë 王") AS s, \(bind: id) AS u, \(bind: 42) AS i, \(bind: Int64(1) << 40) AS l,
                \(bind: true) AS b, \(bind: false) AS f, \(bind: at) AS d, NULL AS n, '[1,2]' AS j, 'not an id' AS bad
                """
            let slow = try #require(try await base.raw(query).first())
            // Outside a transaction the row is read by `SQLiteReader`; inside one, by the driver.
            let read = try #require(try await fast.raw(query).first())
            let driven = try #require(try await app.db.transaction { try await $0.sql.raw(query).first() })
            for row in [read, driven] { try sameAsTheDecoder(row, slow, id: id) }
        }
    }

    private func sameAsTheDecoder(_ row: any SQLRow, _ slow: any SQLRow, id: UUID) throws {
        #expect(row is LiteRow)
        func same<T: Decodable & Equatable>(_ column: String, _ type: T.Type) throws {
            let a = try row.decode(column: column, as: T.self), b = try slow.decode(column: column, as: T.self)
            #expect(a == b, "\(column) as \(T.self): \(a) against \(b)")
        }
        try same("s", String.self); try same("s", String?.self)
        try same("u", UUID.self); try same("u", UUID?.self)
        try same("i", Int.self); try same("i", Int?.self); try same("l", Int64.self); try same("l", Int64?.self)
        try same("b", Bool.self); try same("f", Bool?.self)
        try same("d", Date.self); try same("d", Date?.self)
        for optional in [String?.self, UUID?.self, Int?.self, Int64?.self, Bool?.self, Date?.self] as [any (Decodable & Equatable).Type] {
            func absent<T: Decodable & Equatable>(_ type: T.Type) throws { try same("n", T.self) }
            try absent(optional)
        }
        try same("j", [Int].self)
        #expect(try row.decode(column: "u", as: String.self) == id.uuidString)
        #expect(throws: (any Error).self) { try row.decode(column: "bad", as: UUID.self) }
        #expect(throws: (any Error).self) { try row.decode(column: "s", as: Int.self) }
        #expect(throws: (any Error).self) { try row.decode(column: "missing", as: String.self) }
        #expect(try row.decodeNil(column: "n") && !row.decodeNil(column: "s"))
        #expect(row.allColumns == ["s", "u", "i", "l", "b", "f", "d", "n", "j", "bad"])
    }
}
