import Foundation
import Testing
@testable import DocketCore

@Suite struct ClaimDraftTests {
    func party(_ kind: PartyKind = .individual) -> ClaimParty {
        ClaimParty(kind: kind, firstName: "Marie", lastName: "Tremblay", businessName: "Lavoie Inc.", address: "1 Main St",
                   city: "Ottawa", province: "on", postalCode: "k2p2k1", phone: "613 555 0100", email: "Marie@Example.com")
    }

    func complete() -> ClaimDraft {
        var d = ClaimDraft()
        d.officeCode = "toronto-47-sheppard"; d.venue = .causeArose
        d.plaintiffs = [party()]; d.defendants = [party(.business)]
        d.filingForClient = false
        d.rows = [ClaimRow(reason: "Invoice", amount: Money(dollars: 1000))]
        d.interest = InterestClaim(basis: .none)
        d.summary = "Unpaid."; d.incidentOn = CivilDate("2026-06-01")
        d.documentsDone = true
        return d
    }

    @Test func anEmptyDraftListsEveryMissingItemWithItsSection() {
        let d = ClaimDraft()
        #expect(d.missing.map(\.section) == [.office, .office, .plaintiffs, .defendants, .representative, .claim, .claim, .story, .story, .documents])
        #expect(ClaimSection.tasks.allSatisfy { d.status(of: $0) == .notStarted })
        #expect(complete().missing.isEmpty)
    }

    @Test func sectionsMoveFromNotStartedToInProgressToCompleted() {
        var d = ClaimDraft()
        d.officeCode = "x"
        #expect(d.status(of: .office) == .inProgress)
        d.venue = .nearestCourt
        #expect(d.status(of: .office) == .completed)
        d.filingForClient = true
        #expect(d.status(of: .representative) == .inProgress)
        #expect(d.missing.contains(MissingItem(section: .representative, messageKey: "claim.missing.representativeDetails")))
        d.representative = Representative(name: "A. Lawyer", lawSocietyNumber: "12345P")
        #expect(d.status(of: .representative) == .completed)
        d.timeline = [TimelineEvent(on: CivilDate("2026-01-01")!, what: "Signed")]
        #expect(d.status(of: .story) == .inProgress)
        d.documents = [ClaimDocument(title: "Contract")]
        #expect(d.status(of: .documents) == .inProgress)
        d.documentsDone = true
        #expect(d.status(of: .documents) == .completed)
        d.feeChoice = .waiver
        #expect(d.status(of: .fee) == .inProgress)
        var c = complete()
        #expect(c.status(of: .check) == .notStarted)
        c.answersChecked = true
        #expect(c.status(of: .check) == .completed)
    }

    @Test func readinessNeedsCheckedAnswersAFeeChoiceAndEligibility() {
        let rules = RuleSets.ontarioSmallClaims
        let today = CivilDate("2026-11-23")!
        var d = complete()
        #expect(!d.readyToSubmit(rules: rules, filing: today))
        d.answersChecked = true; d.feeChoice = .pay
        #expect(d.readyToSubmit(rules: rules, filing: today))
        d.rows = [ClaimRow(reason: "Damages", amount: Money(dollars: 50_001))]
        #expect(!d.readyToSubmit(rules: rules, filing: today))
        d.waivesExcess = true
        #expect(d.readyToSubmit(rules: rules, filing: today))
        d.incidentOn = CivilDate("2024-11-01")
        #expect(!d.readyToSubmit(rules: rules, filing: today))
        d.discoveredOn = CivilDate("2025-01-10")
        #expect(d.facts.discovered == CivilDate("2025-01-10"))
        #expect(d.readyToSubmit(rules: rules, filing: today))
    }

    @Test func aClerkReviewsDisabilityAndInterestAboveThirtyFivePercent() {
        var d = complete()
        #expect(d.reviewReasons.isEmpty)
        d.interest = InterestClaim(basis: .contract, rateBasisPoints: 3500, from: CivilDate("2026-06-01"))
        #expect(d.reviewReasons.isEmpty)
        #expect(d.liquidated)
        d.interest?.rateBasisPoints = 3501
        #expect(d.reviewReasons == ["interest-above-35"])
        d.defendants[0].underDisability = true
        #expect(d.reviewReasons == ["defendant-under-disability", "interest-above-35"])
        d.interest = InterestClaim(basis: .courtsOfJusticeAct, from: CivilDate("2026-06-01"))
        #expect(d.reviewReasons == ["defendant-under-disability"])
        #expect(!d.liquidated)
    }

