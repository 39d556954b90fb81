import Testing
@testable import DocketCore

@Suite struct FeeWaiverTests {
    let rules = RuleSets.ontarioSmallClaims
    let day = CivilDate("2026-11-23")!

    func facts(_ size: Int, income: Int64, liquid: Int64 = 1_000, worth: Int64 = 5_000, source: IncomeSource = .employment) -> FeeWaiverFacts {
        FeeWaiverFacts(householdSize: size, grossAnnualIncome: Money(dollars: income), liquidAssets: Money(dollars: liquid),
                       netWorth: Money(dollars: worth), primaryIncome: source)
    }

    @Test(arguments: [(1, 33_100), (2, 49_600), (3, 57_300), (4, 68_700), (5, 80_200), (8, 80_200)])
    func incomeMustBeBelowTheAmountForTheHousehold(size: Int, limit: Int64) {
        #expect(rules.feeWaiver(facts(size, income: limit - 1), on: day) == .eligible(ground: "O. Reg. 2/05, s. 2(1)(c); O. Reg. 2/05, s. 2(1)(c), (2)"))
        #expect(rules.feeWaiver(facts(size, income: limit), on: day) == .askJudge(reasons: ["income"]))
    }

    @Test func assetsAndNetWorthMustBeBelowTheirAmounts() {
        #expect(rules.feeWaiver(facts(1, income: 20_000, liquid: 2_800, worth: 11_000), on: day) == .askJudge(reasons: ["liquid-assets", "net-worth"]))
        if case .eligible = rules.feeWaiver(facts(1, income: 20_000, liquid: 2_799, worth: 10_999), on: day) {} else { Issue.record("should qualify") }
    }

    @Test(arguments: [IncomeSource.socialAssistance, .oasWithGIS, .canadaPensionPlan, .warVeteransAllowance])
    func listedBenefitsQualifyWhateverTheIncome(source: IncomeSource) {
        if case .eligible(let ground) = rules.feeWaiver(facts(1, income: 90_000, liquid: 50_000, worth: 500_000, source: source), on: day) {
            #expect(ground.hasPrefix("O. Reg. 2/05, s. 2(1)(a)"))
        } else { Issue.record("\(source) should qualify") }
    }

    @Test func legalAidQualifies() {
        var f = facts(2, income: 100_000)
        f.legalAidApproved = true
        #expect(rules.feeWaiver(f, on: day) == .eligible(ground: "O. Reg. 2/05, s. 2(1)(b)"))
    }

    @Test func notForABusinessOrAContingencyFee() {
        var f = facts(1, income: 10_000, source: .socialAssistance)
        f.actingForBusiness = true
        #expect(rules.feeWaiver(f, on: day) == .unavailable(reason: "acting-for-business"))
        f.actingForBusiness = false; f.contingencyFee = true
        #expect(rules.feeWaiver(f, on: day) == .unavailable(reason: "contingency-fee"))
    }

    @Test func beforeTheKnownAmountsTheClerkCannotDecide() {
        #expect(rules.feeWaiver(facts(1, income: 1_000), on: CivilDate("2022-12-31")!) == .askJudge(reasons: ["thresholds-unknown"]))
    }
}
