/// Court fee waiver (Administration of Justice Act, ss. 4.3–4.5; O. Reg. 2/05, s. 2 as replaced by
/// O. Reg. 336/16). A person qualifies when the main source of household income is one of the
/// listed benefits, when Legal Aid Ontario has approved legal aid for the proceeding, or when the
/// household's income, liquid assets and net worth are all below the amounts in force. It is not
/// available to someone acting for a business or organization, or whose fees a lawyer pays under a
/// contingency fee agreement; anyone else who does not qualify may ask a judge.
public enum IncomeSource: String, CaseIterable, Sendable, Codable {
    /// Ontario Works, ODSP income support, or a Family Benefits Act allowance: s. 2(1)(a)(i).
    case socialAssistance = "social-assistance"
    /// Old Age Security pension with the Guaranteed Income Supplement: s. 2(1)(a)(ii).
    case oasWithGIS = "oas-gis"
    /// A Canada Pension Plan benefit: s. 2(1)(a)(iii).
    case canadaPensionPlan = "cpp"
    /// War Veterans Allowance: s. 2(1)(a)(iv).
    case warVeteransAllowance = "war-veterans-allowance"
    case employment, other
}

public struct FeeWaiverFacts: Sendable, Codable, Equatable {
    public var householdSize: Int
    public var grossAnnualIncome: Money
    public var liquidAssets: Money
    public var netWorth: Money
    public var primaryIncome: IncomeSource
    public var legalAidApproved: Bool
    public var actingForBusiness: Bool
    public var contingencyFee: Bool

    public init(householdSize: Int, grossAnnualIncome: Money, liquidAssets: Money, netWorth: Money,
                primaryIncome: IncomeSource = .employment, legalAidApproved: Bool = false,
                actingForBusiness: Bool = false, contingencyFee: Bool = false) {
        self.householdSize = householdSize; self.grossAnnualIncome = grossAnnualIncome
        self.liquidAssets = liquidAssets; self.netWorth = netWorth; self.primaryIncome = primaryIncome
        self.legalAidApproved = legalAidApproved; self.actingForBusiness = actingForBusiness
        self.contingencyFee = contingencyFee
    }
}

/// The amounts a household must be below, by household size 1 … 5 or more.
public struct FeeWaiverThresholds: Sendable, Equatable {
    public let incomeBelow: [Money]
    public let liquidAssetsBelow: Money
    public let netWorthBelow: Money

    public func income(forHousehold size: Int) -> Money { incomeBelow[min(max(size, 1), incomeBelow.count) - 1] }
}

public enum FeeWaiverDecision: Equatable, Sendable {
    /// The clerk can grant the waiver; the ground names the clause.
    case eligible(ground: String)
    /// Not for the clerk; the person may ask a judge (unless barred).
    case askJudge(reasons: [String])
    /// Not available at all.
    case unavailable(reason: String)
}

extension RuleSet {
    public func feeWaiver(_ facts: FeeWaiverFacts, on date: CivilDate) -> FeeWaiverDecision {
        if facts.actingForBusiness { return .unavailable(reason: "acting-for-business") }
        if facts.contingencyFee { return .unavailable(reason: "contingency-fee") }
        switch facts.primaryIncome {
        case .socialAssistance: return .eligible(ground: "O. Reg. 2/05, s. 2(1)(a)(i)")
        case .oasWithGIS: return .eligible(ground: "O. Reg. 2/05, s. 2(1)(a)(ii)")
        case .canadaPensionPlan: return .eligible(ground: "O. Reg. 2/05, s. 2(1)(a)(iii)")
        case .warVeteransAllowance: return .eligible(ground: "O. Reg. 2/05, s. 2(1)(a)(iv)")
        case .employment, .other: break
        }
        if facts.legalAidApproved { return .eligible(ground: "O. Reg. 2/05, s. 2(1)(b)") }
        guard let t = feeWaiverThresholds.on(date) else { return .askJudge(reasons: ["thresholds-unknown"]) }
        var reasons: [String] = []
        if facts.grossAnnualIncome >= t.value.income(forHousehold: facts.householdSize) { reasons.append("income") }
        if facts.liquidAssets >= t.value.liquidAssetsBelow { reasons.append("liquid-assets") }
        if facts.netWorth >= t.value.netWorthBelow { reasons.append("net-worth") }
        return reasons.isEmpty ? .eligible(ground: "O. Reg. 2/05, s. 2(1)(c); " + t.source) : .askJudge(reasons: reasons)
    }
}
