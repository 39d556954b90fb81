import Foundation
import Testing
@testable import DocketCore

@Suite struct CivilDateTests {
    @Test func roundTripsThroughDayNumbers() {
        for n in stride(from: -30_000, through: 90_000, by: 7) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
        #expect(CivilDate("1970-01-01")!.dayNumber == 0)
        #expect(CivilDate("2000-03-01")!.dayNumber == 11_017)
    }

    @Test func weekdaysMatchFoundation() {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        for n in stride(from: -25_000, through: 85_000, by: 13) {
            let d = CivilDate(dayNumber: n)
            let foundation = cal.component(.weekday, from: Date(timeIntervalSince1970: Double(n) * 86_400))
            #expect(d.weekday == (foundation + 5) % 7 + 1)
        }
    }

    @Test func parsesOnlyRealDates() {
        #expect(CivilDate("2024-02-29") != nil)
        for bad in ["2025-02-29", "2026-13-01", "2026-00-10", "2026-1-05", "26-01-05", "2026/01/05", "", "2026-04-31"] {
            #expect(CivilDate(bad) == nil, "\(bad)")
        }
    }

    @Test func monthsClampToTheLastDay() {
        #expect(CivilDate("2026-08-31")!.adding(months: 6).description == "2027-02-28")
        #expect(CivilDate("2027-08-31")!.adding(months: 6).description == "2028-02-29")
        #expect(CivilDate("2026-01-31")!.adding(months: 1).description == "2026-02-28")
        #expect(CivilDate("2026-05-15")!.adding(months: -6).description == "2025-11-15")
        #expect(CivilDate("2024-02-29")!.adding(years: 2).description == "2026-02-28")
    }

    @Test func easterByTheComputus() {
        let known = ["2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20",
                     "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21", "1900-04-15", "2038-04-25",
                     "2200-04-06", "1954-04-18", "2008-03-23"]
        for text in known {
            let d = CivilDate(text)!
            #expect(CivilDate.easter(d.year) == d, "\(text)")
        }
    }

    @Test func theTorontoDateOfAnInstant() {
        // 2026-11-24 04:30 UTC is still the 23rd in Toronto (EST, UTC−5).
        #expect(CivilDate.of(Date(timeIntervalSince1970: 1_795_494_600)).description == "2026-11-23")
        #expect(CivilDate.of(Date(timeIntervalSince1970: 1_795_496_400)).description == "2026-11-24")
    }
}

@Suite struct HolidayTests {
    let calendar = CourtCalendar()

    func list(_ year: Int) -> [String] {
        calendar.holidays(in: year).map { "\($0.date) \($0.name)\($0.substitute ? " *" : "")" }
    }

