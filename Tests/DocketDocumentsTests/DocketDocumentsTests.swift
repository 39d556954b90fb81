import Foundation
import Testing
@testable import DocketDocuments

/// Runs a tool from poppler-utils or qpdf; nil when it is not installed (CI requires them).
func tool(_ name: String, _ arguments: [String], input: Data? = nil) -> (status: Int32, output: String)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [name] + arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    guard (try? p.run()) != nil else { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    if p.terminationStatus == 127 { return nil }
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

let pdfToolsAvailable: Bool = ProcessInfo.processInfo.environment["DOCKET_REQUIRE_PDF_TOOLS"] == "1"
    || (tool("pdftotext", ["-v"]) != nil && tool("qpdf", ["--version"]) != nil)

/// The characters a wrapped line prints.
func text(_ glyphs: [PDFDocumentBuilder.Glyph]) -> String {
    String(String.UnicodeScalarView(glyphs.compactMap { Unicode.Scalar($0.unicode) }))
}

func sample(pages: Int = 3) -> PDFDocumentBuilder {
    var b = PDFDocumentBuilder(title: "Demande du demandeur — Plaintiff's Claim")
    b.footerText = "TOR-SC-26-000123"
    b.heading("Plaintiff's Claim (Form 7A)")
    b.field("Plaintiff", "Marie Tremblay, 1 Main Street, Ottawa ON K2P 2K1")
    b.field("Défendeur", "Société Générale des Forêts (façade « naïve »)")
    b.field("Amount", "1 234,56 $ — $1,234.56")
    b.text("Escapes: (parentheses) and \\backslash\\ print as written.")
    for i in 1...(pages * 24) {
        b.text("Paragraph \(i): the defendant agreed to pay for the work and did not; the plaintiff asks for the amount owing with interest under the Courts of Justice Act.")
    }
    return b
}

@Suite struct PDFWriterTests {
    @Test func wrapsWithinTheMargins() {
        let width = 200.0
        let lines = PDFDocumentBuilder.wrap("The quick brown fox jumps over the lazy dog again and again until the line must wrap", font: .regular, size: 10, width: width)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { PDFDocumentBuilder.width(of: $0, font: .regular, size: 10) <= width })
        let long = PDFDocumentBuilder.wrap(String(repeating: "x", count: 200), font: .bold, size: 10, width: width)
        #expect(long.count > 1)
        #expect(long.allSatisfy { PDFDocumentBuilder.width(of: $0, font: .bold, size: 10) <= width })
        #expect(long.reduce(0) { $0 + $1.count } == 200)
    }

    @Test func aVeryLongWordIsBrokenIntoLinesThatFit() {
        let width = PDFDocumentBuilder(title: "").pageWidth - 2 * 54
        let word = String((0..<10_000).map { i -> Character in Array("abcdefghijklmnopqrstuvwxyzMW")[(i * 7) % 28] })
        for font in [PDFDocumentBuilder.Font.regular, .bold] {
            let lines = PDFDocumentBuilder.wrap(word, font: font, size: 10, width: width)
            #expect(lines.count > 50)
            #expect(lines.allSatisfy { !$0.isEmpty && PDFDocumentBuilder.width(of: $0, font: font, size: 10) <= width })
            #expect(lines.joined().map(\.unicode) == word.unicodeScalars.map(\.value))
        }
        let mixed = PDFDocumentBuilder.wrap("before " + word + " after", font: .regular, size: 10, width: width)
        #expect(mixed.first.map(text) == "before")
        #expect(mixed.last.map { text($0).hasSuffix("after") } == true)
    }

    /// Not a speed measurement (that is `bench/pdf-layout`): a guard against wrapping that grows
    /// faster than the text. Quadratic or cubic wrapping takes minutes on 40,000 characters; linear
    /// wrapping takes milliseconds, so the bound is far from anything a slow machine could reach.
    @Test func wrappingDoesNotBlowUpOnAHugeWord() {
        let width = PDFDocumentBuilder(title: "").pageWidth - 2 * 54
        let start = ContinuousClock.now
        let lines = PDFDocumentBuilder.wrap(String(repeating: "W", count: 40_000), font: .bold, size: 10, width: width)
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(lines.count > 200)
    }

    @Test func widthsComeFromTheFontMetrics() {
        // DejaVu Sans has 2048 units to the em: "A" advances 1401 units, "é" 1260, bold "A" 1585.
        #expect(PDFDocumentBuilder.width(of: "A", size: 1000) == 1401.0 * 1000 / 2048)
        #expect(PDFDocumentBuilder.width(of: "é", size: 1000) == 1260.0 * 1000 / 2048)
        #expect(PDFDocumentBuilder.width(of: "A", font: .bold, size: 1000) == 1585.0 * 1000 / 2048)
        #expect(PDFDocumentBuilder.width(of: "e\u{301}", size: 10) == PDFDocumentBuilder.width(of: "é", size: 10))
    }

    @Test func textIsWrittenAsGlyphIDs() {
        let glyphs = PDFDocumentBuilder.glyphs("A(é", font: .regular)
        #expect(glyphs.map(\.id) == [36, 11, 171])
        #expect(String(decoding: PDFDocumentBuilder.hex(glyphs.map(\.id)), as: UTF8.self) == "<0024000B00AB>")
        // Composed to form C; a tab prints as a space; invisible format characters print nothing.
        #expect(PDFDocumentBuilder.glyphs("e\u{301}\tx\u{200B}\u{202E}y", font: .regular).map(\.unicode) == [0xE9, 0x20, 0x78, 0x79])
        // What the font cannot print shows as "�", never as nothing.
        #expect(PDFDocumentBuilder.glyphs("漢\u{7}", font: .bold).map(\.unicode) == [0xFFFD, 0xFFFD])
        #expect(PDFDocumentBuilder.glyphs("漢", font: .bold).first?.id != 0)
    }

    @Test func numbersHaveTwoDecimalsAtMost() {
        #expect([54, 737.8249, 737.825, -0.5, -0.05, 0.004, 612, -233.4].map(PDFDocumentBuilder.number)
                == ["54", "737.82", "737.83", "-0.50", "-0.05", "0", "612", "-233.40"])
        #expect(PDFDocumentBuilder.textString("É—") == "<FEFF00C92014>")
    }

    @Test func linesBreakAtEveryKindOfNewline() {
        let lines = PDFDocumentBuilder.wrap("one\r\ntwo\rthree\nfour\n\nsix", font: .regular, size: 10, width: 500)
        #expect(lines.map(text) == ["one", "two", "three", "four", "", "six"])
    }

    @Test func flowsOntoNumberedPages() {
        let b = sample()
        #expect(b.pageCount >= 3)
        let pdf = String(decoding: b.render(), as: UTF8.self)
        #expect(pdf.hasPrefix("%PDF-1.7"))
        #expect(pdf.contains("/Count \(b.pageCount)"))
        #expect(pdf.contains("> Tj ET\n"))
        #expect(pdf.contains("/ToUnicode"))
        #expect(pdf.contains("/Encoding /Identity-H"))
        #expect(!pdf.contains("Helvetica"))
        #expect(pdf.hasSuffix("%%EOF\n"))
    }

    @Test func theSameDocumentHasTheSameBytes() {
        #expect(sample().render() == sample().render())
    }

    @Test(.enabled(if: pdfToolsAvailable, "needs pdftotext and qpdf (apt-get install poppler-utils qpdf)"))
    func readersAgree() throws {
        let b = sample()
        let path = NSTemporaryDirectory() + "docket-\(UUID().uuidString).pdf"
        try b.render().write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let check = try #require(tool("qpdf", ["--check", path]))
        #expect(check.status == 0, "\(check.output)")
        let text = try #require(tool("pdftotext", ["-enc", "UTF-8", path, "-"])).output
        for expected in ["Plaintiff's Claim (Form 7A)", "Marie Tremblay", "Société Générale des Forêts (façade « naïve »)",
                         "1 234,56 $ — $1,234.56", "(parentheses) and \\backslash\\", "TOR-SC-26-000123",
                         "Page 1 of \(b.pageCount)", "Page \(b.pageCount) of \(b.pageCount)", "Paragraph 42:"] {
            #expect(text.contains(expected), "\(expected)")
        }
        let info = try #require(tool("pdfinfo", [path])).output
        #expect(info.contains("Title:           Demande du demandeur — Plaintiff's Claim"), "\(info)")
        #expect(info.range(of: "Pages: +\(b.pageCount)\n", options: .regularExpression) != nil, "\(info)")
        #expect(info.range(of: "PDF version: +1.7", options: .regularExpression) != nil, "\(info)")
    }
}

