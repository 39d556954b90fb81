import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// A case built from its docket directly reads like one that went through the pages.
@Suite struct GivenDocketTests {
    @Test func aServedClaimBuiltFromItsDocketShowsItsServiceAndWaitsOnTheDefendant() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            let filer = Actor(.plaintiff, party: "P1", account: account.id)
            let id = try await givenCase(app, filer: account, docket: [
                (filer, .claimFiled(.sample)),
                (filer, .feePaid(amount: Money(dollars: 108), reference: "PAY-1")),
                (.system, .claimIssued(fileNumber: "TOR47-SC-26-000001", on: CivilDate("2026-11-23")!)),
                (filer, .claimServed(defendant: "D1", method: .personal, at: CourtTime.localInstant("2026-11-24T10:00")!)),
            ])
            let row = try #require(try await CaseProjectionRecord.find(id, on: app.db))
            #expect(row.stage == "awaiting-response")
            #expect(row.waitingOn == "defendant")
            #expect(row.nextDeadline == "2026-12-14")
            #expect(row.nextStep == "file-defence")
            let page = try await b.get("/claims/\(id.uuidString)")
            #expect(page.body.contains("Affidavit of service filed for Renovations Lavoie Inc."))
            #expect(try await b.get("/account/transactions").body.contains("TOR47-SC-26-000001"))
            #expect(CaseDocket.chainIsIntact(try await CaseDocket.records(of: id, on: app.db)))
        }
    }

    @Test func aClaimSubmittedBeforePartyIdsNamesItsDefendantsOnLaterEntries() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            let filer = Actor(.plaintiff, account: account.id)
            let id = try await givenCase(app, filer: account, docket: [
                (filer, .claimSubmitted(defendants: ["Paul Roy", "Roy Holdings Ltd."], liquidated: true)),
                (Actor(.clerk), .claimIssued(fileNumber: "TOR47-SC-26-000009", on: CivilDate("2026-11-23")!)),
                (filer, .claimServed(defendant: "D2", method: .mail, at: CourtTime.localInstant("2026-11-24T10:00")!)),
            ])
            #expect(try await b.get("/claims/\(id.uuidString)").body.contains("Affidavit of service filed for Roy Holdings Ltd."))
        }
    }
}