    @Test func twentyTwentySix_ChristmasOnAFriday() {
        #expect(list(2026) == [
            "2026-01-01 New Year's Day", "2026-02-16 Family Day", "2026-04-03 Good Friday", "2026-04-06 Easter Monday",
            "2026-05-18 Victoria Day", "2026-07-01 Canada Day", "2026-08-03 Civic Holiday", "2026-09-07 Labour Day",
            "2026-10-12 Thanksgiving Day", "2026-11-11 Remembrance Day", "2026-12-25 Christmas Day",
            "2026-12-26 Boxing Day", "2026-12-28 Boxing Day *",
        ])
    }

    @Test func twentyTwentyOne_ChristmasOnASaturday() {
        #expect(list(2021) == [
            "2021-01-01 New Year's Day", "2021-02-15 Family Day", "2021-04-02 Good Friday", "2021-04-05 Easter Monday",
            "2021-05-24 Victoria Day", "2021-07-01 Canada Day", "2021-08-02 Civic Holiday", "2021-09-06 Labour Day",
            "2021-10-11 Thanksgiving Day", "2021-11-11 Remembrance Day", "2021-12-25 Christmas Day",
            "2021-12-26 Boxing Day", "2021-12-27 Christmas Day *", "2021-12-28 Boxing Day *",
        ])
    }

    @Test func twentyTwentyTwo_NewYearOnASaturdayAndChristmasOnASunday() {
        #expect(list(2022) == [
            "2022-01-01 New Year's Day", "2022-01-03 New Year's Day *", "2022-02-21 Family Day", "2022-04-15 Good Friday",
            "2022-04-18 Easter Monday", "2022-05-23 Victoria Day", "2022-07-01 Canada Day", "2022-08-01 Civic Holiday",
            "2022-09-05 Labour Day", "2022-10-10 Thanksgiving Day", "2022-11-11 Remembrance Day",
            "2022-12-25 Christmas Day", "2022-12-26 Boxing Day", "2022-12-27 Christmas Day *",
        ])
    }

    @Test func twentyTwentyThree_SundayNewYearAndSaturdayCanadaAndRemembranceDays() {
        let l = list(2023)
        #expect(l.contains("2023-01-02 New Year's Day *"))
        #expect(l.contains("2023-07-03 Canada Day *"))
        #expect(l.contains("2023-11-13 Remembrance Day *"))
        #expect(!l.contains { $0.hasPrefix("2023-12-27") || $0.hasPrefix("2023-12-28") })
    }

    @Test func twentyTwentyNine_SundayCanadaAndRemembranceDays() {
        let l = list(2029)
        #expect(l.contains("2029-07-02 Canada Day *"))
        #expect(l.contains("2029-11-12 Remembrance Day *"))
    }

    /// 2020–2030 against an independent computation: Foundation's Gregorian calendar for the
    /// weekday rules and substitutions, and a hand table of Easter dates. Every day of the eleven
    /// years is checked, weekends included.
    @Test func everyDayOf2020To2030() {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let easter = [2020: (4, 12), 2021: (4, 4), 2022: (4, 17), 2023: (4, 9), 2024: (3, 31), 2025: (4, 20),
                      2026: (4, 5), 2027: (3, 28), 2028: (4, 16), 2029: (4, 1), 2030: (4, 21)]
        func date(_ y: Int, _ m: Int, _ d: Int) -> Date { cal.date(from: DateComponents(year: y, month: m, day: d))! }
        func civil(_ x: Date) -> CivilDate {
            let c = cal.dateComponents([.year, .month, .day], from: x)
            return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
        }
        func nthMonday(_ n: Int, _ m: Int, _ y: Int) -> CivilDate {
            civil(cal.date(from: DateComponents(year: y, month: m, weekday: 2, weekdayOrdinal: n))!)
        }
        func weekday(_ y: Int, _ m: Int, _ d: Int) -> Int { cal.component(.weekday, from: date(y, m, d)) } // 1 = Sunday
        for year in 2020...2030 {
            var expected: Set<CivilDate> = []
            for (m, d) in [(1, 1), (7, 1), (11, 11)] {
                expected.insert(CivilDate(year: year, month: m, day: d)!)
                let wd = weekday(year, m, d)
                if wd == 7 { expected.insert(civil(date(year, m, d + 2))) }
                if wd == 1 { expected.insert(civil(date(year, m, d + 1))) }
            }
            expected.insert(nthMonday(3, 2, year))
            let (em, ed) = easter[year]!
            expected.insert(civil(date(year, em, ed - 2)))
            expected.insert(civil(date(year, em, ed + 1)))
            let may24 = date(year, 5, 24)
            expected.insert(civil(cal.date(byAdding: .day, value: -((weekday(year, 5, 24) + 5) % 7), to: may24)!))
            expected.insert(nthMonday(1, 8, year))
            expected.insert(nthMonday(1, 9, year))
            expected.insert(nthMonday(2, 10, year))
            expected.insert(CivilDate(year: year, month: 12, day: 25)!)
            expected.insert(CivilDate(year: year, month: 12, day: 26)!)
            switch weekday(year, 12, 25) {
            case 6: expected.insert(CivilDate(year: year, month: 12, day: 28)!)
            case 7: expected.formUnion([CivilDate(year: year, month: 12, day: 27)!, CivilDate(year: year, month: 12, day: 28)!])
            case 1: expected.insert(CivilDate(year: year, month: 12, day: 27)!)
            default: break
            }
            #expect(Set(calendar.holidays(in: year).map(\.date)) == expected, "\(year)")
            var day = CivilDate(year: year, month: 1, day: 1)!
            while day.year == year {
                #expect(calendar.isHoliday(day) == (day.isWeekend || expected.contains(day)), "\(day)")
                day = day.adding(days: 1)
            }
        }
    }

    @Test func victoriaDayIsTheMondayBeforeMay25() {
        #expect(calendar.holidays(in: 2026).contains { $0.date.description == "2026-05-18" })  // May 25 is a Monday
        #expect(calendar.holidays(in: 2021).contains { $0.date.description == "2021-05-24" })  // May 24 is a Monday
        for year in 1900...2200 {
            let v = calendar.holidays(in: year).first { $0.name == "Victoria Day" }!.date
            #expect(v.weekday == 1 && v.month == 5 && (18...24).contains(v.day))
        }
    }

    @Test func proclaimedHolidaysAndOfficeClosures() {
        let special = CourtCalendar(specialHolidays: [CivilDate("2026-06-15")!: "Proclaimed holiday"],
                                    officeClosures: [CivilDate("2026-06-16")!])
        #expect(special.isHoliday(CivilDate("2026-06-15")!))
        #expect(special.holidays(in: 2026).contains { $0.name == "Proclaimed holiday" })
        // A closure is not a holiday: it does not move deadlines, only filing.
        #expect(!special.isHoliday(CivilDate("2026-06-16")!))
        #expect(!special.isOpen(CivilDate("2026-06-16")!))
        #expect(special.isOpen(CivilDate("2026-06-17")!))
    }
}

