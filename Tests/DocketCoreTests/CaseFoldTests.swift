import Foundation
import Testing
@testable import DocketCore

@Suite struct CaseFoldTests {
    let rules = RuleSets.ontarioSmallClaims
    func d(_ s: String) -> CivilDate { CivilDate(s)! }
    func t(_ s: String) -> Date { CourtTime.localInstant(s)! }

    /// Builds a docket from events in order.
    func docket(_ events: [(CaseRole, DocketEvent)]) -> [DocketEntry] {
        events.enumerated().map { DocketEntry(sequence: $0.offset + 1, recordedAt: t("2026-11-23T10:00"), by: $0.element.0, event: $0.element.1) }
    }

    let submitted: (CaseRole, DocketEvent) = (.plaintiff, .claimSubmitted(defendants: ["D1"], liquidated: true))
    let issued: (CaseRole, DocketEvent) = (.clerk, .claimIssued(fileNumber: "TOR-SC-26-000001", on: CivilDate("2026-11-23")!))

    func fold(_ events: [(CaseRole, DocketEvent)], at now: String) -> CaseSummary {
        CaseFold.fold(docket(events), rules: rules, now: t(now))
    }

    @Test func aSubmittedClaimWaitsForTheClerk() {
        let s = fold([submitted], at: "2026-11-23T11:00")
        #expect(s.stage == .submitted)
        #expect(s.can(.clerk, .issueClaim))
        #expect(!s.can(.plaintiff, .fileAffidavitOfService, "D1"))
        #expect(s.deadlines.isEmpty)
        #expect(CaseFold.fold([], rules: rules, now: Date()).stage == .submitted)
    }

    @Test func anIssuedClaimMustBeServedWithinSixMonths() {
        let s = fold([submitted, issued], at: "2026-12-01T10:00")
        #expect(s.stage == .awaitingService)
        #expect(s.fileNumber == "TOR-SC-26-000001")
        #expect(s.deadlines == [OpenDeadline(what: .serveClaim, who: .plaintiff, defendant: "D1", by: d("2027-05-25"), rule: "r. 8.01(2)", missed: false)])
        #expect(s.can(.plaintiff, .fileAffidavitOfService, "D1"))
        // 2027-05-23 is a Sunday and 05-24 Victoria Day: the period runs to Tuesday the 25th.
        let missed = fold([submitted, issued], at: "2027-05-26T10:00")
        #expect(missed.deadlines.first?.by == d("2027-05-25"))
        #expect(missed.deadlines.first?.missed == true)
        #expect(!missed.can(.plaintiff, .fileAffidavitOfService, "D1"))
        #expect(missed.can(.plaintiff, .moveToExtendTimeForService, "D1"))
    }

    @Test func serviceStartsTheTwentyDaysForADefence() {
        // Mailed Friday 2026-11-27: effective the fifth day, Wednesday 2026-12-02; defence by 2026-12-22.
        let served: (CaseRole, DocketEvent) = (.plaintiff, .claimServed(defendant: "D1", method: .mail, at: t("2026-11-27T10:00")))
        let s = fold([submitted, issued, served], at: "2026-12-10T10:00")
        #expect(s.stage == .awaitingResponse)
        #expect(s.defendants["D1"] == .served)
        #expect(s.deadlines == [OpenDeadline(what: .fileDefence, who: .defendant, defendant: "D1", by: d("2026-12-22"), rule: "r. 9.01", missed: false)])
        #expect(s.can(.defendant, .fileDefence, "D1"))
        #expect(!s.can(.plaintiff, .requestNotingInDefault, "D1"))
    }

    @Test func noDefenceInTimeLeadsToDefaultAndJudgment() {
        let served: (CaseRole, DocketEvent) = (.plaintiff, .claimServed(defendant: "D1", method: .personal, at: t("2026-11-24T10:00")))
        // Personal service 2026-11-24: defence by 2026-12-14 (a Monday).
        let onLastDay = fold([submitted, issued, served], at: "2026-12-14T16:00")
        #expect(!onLastDay.can(.plaintiff, .requestNotingInDefault, "D1"))
        let after = fold([submitted, issued, served], at: "2026-12-15T09:00")
        #expect(after.deadlines.first?.missed == true)
        #expect(after.can(.plaintiff, .requestNotingInDefault, "D1"))
        // The defendant may still defend until noted in default.
        #expect(after.can(.defendant, .fileDefence, "D1"))

        let requested: (CaseRole, DocketEvent) = (.plaintiff, .notingInDefaultRequested(defendant: "D1", on: d("2026-12-15")))
        let pending = fold([submitted, issued, served, requested], at: "2026-12-15T10:00")
        #expect(pending.can(.clerk, .noteInDefault, "D1"))

        let noted: (CaseRole, DocketEvent) = (.clerk, .notedInDefault(defendant: "D1", on: d("2026-12-16")))
        let inDefault = fold([submitted, issued, served, requested, noted], at: "2026-12-16T10:00")
        #expect(inDefault.stage == .inDefault)
        #expect(!inDefault.can(.defendant, .fileDefence, "D1"))
        #expect(inDefault.can(.plaintiff, .requestDefaultJudgment, "D1"))
        #expect(inDefault.can(.clerk, .signDefaultJudgment, "D1"))

        // A defence arriving after noting in default changes nothing.
        let late: (CaseRole, DocketEvent) = (.defendant, .defenceFiled(defendant: "D1", on: d("2026-12-17")))
        #expect(fold([submitted, issued, served, requested, noted, late], at: "2026-12-17T10:00").defendants["D1"] == .notedInDefault)

        let judgment: (CaseRole, DocketEvent) = (.clerk, .defaultJudgment(defendant: "D1", on: d("2026-12-18")))
        let done = fold([submitted, issued, served, requested, noted, judgment], at: "2026-12-18T10:00")
        #expect(done.stage == .judgment)
        #expect(done.can(.plaintiff, .enforceJudgment, "D1"))
    }