@Suite struct SealTests {
    @Test func aSealedDocumentVerifies() throws {
        let seal = CourtSeal()
        let pdf = sample(pages: 1).render()
        let signature = try seal.seal(pdf)
        #expect(signature.sha256 == CourtSeal.digest(pdf))
        #expect(signature.sha256.count == 64)
        #expect(CourtSeal.verify(pdf, signature, publicKey: seal.publicKey))
    }

    @Test func oneChangedByteFails() throws {
        let seal = CourtSeal()
        let pdf = sample(pages: 1).render()
        let signature = try seal.seal(pdf)
        for index in [0, pdf.count / 2, pdf.count - 1] {
            var altered = pdf
            altered[index] ^= 0x01
            #expect(!CourtSeal.verify(altered, signature, publicKey: seal.publicKey))
        }
    }

    @Test func anotherKeyOrAForgedSignatureFails() throws {
        let seal = CourtSeal()
        let pdf = sample(pages: 1).render()
        let signature = try seal.seal(pdf)
        #expect(!CourtSeal.verify(pdf, signature, publicKey: CourtSeal().publicKey))
        let forged = CourtSeal.Signature(sha256: signature.sha256, signature: try CourtSeal().seal(pdf).signature)
        #expect(!CourtSeal.verify(pdf, forged, publicKey: seal.publicKey))
        #expect(!CourtSeal.verify(pdf, CourtSeal.Signature(sha256: signature.sha256, signature: "not base64"), publicKey: seal.publicKey))
    }

    @Test func theKeyRoundTrips() throws {
        let seal = CourtSeal()
        let again = try CourtSeal(rawKey: seal.rawKey)
        #expect(again.publicKey == seal.publicKey)
        #expect(throws: (any Error).self) { try CourtSeal(rawKey: Data([1, 2, 3])) }
    }
}