@Suite struct PeriodTests {
    let periods = RuleSets.ontarioSmallClaims.periods

    func d(_ s: String) -> CivilDate { CivilDate(s)! }

    @Test func lastDayOfAPeriod() {
        #expect(periods.lastDay(from: d("2026-12-05"), days: 20) == d("2026-12-29"))   // through Christmas and its substitute
        #expect(periods.lastDay(from: d("2026-11-23"), days: 20) == d("2026-12-14"))   // a Saturday → Monday
        #expect(periods.lastDay(from: d("2026-12-20"), days: 20) == d("2027-01-11"))   // across the year end, plain
        #expect(periods.lastDay(from: d("2021-12-08"), days: 20) == d("2021-12-29"))   // 28th is a substitute → 29th
        #expect(periods.lastDay(from: d("2026-01-31"), days: 28) == d("2026-03-02"))   // Feb 28 is a Saturday
        #expect(periods.lastDay(from: d("2026-03-14"), days: 20) == d("2026-04-07"))   // Good Friday to Easter Monday
        #expect(periods.lastDay(from: d("2026-11-23"), days: 0) == d("2026-11-23"))
    }

    @Test func latestDayBefore() {
        #expect(periods.latestDay(before: d("2027-01-11"), days: 14) == d("2026-12-24"))
        #expect(periods.latestDay(before: d("2026-12-15"), days: 14) == d("2026-12-01"))
        #expect(periods.latestDay(before: d("2026-04-20"), days: 14) == d("2026-04-02")) // Apr 6 → back past Easter
    }

    @Test func monthsAfter() {
        #expect(periods.lastDay(from: d("2026-06-10"), months: 6) == d("2026-12-10"))
        #expect(periods.lastDay(from: d("2026-08-31"), months: 6) == d("2027-03-01"))  // Feb 28 2027 is a Sunday
        #expect(periods.lastDay(from: d("2026-06-25"), months: 6) == d("2026-12-29"))
    }

    func t(_ s: String) -> Date { CourtTime.localInstant(s)! }

    @Test func serviceByMethod() {
        #expect(periods.serviceEffective(.personal, sent: t("2026-12-18T10:00")) == d("2026-12-18"))
        #expect(periods.serviceEffective(.mail, sent: t("2026-12-18T10:00")) == d("2026-12-23"))
        #expect(periods.serviceEffective(.mail, sent: t("2026-12-21T10:00")) == d("2026-12-29"))   // 26th is a holiday
        #expect(periods.serviceEffective(.courier, sent: t("2026-11-20T09:00")) == d("2026-11-25"))
        #expect(periods.serviceEffective(.email, sent: t("2026-12-18T15:59")) == d("2026-12-18"))
        #expect(periods.serviceEffective(.email, sent: t("2026-12-18T16:00")) == d("2026-12-19"))  // no holiday adjustment
        #expect(periods.serviceEffective(.email, sent: t("2026-12-18T23:59")) == d("2026-12-19"))
        #expect(periods.serviceEffective(.email, sent: t("2026-12-19T00:00")) == d("2026-12-19"))
    }

