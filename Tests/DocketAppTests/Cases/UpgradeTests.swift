import DocketCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import DocketApp

/// A SQLite database made by the release before the case kernel (commit dd21d68, filled by the
/// browser journeys: two issued claims, two ODR cases, nine accounts) migrates, and then works.
@Suite struct UpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/main-dd21d68.sqlite")

    @Test(.enabled(if: ProcessInfo.processInfo.environment["DATABASE_URL"] == nil, "the fixture is a SQLite file"))
    func aDatabaseFromThePreviousReleaseMigratesAndIsUsed() async throws {
        let folder = NSTemporaryDirectory() + "docket-upgrade-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(at: Self.fixture, to: URL(fileURLWithPath: folder + "/docket.sqlite"))

        try await withDocket(settings: { $0.dataDirectory = folder }) { app, _ in
            // Each submitted claim has its projection, folded from its docket.
            let rows = try await CaseProjectionRecord.query(on: app.db).filter(\.$kind == "court").sort(\.$fileNumber).all()
            #expect(rows.map(\.fileNumber) == ["TOR47-SC-26-000001", "TOR47-SC-26-000002"])
            #expect(rows.map(\.stage) == ["awaiting-service", "awaiting-service"])
            #expect(rows.map(\.officeCode) == ["toronto-47-sheppard", "toronto-47-sheppard"])
            #expect(rows.first?.documentSHA256 == "363116cdbf4ba66aa1b474c28e18e6fa7d36d0f41012f9ea21b69ccd4917104a")
            #expect(rows.allSatisfy { $0.feeCents == 10800 && $0.filerAccountID != nil && $0.nextStep == "serve-claim" })
            // So has each submitted dispute, with its claimant and the respondent who accepted.
            let disputes = try await CaseProjectionRecord.query(on: app.db).filter(\.$kind == "odr").all()
            #expect(disputes.count == 2)
            #expect(disputes.allSatisfy { $0.filerAccountID != nil && $0.lastSequence == 8 })
            for dispute in disputes {
                let roles = try await CaseParticipantRecord.query(on: app.db).filter(\.$caseID == dispute.id!).all().map(\.role)
                #expect(roles.contains("claimant"))
                #expect(roles.contains("respondent"), "\(dispute.stage)")
            }
            let statuses = try await ClaimRecord.query(on: app.db).all().map(\.status)
            #expect(Set(statuses) == ["submitted"])
            // The seal that lived on the claim's row is now on its docket, and every chain holds.
            let first = try await CaseDocket.entries(of: rows[0].id!, on: app.db)
            #expect(first.last?.event == .claimSealed(sha256: rows[0].documentSHA256!))
            #expect(first.last?.by == .system)
            let report = try await DocketChains.verify(on: app.db)
            #expect(report.checked == 4)
            #expect(report.broken.isEmpty)
            let sql = try #require(app.db as? any SQLDatabase)
            struct Kind: Decodable { let case_kind: String; let n: Int }
            let kinds = try await sql.raw("SELECT case_kind, COUNT(*) AS n FROM docket_entries GROUP BY case_kind ORDER BY case_kind")
                .all(decoding: Kind.self)
            #expect(kinds.map { "\($0.case_kind)=\($0.n)" } == ["court=8", "odr=16"])

            // The filer signs in as before, sees the claim, and files another: numbers go on.
            let b = Browser(app)
            try await b.signIn("filer.7174ca61", "river-lantern-orbit")
            let transactions = try await b.get("/account/transactions")
            #expect(transactions.body.contains("TOR47-SC-26-000001"))
            let shown = try await b.get("/claims/\(rows[0].id!.uuidString)")
            #expect(shown.body.contains("Claim issued, court file number TOR47-SC-26-000001"))
            #expect(shown.body.contains("Sealed claim entered in the court&#39;s register"))
            let path = try await b.startClaim()
            try await b.fillClaim(path)
            try await b.expectRedirect(b.submitClaim(path))
            let next = try await filed(app, path)
            #expect(next.fileNumber == "TOR47-SC-26-000003")
            #expect(next.fee == Money(dollars: 108))
            #expect(try await b.get("/account").status == .ok)
        }
    }
}
