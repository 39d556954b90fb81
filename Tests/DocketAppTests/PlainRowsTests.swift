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