    /// The cut-offs read Toronto wall-clock time on both daylight-saving change days of 2026
    /// (March 8, clocks forward; November 1, clocks back) and the business days after them.
    @Test func cutOffsAcrossDaylightSaving() {
        func utc(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }
        // Email at 16:00: 20:00 UTC in summer time (UTC−4), 21:00 UTC in standard time (UTC−5).
        #expect(periods.serviceEffective(.email, sent: utc("2026-03-08T19:59:00Z")) == d("2026-03-08"))
        #expect(periods.serviceEffective(.email, sent: utc("2026-03-08T20:00:00Z")) == d("2026-03-09"))
        #expect(periods.serviceEffective(.email, sent: utc("2026-11-01T20:59:00Z")) == d("2026-11-01"))
        #expect(periods.serviceEffective(.email, sent: utc("2026-11-01T21:00:00Z")) == d("2026-11-02"))
        // Issue at 17:00, on the change days (Sundays) and the Mondays after.
        #expect(periods.issueDate(submitted: utc("2026-03-08T15:00:00Z")) == d("2026-03-09"))
        #expect(periods.issueDate(submitted: utc("2026-03-09T20:59:00Z")) == d("2026-03-09"))
        #expect(periods.issueDate(submitted: utc("2026-03-09T21:00:00Z")) == d("2026-03-10"))
        #expect(periods.issueDate(submitted: utc("2026-11-01T21:59:00Z")) == d("2026-11-02"))
        #expect(periods.issueDate(submitted: utc("2026-11-02T21:59:00Z")) == d("2026-11-02"))
        #expect(periods.issueDate(submitted: utc("2026-11-02T22:00:00Z")) == d("2026-11-03"))
        // The Friday before each change, in the zone's offset then.
        #expect(periods.issueDate(submitted: utc("2026-03-06T21:59:00Z")) == d("2026-03-06"))
        #expect(periods.issueDate(submitted: utc("2026-03-06T22:00:00Z")) == d("2026-03-09"))
        #expect(periods.issueDate(submitted: utc("2026-10-30T20:59:00Z")) == d("2026-10-30"))
        #expect(periods.issueDate(submitted: utc("2026-10-30T21:00:00Z")) == d("2026-11-02"))
    }

    @Test func issueDates() {
        #expect(periods.issueDate(submitted: t("2026-12-24T17:30")) == d("2026-12-29"))
        #expect(periods.issueDate(submitted: t("2026-12-24T16:59")) == d("2026-12-24"))
        #expect(periods.issueDate(submitted: t("2026-11-23T06:00")) == d("2026-11-23"))   // early morning counts
        #expect(periods.issueDate(submitted: t("2026-11-21T12:00")) == d("2026-11-23"))   // Saturday
        // An office closure that is not a holiday moves the issue date.
        #expect(periods.issueDate(submitted: t("2025-09-30T10:00")) == d("2025-10-01"))
        #expect(periods.issueDate(submitted: t("2025-09-29T17:00")) == d("2025-10-01"))
    }
}

/// Random cases from a seeded generator, so a failure can be repeated.
@Suite struct PeriodPropertyTests {

    let rules = RuleSets.ontarioSmallClaims
    let first = CivilDate("1900-01-01")!.dayNumber
    let last = CivilDate("2199-12-01")!.dayNumber

    @Test(arguments: [1, 2, 3])
    func aPeriodNeverEndsOnAHolidayOrEarly(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<10_000 {
            let from = CivilDate(dayNumber: Int.random(in: first...last, using: &g))
            let n = Int.random(in: 0...400, using: &g)
            let end = rules.periods.lastDay(from: from, days: n)
            #expect(!rules.calendar.isHoliday(end))
            #expect(end >= from.adding(days: n))
            var day = from.adding(days: n)
            while day < end { #expect(rules.calendar.isHoliday(day)); day = day.adding(days: 1) }
        }
    }

    @Test(arguments: [4, 5])
    func beforeIsNeverLate(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<10_000 {
            let date = CivilDate(dayNumber: Int.random(in: first...last, using: &g))
            let n = Int.random(in: 0...400, using: &g)
            let latest = rules.periods.latestDay(before: date, days: n)
            #expect(latest <= date.adding(days: -n))
            #expect(!rules.calendar.isHoliday(latest))
        }
    }

    @Test(arguments: [6, 7])
    func issueDatesAreBusinessDaysNotBeforeSubmission(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<10_000 {
            let instant = Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000...4_000_000_000, using: &g)))
            let issued = rules.periods.issueDate(submitted: instant)
            #expect(rules.calendar.isOpen(issued))
            #expect(issued >= CivilDate.of(instant))
            #expect(issued.days(until: CivilDate.of(instant)) > -12)
        }
    }

    @Test(arguments: [8])
    func monthsLandOnOrAfterTheSameDay(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<10_000 {
            let from = CivilDate(dayNumber: Int.random(in: first...last, using: &g))
            let m = Int.random(in: 0...36, using: &g)
            let end = rules.periods.lastDay(from: from, months: m)
            #expect(!rules.calendar.isHoliday(end))
            #expect(end >= from.adding(months: m))
            let target = (from.year * 12 + from.month - 1 + m)
            #expect(from.adding(months: m).year * 12 + from.adding(months: m).month - 1 == target)
        }
    }
}
