import DocketCore
import Foundation
import Testing
@testable import DocketDocuments

/// Names from several scripts, as people type them (form C).
let names = ["Nguyễn Văn An", "Łukasz Żółć", "Владимир Путинцев", "Ελένη Παπαδοπούλου", "Ngô Bảo Châu", "José Ñúñez-Çelik"]

func form(_ names: [String], seal: SealBlock) -> Data {
    var d = ClaimDraft()
    d.plaintiffs = names.map {
        ClaimParty(kind: .individual, firstName: $0, lastName: "", address: "Đường Lê Lợi 12", city: "Thành phố Huế",
                   province: "ON", postalCode: "K2P 2K1")
    }
    d.defendants = [ClaimParty(kind: .business, businessName: "Ελληνικά Τρόφιμα Α.Ε.", alsoKnownAs: ["ООО «Ромашка»"],
                               address: "ул. Тверская, д. 7, кв. 3", city: "Toronto", province: "ON", postalCode: "M5V 2A8")]
    d.rows = [ClaimRow(reason: "Dépôt — travaux non terminés", amount: Money(cents: 750_000))]
    d.summary = "Le défendeur a reçu un acompte et n’a pas terminé la cuisine. Đã nhận tiền đặt cọc."
    return ClaimForms.plaintiffsClaim(d, seal: seal, text: FormText(label: { "«\($0)»" }, money: { $0.formatted(french: true) },
                                                                    date: { $0.description }))
}

let fontSeal = SealBlock(courtName: "Cour des petites créances de Toronto", officeAddress: "47, avenue Sheppard Est, Toronto",
                         fileNumber: "TOR47-SC-26-000002", issuedOn: CivilDate("2026-11-24")!)

/// The embedded font programs (FontFile2 streams) of a PDF this writer made.
func fontPrograms(_ pdf: Data) -> [[UInt8]] {
    let bytes = [UInt8](pdf)
    let key = Array("/Length1 ".utf8), marker = Array(" >>\nstream\n".utf8)
    var found: [[UInt8]] = []
    var i = 0
    while i + key.count < bytes.count {
        guard bytes[i..<(i + key.count)].elementsEqual(key) else { i += 1; continue }
        var at = i + key.count, length = 0
        while bytes[at] >= 0x30 && bytes[at] <= 0x39 { length = length * 10 + Int(bytes[at] - 0x30); at += 1 }
        if bytes[at..<(at + marker.count)].elementsEqual(marker) {
            found.append(Array(bytes[(at + marker.count)..<(at + marker.count + length)]))
        }
        i = at
    }
    return found
}

@Suite struct PDFFontTests {
    @Test(.enabled(if: pdfToolsAvailable, "needs pdftotext and qpdf (apt-get install poppler-utils qpdf)"))
    func namesInEveryScriptPrintAndCopyAsWritten() throws {
        let pdf = form(names, seal: fontSeal)
        let path = NSTemporaryDirectory() + "docket-names-\(UUID().uuidString).pdf"
        try pdf.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let check = try #require(tool("qpdf", ["--check", path]))
        #expect(check.status == 0, "\(check.output)")
        // pdftotext writes the no-break spaces of French amounts as spaces.
        let text = try #require(tool("pdftotext", ["-enc", "UTF-8", path, "-"])).output.replacingOccurrences(of: "\u{A0}", with: " ")
        for expected in names + ["Đường Lê Lợi 12", "Thành phố Huế", "Ελληνικά Τρόφιμα Α.Ε.", "ООО «Ромашка»",
                                 "ул. Тверская, д. 7, кв. 3", "Dépôt — travaux non terminés", "n’a pas terminé la cuisine",
                                 "Đã nhận tiền đặt cọc.", "Cour des petites créances de Toronto", "7 500,00 $"] {
            #expect(expected == expected.precomposedStringWithCanonicalMapping)
            #expect(text.contains(expected), "\(expected)")
        }
        #expect(!text.contains("?"))
    }

    @Test(.enabled(if: pdfToolsAvailable, "needs pdftotext and qpdf (apt-get install poppler-utils qpdf)"))
    func decomposedAccentsPrintComposed() throws {
        var b = PDFDocumentBuilder(title: "Nguye\u{302}\u{303}n")
        b.text("Nguye\u{302}\u{303}n Va\u{306}n An — Jose\u{301}")
        let path = NSTemporaryDirectory() + "docket-nfd-\(UUID().uuidString).pdf"
        try b.render().write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try #require(tool("pdftotext", ["-enc", "UTF-8", path, "-"])).output
        #expect(text.contains("Nguyễn Văn An — José"))
    }

    @Test func chineseIsReportedAndPrintsAsReplacementCharacters() {
        #expect(PrintableCharacters.unsupported(in: "李小龍 Lee") == ["李", "小", "龍"])
        var b = PDFDocumentBuilder(title: "")
        b.text("李小龍")
        let glyphs = PDFDocumentBuilder.glyphs("李小龍", font: .regular)
        #expect(glyphs.map(\.unicode) == [0xFFFD, 0xFFFD, 0xFFFD])
        #expect(glyphs.allSatisfy { $0.id != 0 })
    }

