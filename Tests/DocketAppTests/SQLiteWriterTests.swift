import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import DocketApp

/// On SQLite, write transactions run on Docket's own writer connection: Fluent's models and plain
/// SQL alike, committed whole or not at all, with the file's constraints and foreign keys enforced.
@Suite struct SQLiteWriterTests {
    struct Boom: Error {}

    /// An account of a populated database, or nil on PostgreSQL (nothing to test there).
    private func account(_ app: Application) async throws -> UUID? {
        guard SQLiteFile.of(app.db) != nil else { return nil }
        _ = try await CaseListingTests.populate(app, cases: 2)
        return try #require(try await AccountRecord.query(on: app.db).first()?.id)
    }

    private func answers(_ id: UUID, on db: any Database) async throws -> [SecurityAnswerRecord] {
        try await SecurityAnswerRecord.query(on: db).filter(\.$accountID == id).sort(\.$position).all()
    }

    @Test func aWriteRunsOnTheWriterAndIsSeenOnceCommitted() async throws {
        try await withDocket { app, _ in
            guard let id = try await account(app) else { return }
            let counted = try await app.write { db in
                #expect(db is LiteTransaction)
                try await SecurityAnswerRecord(accountID: id, position: 9, question: "Où ?", answerHash: "h").create(on: db)
                let inner = try await db.transaction { inner in
                    #expect(inner is LiteTransaction)
                    return try await SecurityAnswerRecord.query(on: inner).filter(\.$accountID == id).count()
                }
                let record = try #require(try await SecurityAnswerRecord.query(on: db).filter(\.$position == 9).first())
                record.question = "Wo? 何処"
                try await record.save(on: db)
                return inner
            }
            #expect(counted == 1)
            #expect(try await answers(id, on: app.db).map(\.question) == ["Wo? 何処"])
            try await app.write { db in
                try await SecurityAnswerRecord.query(on: db).filter(\.$accountID == id).delete()
            }
            #expect(try await answers(id, on: app.db).isEmpty)
        }
    }

    @Test func aFailedWriteChangesNothingAndTheNextOneRuns() async throws {
        try await withDocket { app, _ in
            guard let id = try await account(app) else { return }
            await #expect(throws: Boom.self) {
                try await app.write { db in
                    try await SecurityAnswerRecord(accountID: id, position: 9, question: "q", answerHash: "h").create(on: db)
                    throw Boom()
                }
            }
            #expect(try await answers(id, on: app.db).isEmpty)
            try await app.write { db in
                try await SecurityAnswerRecord(accountID: id, position: 9, question: "kept", answerHash: "h").create(on: db)
            }
            // The same position twice, and an account that does not exist: refused as constraint failures.
            for (account, position) in [(id, 9), (UUID(), 1)] {
                do {
                    try await app.write { db in
                        try await SecurityAnswerRecord(accountID: id, position: 10, question: "q", answerHash: "h").create(on: db)
                        try await SecurityAnswerRecord(accountID: account, position: position, question: "q", answerHash: "h").create(on: db)
                    }
                    Issue.record("position \(position) of \(account) was written")
                } catch let error as any DatabaseError {
                    #expect(error.isConstraintFailure, "\(error)")
                }
            }
            #expect(try await answers(id, on: app.db).map(\.question) == ["kept"])
        }
    }

    @Test func aWriteDoesNotChangeTheSchema() async throws {
        try await withDocket { app, _ in
            guard try await account(app) != nil else { return }
            await #expect(throws: LiteTransaction.SchemaNotInAWrite.self) {
                try await app.write { db in try await db.schema("scratch").field("n", .int).create() }
            }
        }
    }
}
