import Foundation
import Testing
@testable import DocketCore

/// Submission to issue, decided in the core: who may act, what the fee must be, when a clerk
/// decides, and the issue date under each issuance mode.
@Suite struct CourtDecisionTests {
    func t(_ s: String) -> Date { CourtTime.localInstant(s)! }
    let filer = Actor(.plaintiff, party: "P1", account: UUID())
    let clerk = Actor(.clerk, account: UUID())

    func ready(feeChoice: FeeChoice = .pay) -> ClaimDraft {
        var d = ClaimDraftTests().complete()
        d.answersChecked = true
        d.feeChoice = feeChoice
        if feeChoice == .waiver {
            d.waiverAnswers = FeeWaiverFacts(householdSize: 2, grossAnnualIncome: Money(dollars: 20_000), liquidAssets: .zero,
                                             netWorth: .zero, primaryIncome: .employment, legalAidApproved: false)
        }
        return d
    }

    func submit(_ draft: ClaimDraft, prior: Int = 0, fee: FeeSettlement = .paid(Money(dollars: 108), reference: "PAY-1"),
                into c: inout GivenCase, by actor: Actor? = nil, at time: String = "2026-11-23T10:00") -> Refusal? {
        c.act(.submit(ClaimSubmission(draft: draft, priorClaims: prior, fee: fee)), by: actor ?? filer, at: t(time))
    }

    @Test func aSubmissionRecordsTheClaimWithPartyIdsAndItsFee() {
        var c = GivenCase()
        #expect(submit(ready(), into: &c) == nil)
        let s = c.state(at: t("2026-11-23T10:00"))
        #expect(s.filed?.defendants.map(\.id) == ["D1"])
        #expect(s.filed?.plaintiffs.map(\.name) == ["Marie Tremblay"])
        #expect(s.fee == Money(dollars: 108))
        #expect(s.paymentReference == "PAY-1")
        #expect(s.filerAccount == filer.account)
        #expect(s.can(.system, .issueClaim))
        #expect(s.waitingOn == .system)
        #expect(submit(ready(), into: &c) == Refusal(.alreadyDone))
    }

    @Test func aSubmissionIsRefusedWhenNotReadyOrTheFeeIsWrong() {
        var c = GivenCase()
        var unchecked = ready()
        unchecked.answersChecked = false
        #expect(submit(unchecked, into: &c)?.reason == .incomplete)
        #expect(submit(ready(), into: &c, by: clerk)?.reason == .notPermitted)
        // The 11th claim this year at the office is a frequent claimant's: $228, not $108.
        #expect(submit(ready(), prior: 10, into: &c) == Refusal(.feeChanged, rule: "O. Reg. 332/16"))
        #expect(submit(ready(), prior: 10, fee: .paid(Money(dollars: 228), reference: "PAY-2"), into: &c) == nil)
        #expect(c.entries.count == 2, "refusals append nothing")
    }

    @Test func aWaiverIsDecidedByTheThresholds() {
        var c = GivenCase()
        #expect(submit(ready(feeChoice: .waiver), fee: .paid(Money(dollars: 108), reference: "X"), into: &c)?.reason == .feeChanged)
        var rich = ready(feeChoice: .waiver)
        rich.waiverAnswers?.grossAnnualIncome = Money(dollars: 200_000)
        #expect(submit(rich, fee: .waiver, into: &c)?.reason == .waiverNotGranted)
        #expect(submit(ready(feeChoice: .waiver), fee: .waiver, into: &c) == nil)
        #expect(c.state(at: t("2026-11-23T10:00")).waiverRequested)
    }