    @Test func thePredicateAcceptsNamesAndRefusesWhatCannotPrint() {
        for name in names + ["Marie-Ève O’Brien", "Ngô Bảo Châu", "Ōkuma ʻĀina", "Straße 5 № 12, 3 ½ €", "Ǆurić"] {
            #expect(PrintableCharacters.canPrint(name), "\(name)")
        }
        #expect(PrintableCharacters.canPrint("Nguye\u{302}\u{303}n"))      // decomposed, composes to ễ
        #expect(PrintableCharacters.canPrint("1 Main St\r\nOttawa\tON"))
        #expect(PrintableCharacters.unsupported(in: "1 Main St\nOttawa", multiline: false) == ["\n"])
        #expect(PrintableCharacters.unsupported(in: "evil\u{202E}txt.exe") == ["\u{202E}"])
        #expect(PrintableCharacters.unsupported(in: "a\u{200B}b\u{0}c\u{7F}d\u{AD}") == ["\u{200B}", "\u{0}", "\u{7F}", "\u{AD}"])
        #expect(PrintableCharacters.unsupported(in: "שלום") == ["ש", "ל", "ו", "ם"])
        #expect(PrintableCharacters.unsupported(in: "😀 ok 😀") == ["😀"])
        #expect(PrintableCharacters.unsupported(in: "=\u{338}") == ["≠"])             // composes outside the set
    }

    @Test func everyPrintableCharacterHasAGlyphInBothFonts() {
        var missing: [String] = []
        var count = 0
        for range in PrintableCharacters.ranges {
            for value in range {
                count += 1
                let hex = String(value, radix: 16, uppercase: true)
                if EmbeddedFonts.regular.glyphIDs[value] == nil { missing.append("U+\(hex) regular") }
                if EmbeddedFonts.bold.glyphIDs[value] == nil { missing.append("U+\(hex) bold") }
            }
        }
        #expect(missing.isEmpty, "\(missing)")
        #expect(count > 1500)
    }

    @Test func theSubsetIsSmallAndAWellFormedFont() throws {
        let pdf = form(names, seal: fontSeal)
        let programs = fontPrograms(pdf)
        #expect(programs.count == 2)
        let full = EmbeddedFonts.regular.bytes.count
        for program in programs {
            #expect(program.count < full / 10, "\(program.count) of \(full) bytes")
            // The whole file sums to 0xB1B0AFBA, and each table to its directory checksum.
            #expect(TrueTypeFont.checksum(program[...]) == 0xB1B0_AFBA)
            let count = Int(TrueTypeFont.u16(program, 4))
            for i in 0..<count {
                let record = 12 + 16 * i
                let offset = Int(TrueTypeFont.u32(program, record + 8)), length = Int(TrueTypeFont.u32(program, record + 12))
                var table = Array(program[offset..<(offset + length)])
                if String(decoding: program[record..<(record + 4)], as: UTF8.self) == "head" { table[8...11] = [0, 0, 0, 0] }
                #expect(TrueTypeFont.checksum(table[...]) == TrueTypeFont.u32(program, record + 4))
            }
            // It reads back, maps the characters used to the same glyphs and keeps their outlines.
            let subset = try TrueTypeFont(Data(program))
            let original = subset.isBold ? EmbeddedFonts.bold : EmbeddedFonts.regular
            #expect(subset.unitsPerEm == original.unitsPerEm)
            #expect(subset.numGlyphs < 200)
            let used = "Nguyễn Łukasz Владимир Ελένη".unicodeScalars.filter { subset.glyphIDs[$0.value] != nil }
            #expect(used.count > 10)
            for scalar in used {
                let id = Int(subset.glyphIDs[scalar.value]!), was = Int(original.glyphIDs[scalar.value]!)
                #expect(subset.advances[id] == original.advances[was])
                let outline = Array(subset.bytes[subset.glyphRange(id)]), before = Array(original.bytes[original.glyphRange(was)])
                // Padded to four bytes; simple glyphs are copied as they are, composite ones only have
                // their components renumbered.
                #expect(outline.count >= before.count && outline.dropFirst(before.count).allSatisfy { $0 == 0 })
                if original.components(of: was).isEmpty { #expect(Array(outline.prefix(before.count)) == before) }
                #expect(subset.components(of: id).count == original.components(of: was).count)
            }
        }
    }

    @Test func compositeGlyphsKeepTheirComponents() throws {
        let font = EmbeddedFonts.regular
        // "ễ" is built from "e" and accents in DejaVu Sans.
        let id = try #require(font.glyphIDs[0x1EC5])
        let components = font.components(of: Int(id))
        #expect(!components.isEmpty)
        let kept = font.closure([id])
        #expect(kept.contains(0) && kept.contains(id))
        #expect(components.allSatisfy { kept.contains(UInt16($0)) })
    }

    @Test func theSameNamesGiveTheSameBytesAndSubsetName() {
        let one = form(names, seal: fontSeal), two = form(names, seal: fontSeal)
        #expect(one == two)
        let name = EmbeddedFonts.regular.subsetName([36, 11])
        #expect(name == EmbeddedFonts.regular.subsetName([11, 36]))
        #expect(name.range(of: "^[A-Z]{6}\\+DejaVuSans$", options: .regularExpression) != nil, "\(name)")
        #expect(name != EmbeddedFonts.regular.subsetName([36, 12]))
    }
}
