import Foundation

/// Counting time under r. 3.01 of the Rules of the Small Claims Court and Docket's stated policies
/// (RULES.md §2). Every answer is a calendar date in Toronto.
public struct Periods: Sendable {
    public let calendar: CourtCalendar

    public init(calendar: CourtCalendar) { self.calendar = calendar }

    /// The first day on or after `d` that is not a holiday.
    public func onOrAfter(_ d: CivilDate) -> CivilDate {
        var day = d
        while calendar.isHoliday(day) { day = day.adding(days: 1) }
        return day
    }

    /// The last day on or before `d` that is not a holiday.
    public func onOrBefore(_ d: CivilDate) -> CivilDate {
        var day = d
        while calendar.isHoliday(day) { day = day.adding(days: -1) }
        return day
    }

    /// r. 3.01: the last day of a period of `days` days after `from`, excluding the first day and
    /// including the last; a last day that is a holiday moves to the next day that is not.
    public func lastDay(from: CivilDate, days: Int) -> CivilDate {
        onOrAfter(from.adding(days: days))
    }

    /// "At least `days` days before `date`": the latest day to act is `date` minus `days`; on a
    /// holiday, the previous day that is not one. The rules are silent here: this is Docket's policy,
    /// shown to users where it applies.
    public func latestDay(before date: CivilDate, days: Int) -> CivilDate {
        onOrBefore(date.adding(days: -days))
    }

    /// `months` months after `from`: the same day number, or the month's last day when it has no
    /// such day (Legislation Act, 2006, s. 89; RULES.md names subsection (6), not yet checked against
    /// the text); then off a holiday as under r. 3.01.
    public func lastDay(from: CivilDate, months: Int) -> CivilDate {
        onOrAfter(from.adding(months: months))
    }
}

/// How a document was served, and when service is deemed effective (r. 8).
public enum ServiceMethod: String, CaseIterable, Sendable, Codable {
    case personal, mail, courier, email

    public var rule: String {
        switch self {
        case .personal: "r. 8.01, 8.02"
        case .mail: "r. 8.07(2)"
        case .courier: "r. 8.07.1"
        case .email: "r. 8.08(4)"
        }
    }
}

extension Periods {
    /// The day service is effective.
    /// - personal: the day it is done.
    /// - mail: the fifth day after mailing (r. 8.07(2)); courier: the fifth day after the courier
    ///   verifies delivery (r. 8.07.1). Both are periods of days, so a fifth day that is a holiday
    ///   moves to the next day that is not (r. 3.01).
    /// - email: the day it is sent, or the next day if sent between 4 p.m. and midnight (r. 8.08(4));
    ///   no holiday adjustment.
    public func serviceEffective(_ method: ServiceMethod, sent: Date) -> CivilDate {
        let day = CivilDate.of(sent)
        switch method {
        case .personal: return day
        case .mail, .courier: return lastDay(from: day, days: 5)
        case .email: return CivilDate.secondsIntoDay(sent) >= 16 * 3600 ? day.adding(days: 1) : day
        }
    }

    /// The issue date of a document filed online at `submitted` (RULES.md §2, seed 002): filed on a
    /// day the office is open before 17:00 Toronto time, that day; at or after 17:00, or on a day the
    /// office is closed, the next day it is open.
    public func issueDate(submitted: Date) -> CivilDate {
        let day = CivilDate.of(submitted)
        if calendar.isOpen(day), CivilDate.secondsIntoDay(submitted) < 17 * 3600 { return day }
        var next = day.adding(days: 1)
        while !calendar.isOpen(next) { next = next.adding(days: 1) }
        return next
    }
}
