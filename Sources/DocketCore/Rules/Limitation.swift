/// The time to start a claim (Limitations Act, 2002): two years from the day the claim was
/// discovered (s. 4), presumed to be the day of the act or omission unless shown otherwise (s. 5(2));
/// and never more than fifteen years after the act or omission (s. 15).
public struct LimitationCheck: Sendable, Equatable {
    public enum Status: String, Sendable {
        case open
        /// 30 days or fewer remain.
        case expiresSoon = "expires-soon"
        case expired
    }

    public let lastDay: CivilDate
    public let status: Status
    /// Days from `today` to the last day (negative once passed).
    public let daysLeft: Int
    public let source: String
}

extension RuleSet {
    /// The last day to start a claim discovered on `discovered` (of an act on `actOn`, if known and
    /// earlier), as seen on `today`. The second anniversary is the last day; an anniversary that is
    /// a holiday moves to the next day the court counts (r. 3.01 applied to the filing day).
    public func limitation(discovered: CivilDate, actOn: CivilDate? = nil, today: CivilDate) -> LimitationCheck {
        var last = periods.onOrAfter(discovered.adding(years: limitationYears))
        if let actOn {
            last = min(last, periods.onOrAfter(actOn.adding(years: ultimateLimitationYears)))
        }
        let left = today.days(until: last)
        let status: LimitationCheck.Status = left < 0 ? .expired : left <= 30 ? .expiresSoon : .open
        return LimitationCheck(lastDay: last, status: status, daysLeft: left, source: limitationSource)
    }
}
