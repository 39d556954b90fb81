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

@Suite struct CourtOfficeNameTests {
    @Test func frenchNamesAndShortCodesAreMadeFromTheEnglishOnes() {
        #expect(CourtOffice.frenchName(of: "Toronto Small Claims Court") == "Cour des petites créances de Toronto")
        #expect(CourtOffice.frenchName(of: "Ottawa Small Claims Court") == "Cour des petites créances d'Ottawa")
        #expect(CourtOffice.frenchName(of: "Brampton Small Claims Court (filing office)") == "Cour des petites créances de Brampton (bureau de dépôt)")
        #expect(CourtOffice.frenchName(of: "Oshawa (Durham Region) Small Claims Court") == "Cour des petites créances d'Oshawa (Durham Region)")
        #expect(CourtOffice.frenchName(of: "Kingston Courthouse") == "Palais de justice de Kingston")
        #expect(CourtOffice.frenchName(of: "Some Tribunal") == "Some Tribunal")
        #expect(CourtOffice.shortCode(of: "toronto-47-sheppard") == "TOR47")
        #expect(CourtOffice.shortCode(of: "brampton-7755-hurontario") == "BRA7755")
        let office = CourtOffice(code: "toronto-47-sheppard", name: "Toronto Small Claims Court", streetAddress: "47 Sheppard Avenue East",
                                 city: "Toronto", postalCode: "M2N 5N1")
        #expect(office.fullAddress == "47 Sheppard Avenue East, Toronto ON M2N 5N1")
        #expect(office.name(french: true) == "Cour des petites créances de Toronto")
        var bad = office
        bad.shortCode = "T!"
        #expect(bad.validated().1.contains(FieldProblem("shortCode", "error.office.shortCode.invalid")))
    }
}