    @Test func partiesAreCleanedAndCheckedForTheirSide() {
        let (p, problems) = party().validated(as: .plaintiff)
        #expect(problems.isEmpty)
        #expect(p.postalCode == "K2P 2K1")
        #expect(p.province == "ON")
        #expect(p.email == "marie@example.com")
        #expect(p.businessName == "")

        let business = party(.business).validated(as: .defendant).0
        #expect(business.name == "Lavoie Inc.")
        #expect(business.firstName == "")

        var unknown = ClaimParty(kind: .individual, firstName: "Paul", lastName: "Roy", address: "9 King St", city: "Toronto")
        #expect(unknown.validated(as: .defendant).1.isEmpty)
        #expect(unknown.validated(as: .plaintiff).1.map(\.field) == ["postalCode", "phone"])
        unknown.underDisability = true
        #expect(unknown.validated(as: .plaintiff).0.underDisability == false)

        let bad = ClaimParty(kind: nil, address: "", city: "", province: "ZZ", postalCode: "123", phone: "12", email: "nope")
        #expect(Set(bad.validated(as: .defendant).1.map(\.field)) == ["partyKind", "address", "city", "province", "postalCode", "phone", "email"])
        let aliases = ClaimParty(kind: .business, businessName: "Co", alsoKnownAs: ["A", " ", "B"])
        #expect(aliases.validated(as: .defendant).0.alsoKnownAs == ["A", "B"])
        #expect(aliases.fullDescription == "Co (a.k.a. A;  ; B)")
    }

    @Test func aDraftSurvivesARoundTripThroughJSON() throws {
        var d = complete()
        d.waiverAnswers = FeeWaiverFacts(householdSize: 2, grossAnnualIncome: Money(dollars: 20_000), liquidAssets: .zero,
                                           netWorth: .zero, primaryIncome: .employment, legalAidApproved: false)
        let decoded = try JSONDecoder().decode(ClaimDraft.self, from: JSONEncoder().encode(d))
        #expect(decoded == d)
    }

    @Test func aRejectedClaimIsNeverIssued() {
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        let entries = [DocketEntry(sequence: 1, recordedAt: t, by: .plaintiff, event: .claimSubmitted(defendants: ["A"], liquidated: true)),
                       DocketEntry(sequence: 2, recordedAt: t, by: .plaintiff, event: .claimReferred(reasons: ["interest-above-35"])),
                       DocketEntry(sequence: 3, recordedAt: t, by: .clerk, event: .claimRejected(reasons: "No.")),
                       DocketEntry(sequence: 4, recordedAt: t, by: .clerk, event: .claimIssued(fileNumber: "X", on: CivilDate("2026-01-05")!))]
        let rules = RuleSets.ontarioSmallClaims
        #expect(CaseFold.fold(Array(entries.prefix(2)), rules: rules, now: t).can(.clerk, .issueClaim))
        let summary = CaseFold.fold(entries, rules: rules, now: t)
        #expect(summary.stage == .rejected)
        #expect(summary.fileNumber == nil)
        #expect(summary.actions.isEmpty)
    }
}

@Suite struct PartyNameTests {
    @Test func fullNamesSplitIntoFirstAndLast() {
        #expect(ClaimParty.split(fullName: "Paul Roy") == ("Paul", "Roy"))
        #expect(ClaimParty.split(fullName: "  Nguyễn Văn An ") == ("Nguyễn Văn", "An"))
        #expect(ClaimParty.split(fullName: "Marie-Ève de la Fontaine") == ("Marie-Ève", "de la Fontaine"))
        #expect(ClaimParty.split(fullName: "Ludwig van Beethoven") == ("Ludwig", "van Beethoven"))
        #expect(ClaimParty.split(fullName: "Cher") == ("", "Cher"))
    }
}
