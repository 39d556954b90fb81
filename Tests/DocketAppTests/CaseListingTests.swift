import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// "My account", transactions and the clerks' queue for people with many cases: a page at a
/// time, filtered, from the participants' index; and `docket populate`, which these tests use to
/// make the cases.
@Suite struct CaseListingTests {
    static let password = "generated-Password-1"

    /// Fills the test database with `cases` shared by `people` filers, and `heavy` more for one.
    static func populate(_ app: Application, cases: Int, people: Int = 4, heavy: Int = 0) async throws -> Population.Made {
        try await Population(app: app, people: people, password: password).fill(cases: cases, heavy: heavy)
    }

    static func signedIn(_ app: Application, _ id: String) async throws -> Browser {
        let b = Browser(app)
        _ = try await b.signIn(id, password)
        return b
    }

    @Test func aFilerWithSixtyCasesSeesTheirDisputesTwentyFiveAtATimeAndCanFilterThem() async throws {
        try await withDocket { app, _ in
            _ = try await Self.populate(app, cases: 8, heavy: 60)
            let heavy = try await Self.signedIn(app, "heavy")
            let first = try await heavy.get("/account").body
            // Thirty disputes (every second generated case), newest first, 25 on the first page.
            #expect(first.components(separatedBy: "<a href=\"/odr/").count - 1 == 25)
            #expect(first.contains("Page 1 of 2"))
            #expect(first.contains("href=\"/account?page=2\" rel=\"next\""))
            let second = try await heavy.get("/account?page=2").body
            #expect(second.components(separatedBy: "<a href=\"/odr/").count - 1 <= 5)
            #expect(second.contains("rel=\"prev\""))
            // A page past the end, or not a number, shows a page there is, not an error.
            #expect(try await heavy.get("/account?page=999").body.contains("Page 2 of 2"))
            #expect(try await heavy.get("/account?page=-3&show=bogus").body.contains("Page 1 of 2"))
            let closed = try await heavy.get("/account?show=closed").body
            let open = try await heavy.get("/account?show=open").body
            #expect(closed.contains("<option value=\"closed\" selected>"))
            let closedCount = try await CaseParticipantRecord.query(on: app.db).filter(\.$kind == "odr").filter(\.$open == false)
                .join(AccountRecord.self, on: \CaseParticipantRecord.$accountID == \AccountRecord.$id)
                .filter(AccountRecord.self, \.$signInID == "heavy").count()
            #expect(closed.components(separatedBy: "tag-closed").count - 1 == closedCount)
            #expect(!open.contains("tag-closed"))
            // The filter is kept on the page links.
            if closedCount > 25 { #expect(closed.contains("show=closed&amp;page=2") || closed.contains("page=2&amp;show=closed")) }
        }
    }

    @Test func myAccountMakesTheSameQueriesForSixtyCasesAsForTwo() async throws {
        try await withDocket { app, _ in
            _ = try await Self.populate(app, cases: 8, heavy: 60)
            let few = try await QueryBudgetTests.queries(try await Self.signedIn(app, "filer1"), "/account")
            let many = try await QueryBudgetTests.queries(try await Self.signedIn(app, "heavy"), "/account")
            #expect(many == few, "My account: \(few) queries with two cases, \(many) with sixty")
            #expect(many <= 9)
        }
    }

    @Test func transactionsAreListedAPageAtATime() async throws {
        try await withDocket { app, _ in
            _ = try await Self.populate(app, cases: 8, heavy: 60)
            let heavy = try await Self.signedIn(app, "heavy")
            let first = try await heavy.get("/account/transactions").body
            #expect(first.components(separatedBy: "<tr>").count - 2 == 25)
            #expect(first.contains("Page 1 of 2"))
            let second = try await heavy.get("/account/transactions?page=2").body
            #expect(second.components(separatedBy: "<tr>").count - 2 == 5)
            #expect(!second.contains("rel=\"next\""))
        }
    }

    @Test func theClerksQueueIsPagedOldestFirst() async throws {
        try await withDocket { app, _ in
            // One generated claim in fifty is against a person under a disability: it waits for a clerk.
            _ = try await Self.populate(app, cases: 3000)
            let waiting = try await CaseProjectionRecord.query(on: app.db).filter(\.$waitingOn == "clerk").count()
            #expect(waiting > 25)
            let clerk = try await Self.signedIn(app, "clerk")
            let first = try await clerk.get("/staff/claims").body
            #expect(first.components(separatedBy: "href=\"/staff/claims/").count - 1 == 25)
            #expect(first.contains("Page 1 of 2"))
            let rest = try await clerk.get("/staff/claims?page=2").body
            #expect(rest.components(separatedBy: "href=\"/staff/claims/").count - 1 == waiting - 25)
            // A party cannot see the queue.
            #expect(try await Self.signedIn(app, "filer1").get("/staff/claims").status == .forbidden)
        }
    }

    @Test func generatedCasesHaveIntactDocketsAndTheProjectionOfAFreshFold() async throws {
        try await withDocket { app, clock in
            let made = try await Self.populate(app, cases: 120)
            #expect(made.cases == 120 && made.accounts == 6)
            // On SQLite the write-ahead log is folded into the file before populate ends.
            let log = app.docket.settings.dataDirectory + "/docket.sqlite-wal"
            if let size = (try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? Int {
                #expect(size == 0)
            }
            // Every generated account is of a kind registration offers, or a clerk.
            for account in try await AccountRecord.query(on: app.db).all() {
                #expect(AccountKind(rawValue: account.kind) != nil || account.role == .clerk, "\(account.signInID): \(account.kind)")
            }
            let entries = try await DocketEntryRecord.query(on: app.db).sort(\.$caseID).sort(\.$sequence).all()
            #expect(entries.count == made.entries)
            for (id, records) in Dictionary(grouping: entries, by: \.caseID) {
                #expect(CaseDocket.firstBreak(records.sorted { $0.sequence < $1.sequence }) == nil, "case \(id)")
            }
            // Re-projecting every case from its docket changes nothing.
            let before = try await CaseProjectionRecord.query(on: app.db).sort(\.$id).all().map(Self.fields)
            for row in try await CaseProjectionRecord.query(on: app.db).all() {
                if row.kind == "odr", let record = try await OdrCaseRecord.find(row.id, on: app.db) {
                    try await OdrCases.locked(record.id!, app: app) { db, record, _ in try await OdrCases.project(record, app: app, on: db) }
                } else {
                    let state = try await CourtActs.state(of: row.id!, app: app, on: app.db)
                    try await CaseProjection.rewrite(row.id!, state, lastSequence: row.lastSequence, at: row.updatedAt, on: app.db)
                }
            }
            let after = try await CaseProjectionRecord.query(on: app.db).sort(\.$id).all().map(Self.fields)
            #expect(before.count == after.count)
            for (b, a) in zip(before, after) { #expect(b == a) }
            // A second populate is refused: it fills only an empty database.
            await #expect(throws: UsageError.self) { _ = try await Self.populate(app, cases: 1) }
            _ = clock
        }
    }

    /// What a projection row says, without the time it was written.
    static func fields(_ r: CaseProjectionRecord) -> [String] {
        [r.kind, r.stage, r.waitingOn, r.nextDeadline, r.nextStep, r.fileNumber, r.issuedOn, r.filingYear.map(String.init),
         r.feeCents.map(String.init), r.documentSHA256, r.firstParty, r.otherParty, r.balanceCents.map(String.init), r.sweepOn,
         String(r.lastSequence)].map { $0 ?? "-" }
    }

    @Test func theSweepReadsOnlyDisputesDueAndMovesTheirDayOn() async throws {
        try await withDocket(transport: RecordingTransport()) { app, _ in
            _ = try await Self.populate(app, cases: 300)
            let today = CivilDate.of(app.docket.clock.now()).description
            let due = try await CaseProjectionRecord.query(on: app.db).filter(\.$sweepOn <= today).count()
            let odr = try await CaseProjectionRecord.query(on: app.db).filter(\.$kind == "odr").count()
            #expect(due > 4 && due < odr)
            // Two at a time: every batch is read, each case once.
            try await OdrSweep.run(app: app, batch: 2)
            // Every case read was handled and its next day moved past today: the next run reads none.
            #expect(try await CaseProjectionRecord.query(on: app.db).filter(\.$sweepOn <= today).count() == 0)
            #expect(try await OdrSweep.run(app: app) == OdrSweep.Outcome())
        }
    }
}
