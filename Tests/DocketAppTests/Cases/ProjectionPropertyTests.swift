import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// Whatever the actions and their order (submissions, second submissions, issues and rejections
/// by a clerk, seals, time passing), every case's projection row is what a fresh fold of its
/// docket says. Runs on SQLite and, in CI, on PostgreSQL.
@Suite struct ProjectionPropertyTests {
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func theProjectionEqualsAFreshFoldAfterAnySequenceOfActions(seed: UInt64) async throws {
        let issuance = seed.isMultiple(of: 2) ? "automatic" : "clerk-confirmation"
        try await withDocket(settings: { $0.issuance = issuance }) { app, clock in
            var random = SeededGenerator(seed: seed)
            try await Browser(app).register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            let clerk = Actor(.clerk, account: UUID())
            var cases: [UUID] = []
            func someCase() -> UUID? { cases.isEmpty ? nil : cases[Int.random(in: 0..<cases.count, using: &random)] }

            for step in 0..<30 {
                let action = Int.random(in: 0..<7, using: &random)
                do {
                    switch action {
                    case 0, 1:
                        var draft = completeDraft(defendant: "Defendant \(step)", underDisability: Bool.random(using: &random))
                        if Bool.random(using: &random) {
                            draft.feeChoice = .waiver
                            draft.waiverAnswers = FeeWaiverFacts(householdSize: 2, grossAnnualIncome: Money(dollars: 20_000),
                                                                 liquidAssets: .zero, netWorth: .zero, primaryIncome: .employment,
                                                                 legalAidApproved: false)
                        }
                        let claim = try await storeDraft(draft, for: account, on: app.db)
                        cases.append(claim.id!)
                        _ = try await ClaimFiling.submit(claimID: claim.id!, account: account, app: app, logger: app.logger)
                    case 2:
                        if let id = someCase() { _ = try await ClaimFiling.submit(claimID: id, account: account, app: app, logger: app.logger) }
                    case 3:
                        if let id = someCase() { try await ClaimFiling.issue(claimID: id, by: clerk, app: app) }
                    case 4:
                        if let id = someCase() {
                            let reasons = Bool.random(using: &random) ? "" : "The claim names no address for service."
                            try await CourtActs.act(on: id, by: clerk, app: app) { _, _ in .reject(reasons: reasons) }
                        }
                    case 5:
                        if let id = someCase() { try await ClaimFiling.completeIssue(id, app: app) }
                    default:
                        clock.set(clock.now().addingTimeInterval(Double(Int.random(in: 1...200, using: &random)) * 3600))
                    }
                } catch is Refusal {
                    // A refused action changes nothing; the check below proves it.
                }
                for id in cases { try await expectProjectionIsTheFold(app, id, "seed \(seed), step \(step), action \(action)") }
            }
            #expect(cases.count > 3, "seed \(seed) made too few cases to say much")
        }
    }

    func expectProjectionIsTheFold(_ app: Application, _ id: UUID, _ context: String) async throws {
        let entries = try await CaseDocket.entries(of: id, on: app.db)
        let row = try await CaseProjectionRecord.find(id, on: app.db)
        guard !entries.isEmpty else {
            #expect(row == nil, "\(context): a case with no docket has no projection")
            return
        }
        let s = CaseFold.fold(entries, rules: app.docket.rules, now: app.docket.clock.now())
        let p = try #require(row, "\(context): no projection")
        #expect(p.stage == s.stage.rawValue, "\(context)")
        #expect(p.waitingOn == s.waitingOn?.rawValue, "\(context)")
        #expect(p.nextDeadline == s.nextDeadline?.by.description, "\(context)")
        #expect(p.nextStep == s.nextDeadline?.what.rawValue, "\(context)")
        #expect(p.fileNumber == s.fileNumber, "\(context)")
        #expect(p.issuedOn == s.issuedOn?.description, "\(context)")
        #expect(p.officeCode == s.filed?.office, "\(context)")
        #expect(p.filingYear == s.filed?.filingYear, "\(context)")
        #expect(p.filerAccountID == s.filerAccount, "\(context)")
        #expect(p.feeCents == s.fee?.cents, "\(context)")
        #expect(p.documentSHA256 == s.sealedSHA256, "\(context)")
        #expect(p.lastSequence == entries.last?.sequence, "\(context)")
        #expect(p.submittedAt.map { Int($0.timeIntervalSince1970) } == s.submittedAt.map { Int($0.timeIntervalSince1970) }, "\(context)")
    }
}
