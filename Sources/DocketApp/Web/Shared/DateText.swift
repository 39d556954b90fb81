import DocketCore
import Foundation
import NIOConcurrencyHelpers

/// Dates and times in words, in the reader's language. Formatters are made once for each
/// language and style and kept (making one costs more than the page around it); they are used
/// under a lock, as Foundation does not promise they may be shared between threads.
enum DateText {
    /// A calendar date in words: "November 23, 2026", "23 novembre 2026".
    static func day(_ date: CivilDate, _ language: Language) -> String {
        // Pages name the same few hundred days over and over (deadlines, issue dates); the
        // words for each are kept, up to a bound.
        days.value(Day(date: date, language: language)) {
            var c = DateComponents(); c.year = date.year; c.month = date.month; c.day = date.day
            guard let instant = utcCalendar.date(from: c) else { return date.description }
            return format(instant, language, time: false)
        }
    }

    private struct Day: Hashable {
        let date: CivilDate
        let language: Language
    }

    private static let days = KeptValues<Day, String>(bound: 20_000)

    /// An instant as a Toronto date and time: "November 23, 2026 at 10:00 a.m.".
    static func long(_ date: Date, _ language: Language) -> String {
        // The words name the minute, so every instant of a minute has the same; lists show the
        // same instants on every view (submissions, messages), and the words for each minute
        // are kept, up to a bound.
        let minute = Int64((date.timeIntervalSince1970 / 60).rounded(.down))
        return minutes.value(Minute(minute: minute, language: language)) {
            format(Date(timeIntervalSince1970: Double(minute) * 60), language, time: true)
        }
    }

    private struct Minute: Hashable {
        let minute: Int64
        let language: Language
    }

    private static let minutes = KeptValues<Minute, String>(bound: 20_000)

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static let formatters = NIOLockedValueBox<[String: DateFormatter]>([:])

    private static func format(_ date: Date, _ language: Language, time: Bool) -> String {
        let key = language.rawValue + (time ? "-time" : "-day")
        return formatters.withLockedValue { cache in
            let f = cache[key] ?? {
                let f = DateFormatter()
                f.locale = Locale(identifier: language == .fr ? "fr_CA" : "en_CA")
                f.timeZone = time ? CourtTime.zone : TimeZone(identifier: "UTC")
                f.dateStyle = .long
                f.timeStyle = time ? .short : .none
                cache[key] = f
                return f
            }()
            return f.string(from: date)
        }
    }
}

/// Values made once and kept, by key, up to a bound: past it, all are let go and made again as
/// they are asked for. Safe to share between threads.
final class KeptValues<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let bound: Int
    private let kept = NIOLockedValueBox<[Key: Value]>([:])

    init(bound: Int) { self.bound = bound }

    /// The value kept for `key`, or the one `make` makes, then kept.
    func value(_ key: Key, make: () -> Value) -> Value {
        if let known = kept.withLockedValue({ $0[key] }) { return known }
        let made = make()
        kept.withLockedValue {
            if $0.count >= bound { $0.removeAll() }
            $0[key] = made
        }
        return made
    }
}
