/// Everything Docket needs to know about one court's rules: calendar, limits, fees and periods, each
/// value dated and sourced. A second jurisdiction is a second `RuleSet`; nothing here assumes Ontario.
public struct RuleSet: Sendable {
    /// Stable identifier, e.g. "ON-SCC".
    public let id: String
    public let name: String
    public let calendar: CourtCalendar
    /// The most that can be claimed, excluding interest and costs.
    public let monetaryLimit: Schedule<Money>
    /// Below this a final judgment on consent at a settlement conference is available.
    public let appealLimit: Schedule<Money>
    public let fees: [FeeItem: Schedule<FeePair>]
    /// A filer who has already filed this many claims at an office in the calendar year is frequent.
    public let frequentClaimantThreshold: Int
    public let frequentClaimantSource: String
    /// Basic limitation period in years from discovery, and the ultimate period from the act.
    public let limitationYears: Int
    public let ultimateLimitationYears: Int
    public let limitationSource: String
    /// Household amounts below which a fee waiver is granted by the clerk.
    public let feeWaiverThresholds: Schedule<FeeWaiverThresholds>
    /// Whether online claims issue automatically or on a clerk's confirmation.
    public var issuance: IssuanceMode = .automatic
    /// The periods of a case after filing.
    public var courtPeriods = CourtPeriods()
    /// The periods of an online dispute.
    public var odrPeriods = OdrPeriods()

    public var periods: Periods { Periods(calendar: calendar) }

    public init(id: String, name: String, calendar: CourtCalendar, monetaryLimit: Schedule<Money>,
                appealLimit: Schedule<Money>, fees: [FeeItem: Schedule<FeePair>], frequentClaimantThreshold: Int,
                frequentClaimantSource: String, limitationYears: Int, ultimateLimitationYears: Int, limitationSource: String,
                feeWaiverThresholds: Schedule<FeeWaiverThresholds> = Schedule([])) {
        self.id = id; self.name = name; self.calendar = calendar; self.monetaryLimit = monetaryLimit
        self.appealLimit = appealLimit; self.fees = fees; self.frequentClaimantThreshold = frequentClaimantThreshold
        self.frequentClaimantSource = frequentClaimantSource; self.limitationYears = limitationYears
        self.ultimateLimitationYears = ultimateLimitationYears; self.limitationSource = limitationSource
        self.feeWaiverThresholds = feeWaiverThresholds
    }

    /// The fee for `item` filed on `date` by a filer with `priorClaims` claims already filed at the
    /// same office this calendar year; nil when Docket has no fee schedule for that date.
    public func fee(_ item: FeeItem, priorClaims: Int, on date: CivilDate) -> FeeQuote? {
        guard let entry = fees[item]?.on(date) else { return nil }
        let frequent = item.dependsOnFrequency && priorClaims >= frequentClaimantThreshold
        return FeeQuote(item: item, amount: frequent ? entry.value.frequent : entry.value.infrequent,
                        frequent: frequent, source: entry.source)
    }

    public func with(calendar: CourtCalendar) -> RuleSet {
        var copy = RuleSet(id: id, name: name, calendar: calendar, monetaryLimit: monetaryLimit, appealLimit: appealLimit,
                fees: fees, frequentClaimantThreshold: frequentClaimantThreshold, frequentClaimantSource: frequentClaimantSource,
                limitationYears: limitationYears, ultimateLimitationYears: ultimateLimitationYears, limitationSource: limitationSource,
                feeWaiverThresholds: feeWaiverThresholds)
        copy.issuance = issuance
        copy.courtPeriods = courtPeriods
        copy.odrPeriods = odrPeriods
        return copy
    }

    public func with(issuance: IssuanceMode) -> RuleSet {
        var copy = self
        copy.issuance = issuance
        return copy
    }
}

public enum RuleSets {
    public static let all: [RuleSet] = [ontarioSmallClaims]

    public static func named(_ id: String) -> RuleSet? { all.first { $0.id == id } }

    private static func d(_ text: String) -> CivilDate { CivilDate(text)! }

    /// Ontario Small Claims Court.
    public static let ontarioSmallClaims: RuleSet = {
        let limits = "O. Reg. 626/00, s. 1"
        let fees = "O. Reg. 332/16, s. 1(2), as amended by O. Reg. 547/22"
        func fee(_ infrequent: Int64, _ frequent: Int64? = nil) -> Schedule<FeePair> {
            // O. Reg. 547/22 (filed 2022-12-09) raised every fee from 2023-01-01. Earlier schedules
            // are not in Docket's data: a lookup before that date answers "unknown".
            Schedule([Dated(from: d("2023-01-01"), FeePair(infrequent, frequent), source: fees)])
        }
        return RuleSet(
            id: "ON-SCC",
            name: "Ontario Small Claims Court",
            calendar: CourtCalendar(officeClosures: [d("2025-09-30")]),
            monetaryLimit: Schedule([
                Dated(from: d("2010-01-01"), Money(dollars: 25_000), source: limits + " (O. Reg. 439/08)"),
                Dated(from: d("2020-01-01"), Money(dollars: 35_000), source: limits + " (O. Reg. 344/19)"),
                Dated(from: d("2025-10-01"), Money(dollars: 50_000), source: limits + " (O. Reg. 42/25)"),
            ]),
            appealLimit: Schedule([
                Dated(from: d("2010-01-01"), Money(dollars: 2_500), source: "O. Reg. 626/00, s. 2 (O. Reg. 439/08)"),
                Dated(from: d("2020-01-01"), Money(dollars: 3_500), source: "O. Reg. 626/00, s. 2 (O. Reg. 344/19)"),
                Dated(from: d("2025-10-01"), Money(dollars: 5_000), source: "O. Reg. 626/00, s. 2 (O. Reg. 42/25)"),
            ]),
            fees: [
                .claim: fee(108, 228),
                .defaultJudgment: fee(94, 128),
                .trial: fee(308, 403),
                .motion: fee(127),
                .defence: fee(77),
                .defendantsClaim: fee(108),
                .summons: fee(33),
                .certificateOfJudgment: fee(30),
                .writ: fee(68),
                .garnishment: fee(144),
            ],
            frequentClaimantThreshold: 10,
            frequentClaimantSource: "O. Reg. 332/16, s. 1(1) (\"frequent claimant\")",
            limitationYears: 2,
            ultimateLimitationYears: 15,
            limitationSource: "Limitations Act, 2002, ss. 4, 5(2), 15",
            feeWaiverThresholds: Schedule([
                // In force from 2023-01-01 (ontario.ca, "Have your court fees waived"). Earlier
                // amounts are not in Docket's data.
                Dated(from: d("2023-01-01"), FeeWaiverThresholds(
                    incomeBelow: [33_100, 49_600, 57_300, 68_700, 80_200].map { Money(dollars: $0) },
                    liquidAssetsBelow: Money(dollars: 2_800), netWorthBelow: Money(dollars: 11_000)),
                      source: "O. Reg. 2/05, s. 2(1)(c), (2)"),
            ]))
    }()
}
