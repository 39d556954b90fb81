/// How often instalments fall due.
public enum PaymentFrequency: String, Codable, Sendable, CaseIterable {
    case weekly, biweekly, monthly
}

/// How the settled amount is paid.
public enum PaymentPlan: Codable, Sendable, Equatable {
    /// The whole amount by a date.
    case lumpSum(by: CivilDate)
    /// Equal instalments from a first date; the last one is the remainder.
    case instalments(amount: Money, every: PaymentFrequency, first: CivilDate)
}

/// How the money is paid, as the parties agree it.
public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case eTransfer = "e-transfer"
    case bankTransfer = "bank-transfer"
    case cheque, cash, other
}

/// One payment the schedule expects.
public struct ScheduledPayment: Equatable, Sendable {
    /// The date in the agreement.
    public let due: CivilDate
    /// The last day to pay: the due date, or the next business day when it is a holiday (r. 3.01 applied by analogy).
    public let payBy: CivilDate
    public let amount: Money
}

/// Terms one party offers the other: the amount, how it is paid, and what happens if it is not.
public struct SettlementTerms: Codable, Sendable, Equatable {
    public var amount: Money
    public var plan: PaymentPlan
    /// On a missed payment the unpaid balance becomes due at once.
    public var balanceDueOnDefault: Bool
    /// On a missed payment the claimant may file a court claim for the unpaid balance.
    public var claimOnDefault: Bool
    /// Interest on the unpaid balance after a default, in hundredths of a percent a year.
    public var defaultInterestBasisPoints: Int?
    /// How the respondent pays (nil in offers made before the method was asked).
    public var method: PaymentMethod?
    /// The respondent admits liability. Unless this is true the agreement says it is made without
    /// admission of liability, so the respondent does not sign the claimant's allegation as fact.
    public var admitsLiability: Bool?

    public init(amount: Money, plan: PaymentPlan, balanceDueOnDefault: Bool = true, claimOnDefault: Bool = true,
                defaultInterestBasisPoints: Int? = nil, method: PaymentMethod? = nil, admitsLiability: Bool = false) {
        self.amount = amount; self.plan = plan; self.balanceDueOnDefault = balanceDueOnDefault
        self.claimOnDefault = claimOnDefault; self.defaultInterestBasisPoints = defaultInterestBasisPoints
        self.method = method; self.admitsLiability = admitsLiability
    }

    public static let maxInstalments = 120

    /// Every payment the terms expect, in order.
    public func schedule(periods: Periods) -> [ScheduledPayment] {
        switch plan {
        case let .lumpSum(by):
            return [ScheduledPayment(due: by, payBy: periods.onOrAfter(by), amount: amount)]
        case let .instalments(each, every, first):
            guard each > .zero else { return [] }
            var out: [ScheduledPayment] = []
            var left = amount
            var n = 0
            while left > .zero && n < Self.maxInstalments {
                let due: CivilDate
                switch every {
                case .weekly: due = first.adding(days: 7 * n)
                case .biweekly: due = first.adding(days: 14 * n)
                case .monthly: due = first.adding(months: n)
                }
                let pay = left < each ? left : each
                out.append(ScheduledPayment(due: due, payBy: periods.onOrAfter(due), amount: pay))
                left = left - pay
                n += 1
            }
            return out
        }
    }

    /// Problems with the terms as offered on `today`.
    public func problems(today: CivilDate) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if amount <= .zero { problems.append(FieldProblem("offerAmount", "error.amount.invalid")) }
        switch plan {
        case let .lumpSum(by):
            if by < today { problems.append(FieldProblem("payBy", "error.date.past")) }
        case let .instalments(each, _, first):
            if each <= .zero || each > amount { problems.append(FieldProblem("instalment", "error.instalment.invalid")) }
            else if (amount.cents + each.cents - 1) / each.cents > Int64(Self.maxInstalments) {
                problems.append(FieldProblem("instalment", "error.instalment.tooMany"))
            }
            if first < today { problems.append(FieldProblem("firstPayment", "error.date.past")) }
        }
        if let rate = defaultInterestBasisPoints, rate < 0 || rate > 6000 {
            problems.append(FieldProblem("defaultInterest", "error.interestRate.invalid"))
        }
        return problems
    }
}
