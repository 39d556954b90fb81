import Foundation
import Testing
@testable import DocketCore

@Suite struct MoneyTests {
    @Test(arguments: [("1,234.56", 123_456), ("$1,234.56", 123_456), ("1234.5", 123_450), ("1 234,56 $", 123_456),
                      ("1\u{00A0}234,56\u{00A0}$", 123_456), ("1234,56", 123_456), ("12,5", 1_250), ("1,234", 123_400),
                      ("35000", 3_500_000), ("0.07", 7), (" 50 000 ", 5_000_000), ("1,234,567.89", 123_456_789)])
    func parses(text: String, cents: Int64) {
        #expect(Money.parse(text) == Money(cents: cents))
    }

    @Test(arguments: ["", "abc", "-5", "1.234,56", "1,23,4", "12.345", "1..2", "1.2.3", "$", "1,2345", "12,34,56"])
    func refuses(text: String) {
        #expect(Money.parse(text) == nil, "\(text)")
    }

    @Test func formats() {
        let m = Money(cents: 123_456)
        #expect(m.description == "1234.56")
        #expect(m.formatted(french: false) == "$1,234.56")
        #expect(m.formatted(french: true) == "1\u{00A0}234,56\u{00A0}$")
        #expect(Money(cents: 5).formatted(french: false) == "$0.05")
        #expect(Money(dollars: 50_000).formatted(french: false) == "$50,000.00")
        #expect(Money(cents: 99).description == "0.99")
    }

    @Test func formattedTextParsesBack() {
        for cents: Int64 in [0, 1, 99, 100, 12_345, 1_000_000, 5_000_000, 123_456_789] {
            let m = Money(cents: cents)
            #expect(Money.parse(m.formatted(french: false)) == m)
            #expect(Money.parse(m.formatted(french: true)) == m)
            #expect(Money.parse(m.description) == m)
        }
    }
}

@Suite struct RuleSetTests {
    let rules = RuleSets.ontarioSmallClaims
    func d(_ s: String) -> CivilDate { CivilDate(s)! }

    @Test func monetaryLimitOnBothSidesOfEachChange() {
        #expect(rules.monetaryLimit.on(d("2019-12-31"))?.value == Money(dollars: 25_000))
        #expect(rules.monetaryLimit.on(d("2020-01-01"))?.value == Money(dollars: 35_000))
        #expect(rules.monetaryLimit.on(d("2025-09-30"))?.value == Money(dollars: 35_000))
        #expect(rules.monetaryLimit.on(d("2025-10-01"))?.value == Money(dollars: 50_000))
        #expect(rules.monetaryLimit.on(d("2025-10-01"))?.source.contains("O. Reg. 42/25") == true)
        #expect(rules.monetaryLimit.on(d("2009-12-31")) == nil)
    }

    @Test func appealLimitOnBothSidesOfEachChange() {
        #expect(rules.appealLimit.on(d("2025-09-30"))?.value == Money(dollars: 3_500))
        #expect(rules.appealLimit.on(d("2025-10-01"))?.value == Money(dollars: 5_000))
        #expect(rules.appealLimit.on(d("2019-12-31"))?.value == Money(dollars: 2_500))
    }

    @Test(arguments: [
        (FeeItem.claim, 108, 228), (.defaultJudgment, 94, 128), (.trial, 308, 403), (.motion, 127, 127),
        (.defence, 77, 77), (.defendantsClaim, 108, 108), (.summons, 33, 33), (.certificateOfJudgment, 30, 30),
        (.writ, 68, 68), (.garnishment, 144, 144),
    ])
    func everyFee(item: FeeItem, infrequent: Int64, frequent: Int64) {
        let day = d("2026-11-23")
        #expect(rules.fee(item, priorClaims: 9, on: day)?.amount == Money(dollars: infrequent))
        #expect(rules.fee(item, priorClaims: 10, on: day)?.amount == Money(dollars: frequent))
        #expect(rules.fee(item, priorClaims: 0, on: d("2023-01-01"))?.amount == Money(dollars: infrequent))
        // Before the schedule Docket knows, there is no answer rather than a wrong one.
        #expect(rules.fee(item, priorClaims: 0, on: d("2022-12-31")) == nil)
    }

    @Test func theEleventhClaimIsTheFirstFrequentOne() {
        let day = d("2026-03-02")
        #expect(rules.fee(.claim, priorClaims: 9, on: day)?.frequent == false)
        #expect(rules.fee(.claim, priorClaims: 10, on: day)?.frequent == true)
        #expect(rules.fee(.defendantsClaim, priorClaims: 50, on: day)?.frequent == false)
    }

    @Test func limitation() {
        let check = rules.limitation(discovered: d("2024-06-10"), today: d("2026-05-01"))
        #expect(check.lastDay == d("2026-06-10"))
        #expect(check.status == .open)
        #expect(rules.limitation(discovered: d("2024-06-10"), today: d("2026-05-11")).status == .expiresSoon)
        #expect(rules.limitation(discovered: d("2024-06-10"), today: d("2026-06-10")).status == .expiresSoon)
        #expect(rules.limitation(discovered: d("2024-06-10"), today: d("2026-06-11")).status == .expired)
        // An anniversary on a Saturday moves to the Monday.
        #expect(rules.limitation(discovered: d("2024-11-28"), today: d("2026-01-01")).lastDay == d("2026-11-30"))
        // Discovered late: never more than 15 years after the act.
        let late = rules.limitation(discovered: d("2025-03-02"), actOn: d("2011-06-01"), today: d("2026-01-01"))
        #expect(late.lastDay == d("2026-06-01"))
    }

    @Test func aSecondJurisdictionLeavesOntarioAlone() {
        let other = RuleSet(id: "XX-TEST", name: "Test court", calendar: CourtCalendar(), monetaryLimit: Schedule([]),
                            appealLimit: Schedule([]), fees: [:], frequentClaimantThreshold: 5, frequentClaimantSource: "",
                            limitationYears: 3, ultimateLimitationYears: 10, limitationSource: "")
        #expect(other.fee(.claim, priorClaims: 0, on: d("2026-01-01")) == nil)
        #expect(RuleSets.named("ON-SCC")?.name == "Ontario Small Claims Court")
        #expect(RuleSets.named("XX-TEST") == nil)
    }
}
