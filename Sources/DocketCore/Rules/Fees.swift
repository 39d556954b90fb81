/// The clerk's fees a filer pays (O. Reg. 332/16, s. 1(2)).
public enum FeeItem: String, CaseIterable, Sendable, Codable {
    case claim
    case defaultJudgment = "default-judgment"
    case trial
    case motion
    case defence
    case defendantsClaim = "defendants-claim"
    case summons
    case certificateOfJudgment = "certificate-of-judgment"
    case writ
    case garnishment

    /// Only these three differ for frequent claimants.
    public var dependsOnFrequency: Bool { self == .claim || self == .defaultJudgment || self == .trial }
}

/// A fee for an infrequent and a frequent claimant.
public struct FeePair: Sendable, Equatable {
    public let infrequent: Money
    public let frequent: Money

    public init(_ infrequent: Int64, _ frequent: Int64? = nil) {
        self.infrequent = Money(dollars: infrequent)
        self.frequent = Money(dollars: frequent ?? infrequent)
    }
}

/// What a filer owes for one step.
public struct FeeQuote: Sendable, Equatable {
    public let item: FeeItem
    public let amount: Money
    public let frequent: Bool
    public let source: String
}
