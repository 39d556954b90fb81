import Foundation

/// The days a court counts as holidays, and the days its offices are closed.
///
/// Ontario, Rules of the Small Claims Court, O. Reg. 258/98, r. 1.02 ("holiday"): every Saturday and
/// Sunday; New Year's Day; Family Day (third Monday in February); Good Friday; Easter Monday; Victoria
/// Day (the Monday before May 25); Canada Day; Civic Holiday (first Monday in August); Labour Day
/// (first Monday in September); Thanksgiving (second Monday in October); Remembrance Day; Christmas
/// Day; Boxing Day; and any special holiday proclaimed by the Governor General or the Lieutenant
/// Governor. When New Year's Day, Canada Day or Remembrance Day falls on a Saturday or Sunday, the
/// following Monday is a holiday; when Christmas Day falls on a Saturday or Sunday, the following
/// Monday and Tuesday are holidays; when Christmas Day falls on a Friday, the following Monday is a
/// holiday.
///
/// Office closures on days that are not holidays (for example 2025-09-30) move filing and issue dates
/// but do not change how periods are counted, so they are kept apart.
public struct CourtCalendar: Sendable {
    public let specialHolidays: [CivilDate: String]
    public let officeClosures: Set<CivilDate>

    public init(specialHolidays: [CivilDate: String] = [:], officeClosures: Set<CivilDate> = []) {
        self.specialHolidays = specialHolidays
        self.officeClosures = officeClosures
    }

    public struct Holiday: Equatable, Sendable {
        public let date: CivilDate
        public let name: String
        /// True for a day that is a holiday because a named one fell on a weekend.
        public let substitute: Bool
    }

    /// The named holidays of `year` and their substitute days, in date order (weekends as such are
    /// not listed).
    public func holidays(in year: Int) -> [Holiday] {
        var list: [Holiday] = []
        func add(_ d: CivilDate, _ name: String, substitute: Bool = false) { list.append(Holiday(date: d, name: name, substitute: substitute)) }
        func fixed(_ month: Int, _ day: Int, _ name: String) {
            let d = CivilDate(year: year, month: month, day: day)!
            add(d, name)
            if d.weekday == 6 { add(d.adding(days: 2), name, substitute: true) }
            if d.weekday == 7 { add(d.adding(days: 1), name, substitute: true) }
        }
        fixed(1, 1, "New Year's Day")
        add(CivilDate.nth(3, weekday: 1, month: 2, year: year), "Family Day")
        let easter = CivilDate.easter(year)
        add(easter.adding(days: -2), "Good Friday")
        add(easter.adding(days: 1), "Easter Monday")
        add(victoriaDay(year), "Victoria Day")
        fixed(7, 1, "Canada Day")
        add(CivilDate.nth(1, weekday: 1, month: 8, year: year), "Civic Holiday")
        add(CivilDate.nth(1, weekday: 1, month: 9, year: year), "Labour Day")
        add(CivilDate.nth(2, weekday: 1, month: 10, year: year), "Thanksgiving Day")
        fixed(11, 11, "Remembrance Day")
        let christmas = CivilDate(year: year, month: 12, day: 25)!
        add(christmas, "Christmas Day")
        add(christmas.adding(days: 1), "Boxing Day")
        switch christmas.weekday {
        case 5: // Friday: Boxing Day is a Saturday.
            add(christmas.adding(days: 3), "Boxing Day", substitute: true)
        case 6: // Saturday
            add(christmas.adding(days: 2), "Christmas Day", substitute: true)
            add(christmas.adding(days: 3), "Boxing Day", substitute: true)
        case 7: // Sunday: Boxing Day is the Monday; the Tuesday stands in for Christmas.
            add(christmas.adding(days: 2), "Christmas Day", substitute: true)
        default: break
        }
        for (date, name) in specialHolidays where date.year == year { add(date, name) }
        return list.sorted { $0.date < $1.date }
    }

    func victoriaDay(_ year: Int) -> CivilDate {
        let may25 = CivilDate(year: year, month: 5, day: 25)!
        let back = (may25.weekday - 1 + 7) % 7
        return may25.adding(days: -(back == 0 ? 7 : back))
    }

    /// True on a holiday under r. 1.02, weekends included. Checked month by month without building
    /// the year's list, since deadline arithmetic asks this for every day it passes.
    public func isHoliday(_ d: CivilDate) -> Bool {
        let wd = d.weekday
        if wd >= 6 { return true }
        if !specialHolidays.isEmpty, specialHolidays[d] != nil { return true }
        switch d.month {
        case 1:
            return d.day == 1 || (wd == 1 && (d.day == 2 || d.day == 3))
        case 2:
            return wd == 1 && (15...21).contains(d.day)
        case 3, 4:
            let easter = CivilDate.easter(d.year)
            let n = d.dayNumber - easter.dayNumber
            return n == -2 || n == 1
        case 5:
            return wd == 1 && (18...24).contains(d.day)
        case 7:
            return d.day == 1 || (wd == 1 && (d.day == 2 || d.day == 3))
        case 8, 9:
            return wd == 1 && d.day <= 7
        case 10:
            return wd == 1 && (8...14).contains(d.day)
        case 11:
            return d.day == 11 || (wd == 1 && (d.day == 12 || d.day == 13))
        case 12:
            if d.day == 25 || d.day == 26 { return true }
            // Substitute days: the Monday 27 or 28 and the Tuesday 27 or 28 after a Christmas on a
            // Friday, Saturday or Sunday.
            let christmasWeekday = CivilDate(year: d.year, month: 12, day: 25)!.weekday
            switch christmasWeekday {
            case 5: return d.day == 28
            case 6: return d.day == 27 || d.day == 28
            case 7: return d.day == 27
            default: return false
            }
        default:
            return false
        }
    }

    /// A day the court office is open for filing and issuing: not a holiday and not a closure.
    public func isOpen(_ d: CivilDate) -> Bool {
        !isHoliday(d) && !officeClosures.contains(d)
    }
}

extension CourtCalendar {
    /// Adds proclaimed holidays and office closures written as text, as in `DOCKET_SPECIAL_HOLIDAYS`
    /// ("2026-06-15:Name of the holiday,2027-01-04") and `DOCKET_OFFICE_CLOSURES` ("2025-09-30").
    /// Returns the first entry that is not a date, so the caller can name it.
    public func adding(specialHolidays: String, officeClosures: String) -> Result<CourtCalendar, CalendarListError> {
        var holidays = self.specialHolidays
        for item in Self.items(specialHolidays) {
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let date = CivilDate(parts[0]) else { return .failure(CalendarListError(list: .specialHolidays, entry: item)) }
            holidays[date] = parts.count > 1 && !parts[1].isEmpty ? parts[1] : "Special holiday"
        }
        var closures = self.officeClosures
        for item in Self.items(officeClosures) {
            guard let date = CivilDate(item) else { return .failure(CalendarListError(list: .officeClosures, entry: item)) }
            closures.insert(date)
        }
        return .success(CourtCalendar(specialHolidays: holidays, officeClosures: closures))
    }

    private static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

public struct CalendarListError: Error, Equatable, Sendable {
    public enum List: String, Sendable { case specialHolidays = "DOCKET_SPECIAL_HOLIDAYS", officeClosures = "DOCKET_OFFICE_CLOSURES" }
    public let list: List
    public let entry: String
}
