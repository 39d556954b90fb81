import Testing
@testable import DocketCore

@Suite struct EligibilityTests {
    let rules = RuleSets.ontarioSmallClaims
    func d(_ s: String) -> CivilDate { CivilDate(s)! }

    func facts(_ dollars: Int64, waive: Bool = false, discovered: String? = "2026-01-15", venue: VenueGround? = .defendantResides) -> ClaimFacts {
        ClaimFacts(amount: Money(dollars: dollars), waivesExcess: waive, discovered: discovered.map(d), venue: venue)
    }

    @Test func aClaimWithinTheLimitCanBeFiled() {
        let r = rules.eligibility(of: facts(12_000), filing: d("2026-11-23"))
        #expect(r.canFile)
        #expect(r.findings.isEmpty)
        #expect(r.claimableAmount == Money(dollars: 12_000))
        #expect(r.limit == Money(dollars: 50_000))
    }

    @Test func theLimitIsTheOneInForceOnTheFilingDay() {
        #expect(!rules.eligibility(of: facts(40_000, discovered: "2025-01-15"), filing: d("2025-09-30")).canFile)
        #expect(rules.eligibility(of: facts(40_000, discovered: "2025-01-15"), filing: d("2025-10-01")).canFile)
    }

    @Test func overTheLimitNeedsAnExpressWaiver() {
        let refused = rules.eligibility(of: facts(60_000), filing: d("2026-11-23"))
        #expect(!refused.canFile)
        #expect(refused.findings.map(\.code) == ["amount.over-limit"])
        let waived = rules.eligibility(of: facts(60_000, waive: true), filing: d("2026-11-23"))
        #expect(waived.canFile)
        #expect(waived.claimableAmount == Money(dollars: 50_000))
        #expect(waived.findings.map(\.code) == ["amount.excess-waived"])
        #expect(waived.findings.first?.severity == .warning)
    }

    @Test func theLimitationPeriodWarnsThenBlocks() {
        let soon = rules.eligibility(of: facts(500, discovered: "2024-12-01"), filing: d("2026-11-23"))
        #expect(soon.canFile)
        #expect(soon.findings.map(\.code) == ["limitation.expires-soon"])
        #expect(soon.limitation?.lastDay == d("2026-12-01"))
        let late = rules.eligibility(of: facts(500, discovered: "2024-06-10"), filing: d("2026-11-23"))
        #expect(!late.canFile)
        #expect(late.findings.map(\.code) == ["limitation.expired"])
        #expect(late.findings.first?.messageKey == "eligibility.limitation.expired")
    }

    @Test func everyProblemComesBackAtOnce() {
        let r = rules.eligibility(of: facts(0, discovered: nil, venue: nil), filing: d("2026-11-23"))
        #expect(Set(r.findings.map(\.code)) == ["amount.missing", "limitation.unknown", "venue.missing"])
        #expect(r.findings.allSatisfy { !$0.rule.isEmpty && $0.messageKey.hasPrefix("eligibility.") })
        let future = rules.eligibility(of: facts(100, discovered: "2027-01-01"), filing: d("2026-11-23"))
        #expect(future.findings.map(\.code) == ["limitation.future"])
    }
}