    @Test func anUnliquidatedClaimGoesToAssessment() {
        let events: [(CaseRole, DocketEvent)] = [
            (.plaintiff, .claimSubmitted(defendants: ["D1"], liquidated: false)), issued,
            (.plaintiff, .claimServed(defendant: "D1", method: .personal, at: t("2026-11-24T10:00"))),
            (.clerk, .notedInDefault(defendant: "D1", on: d("2026-12-16"))),
        ]
        let s = fold(events, at: "2026-12-16T10:00")
        #expect(s.can(.plaintiff, .requestAssessment, "D1"))
        #expect(!s.can(.plaintiff, .requestDefaultJudgment, "D1"))
    }

    @Test func aDefenceOpensTheDefendantsClaimAndTheConference() {
        let events: [(CaseRole, DocketEvent)] = [
            submitted, issued,
            (.plaintiff, .claimServed(defendant: "D1", method: .personal, at: t("2026-11-24T10:00"))),
            (.defendant, .defenceFiled(defendant: "D1", on: d("2026-12-01"))),
        ]
        let s = fold(events, at: "2026-12-02T10:00")
        #expect(s.stage == .defended)
        #expect(s.deadlines.map(\.what) == [.fileDefendantsClaim, .holdSettlementConference])
        #expect(s.deadlines.first { $0.what == .fileDefendantsClaim }?.by == d("2026-12-21"))
        #expect(s.deadlines.first { $0.what == .holdSettlementConference }?.by == d("2027-03-01"))
        #expect(s.can(.defendant, .fileDefendantsClaim, "D1"))
        #expect(s.can(.clerk, .scheduleSettlementConference))
        #expect(!s.can(.plaintiff, .requestNotingInDefault, "D1"))
        let later = fold(events, at: "2026-12-22T10:00")
        #expect(!later.can(.defendant, .fileDefendantsClaim, "D1"))
        #expect(later.deadlines.first { $0.what == .fileDefendantsClaim }?.missed == true)
    }

    @Test func anAdmissionGivesThePlaintiffTwentyDaysToDisputeTheTerms() {
        let events: [(CaseRole, DocketEvent)] = [
            submitted, issued,
            (.plaintiff, .claimServed(defendant: "D1", method: .email, at: t("2026-11-24T16:30"))),
            (.defendant, .admissionWithProposal(defendant: "D1", on: d("2026-12-03"), whole: true)),
        ]
        let s = fold(events, at: "2026-12-04T10:00")
        #expect(s.stage == .admitted)
        #expect(s.deadlines == [OpenDeadline(what: .disputePaymentTerms, who: .plaintiff, defendant: "D1", by: d("2026-12-23"), rule: "r. 9.03", missed: false)])
        #expect(s.can(.plaintiff, .disputePaymentTerms, "D1"))
        #expect(!fold(events, at: "2026-12-24T10:00").can(.plaintiff, .disputePaymentTerms, "D1"))
    }

    @Test func eachDefendantHasItsOwnClock() {
        let events: [(CaseRole, DocketEvent)] = [
            (.plaintiff, .claimSubmitted(defendants: ["D1", "D2"], liquidated: true)), issued,
            (.plaintiff, .claimServed(defendant: "D1", method: .personal, at: t("2026-11-24T10:00"))),
        ]
        let s = fold(events, at: "2026-12-15T10:00")
        #expect(s.stage == .awaitingService)
        #expect(s.defendants == ["D1": .served, "D2": .unserved])
        #expect(s.can(.plaintiff, .requestNotingInDefault, "D1"))
        #expect(s.can(.plaintiff, .fileAffidavitOfService, "D2"))
        // Entries are read in sequence order, however they are stored.
        let shuffled = docket(events).reversed()
        #expect(CaseFold.fold(Array(shuffled), rules: rules, now: t("2026-12-15T10:00")).defendants == s.defendants)
    }
}
