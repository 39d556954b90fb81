import Foundation
import Testing
@testable import DocketCore

@Suite struct PrintableCharactersTests {
    @Test func theRangesAreSortedAndDisjoint() {
        let ranges = PrintableCharacters.ranges
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound + 1 < $1.lowerBound })
        #expect(PrintableCharacters.contains("A") && PrintableCharacters.contains("~") && PrintableCharacters.contains("ễ"))
        #expect(PrintableCharacters.contains("Ж") && PrintableCharacters.contains("Ω") && PrintableCharacters.contains("€"))
        #expect(!PrintableCharacters.contains("\u{1F}") && !PrintableCharacters.contains("\u{7F}") && !PrintableCharacters.contains("\u{9F}"))
        #expect(!PrintableCharacters.contains("\u{378}") && !PrintableCharacters.contains("漢"))
    }

    @Test func latinGreekAndCyrillicNamesPrint() {
        for name in ["Nguyễn Văn An", "Łukasz Żółć", "Владимир Путинцев", "Ελένη Παπαδοπούλου", "Zoë d’Aubigné", "Nguye\u{302}\u{303}n"] {
            #expect(PrintableCharacters.canPrint(name), "\(name)")
        }
    }

    @Test func whatCannotPrintIsListedOnce() {
        #expect(PrintableCharacters.unsupported(in: "李小龍 李") == ["李", "小", "龍"])
        #expect(PrintableCharacters.unsupported(in: "a\u{202E}b\u{2066}c\u{200D}d") == ["\u{202E}", "\u{2066}", "c\u{200D}"])   // a joiner joins its letter
        #expect(PrintableCharacters.unsupported(in: "line\r\nline\tx").isEmpty)
        #expect(PrintableCharacters.unsupported(in: "line\r\nline", multiline: false) == ["\r\n"])
    }
}
