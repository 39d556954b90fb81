import DocketCore
import Foundation
import Testing
@testable import DocketApp

/// Dates in words are Foundation's words for them, in Toronto's time, whether or not they were
/// kept from an earlier call.
@Suite struct DateTextTests {
    private func foundation(_ date: Date, _ language: Language) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: language == .fr ? "fr_CA" : "en_CA")
        f.timeZone = CourtTime.zone
        f.dateStyle = .long
        f.timeStyle = .short
        return f.string(from: date)
    }

    @Test func anInstantIsNamedToTheMinuteInTorontoTime() {
        // 2026-11-02 01:30 UTC is still 2026-11-01 in Toronto; 2026-03-08 07:00 UTC is the hour
        // clocks went forward; 1969 is before the epoch (minutes below zero).
        let instants: [TimeInterval] = [1_793_583_000, 1_772_953_200, 1_772_953_199, -86_401, 0, 1_795_382_623.9]
        for seconds in instants {
            for offset in [0.0, 0.5, 59.0, 59.999] {
                let date = Date(timeIntervalSince1970: (seconds / 60).rounded(.down) * 60 + offset)
                for language in [Language.en, .fr] {
                    // Twice: the words made, then the words kept.
                    #expect(DateText.long(date, language) == foundation(date, language), "\(date) \(language)")
                    #expect(DateText.long(date, language) == foundation(date, language), "\(date) \(language)")
                }
            }
        }
    }
}