    @Test func aReferredClaimWaitsForAClerk() {
        var c = GivenCase()
        var draft = ready()
        draft.defendants[0].underDisability = true
        #expect(submit(draft, into: &c) == nil)
        let s = c.state(at: t("2026-11-23T10:00"))
        #expect(s.referralReasons == ["defendant-under-disability"])
        #expect(!s.can(.system, .issueClaim))
        #expect(s.waitingOn == .clerk)
        #expect(c.act(.issue(fileNumber: "TOR47-SC-26-000001"), by: .system, at: t("2026-11-23T10:00"))?.reason == .notPermitted)
        #expect(c.act(.reject(reasons: "  "), by: clerk, at: t("2026-11-24T10:00")) == Refusal(.reasonsMissing))
        #expect(c.act(.issue(fileNumber: "TOR47-SC-26-000001"), by: clerk, at: t("2026-11-24T18:00")) == nil)
        #expect(c.state(at: t("2026-11-25T10:00")).issuedOn == CivilDate("2026-11-25"), "after 17:00: the next day the office is open")
        #expect(c.act(.reject(reasons: "Too late"), by: clerk, at: t("2026-11-25T10:00")) == Refusal(.alreadyDone))
    }

    @Test func underClerkConfirmationEveryClaimWaitsAndIssuesOnTheDayConfirmed() {
        var c = GivenCase()
        c.rules = c.rules.with(issuance: .onClerkConfirmation)
        #expect(submit(ready(), into: &c, at: "2026-11-20T10:00") == nil)
        #expect(!c.state(at: t("2026-11-20T10:00")).can(.system, .issueClaim))
        #expect(c.act(.issue(fileNumber: "N-1"), by: .system, at: t("2026-11-20T10:00"))?.reason == .notPermitted)
        #expect(c.act(.issue(fileNumber: "N-1"), by: Actor(.plaintiff), at: t("2026-11-20T10:00"))?.reason == .notPermitted)
        #expect(c.act(.issue(fileNumber: "N-1"), by: clerk, at: t("2026-11-24T18:30")) == nil)
        #expect(c.state(at: t("2026-11-25T10:00")).issuedOn == CivilDate("2026-11-24"))
    }

    @Test func theSealIsRecordedOnceAfterIssue() {
        var c = GivenCase(docket: [(filer, .claimFiled(.sample()))])
        #expect(c.act(.recordSeal(sha256: "ab"), by: .system, at: t("2026-11-23T10:00"))?.reason == .notPermitted)
        c.append(.claimIssued(fileNumber: "N-1", on: CivilDate("2026-11-23")!), by: .system, at: t("2026-11-23T10:00"))
        #expect(c.act(.recordSeal(sha256: "ab"), by: clerk, at: t("2026-11-23T10:00"))?.reason == .notPermitted)
        #expect(c.act(.recordSeal(sha256: "ab"), by: .system, at: t("2026-11-23T10:00")) == nil)
        #expect(c.act(.recordSeal(sha256: "cd"), by: .system, at: t("2026-11-23T10:00")) == Refusal(.alreadyDone))
        #expect(c.state(at: t("2026-11-23T10:00")).sealedSHA256 == "ab")
    }

    @Test func periodsComeFromTheRuleSet() {
        var c = GivenCase(docket: [(filer, .claimFiled(.sample())),
                                   (.system, .claimIssued(fileNumber: "N-1", on: CivilDate("2026-11-23")!)),
                                   (filer, .claimServed(defendant: "D1", method: .personal, at: t("2026-11-24T10:00")))])
        #expect(c.state(at: t("2026-11-25T10:00")).nextDeadline?.by == CivilDate("2026-12-14"))
        c.rules.courtPeriods.defenceDays = .init(30, "r. 9.01 (a longer period)")
        let later = c.state(at: t("2026-11-25T10:00")).nextDeadline
        #expect(later?.by == CivilDate("2026-12-24"))
        #expect(later?.rule == "r. 9.01 (a longer period)")
        #expect(later?.who == .defendant)
        #expect(c.state(at: t("2026-11-25T10:00")).waitingOn == .defendant)
    }

    @Test func refusalsNameTheirCatalogueKey() {
        #expect(Refusal(.feeChanged).key == "refusal.fee-changed")
        #expect(Set(Refusal.Reason.allCases.map { Refusal($0).key }).count == Refusal.Reason.allCases.count)
    }
}
