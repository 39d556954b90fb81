import Foundation

/// A small PDF 1.7 writer for court documents: US Letter pages, wrapped paragraphs, as many pages
/// as the text needs, and a footer with page numbers on every page. Text is set in DejaVu Sans and
/// DejaVu Sans Bold, embedded as subsets (Type0 fonts, Identity-H, with a ToUnicode map so the text
/// can be searched and copied), so Latin, Vietnamese, Greek and Cyrillic names print as written.
/// The output depends only on what is written, so the same document always has the same hash.
public struct PDFDocumentBuilder {
    public enum Font { case regular, bold }

    /// A glyph of an embedded font and the character it prints (for copy and paste).
    struct Glyph: Equatable {
        let id: UInt16
        let unicode: UInt32
    }

    struct Line {
        let font: Font
        let size: Double
        let x: Double
        let y: Double
        let glyphs: [Glyph]
    }

    public let pageWidth = 612.0
    public let pageHeight = 792.0
    public let margin = 54.0
    let footerHeight = 36.0

    private var pages: [[Line]] = [[]]
    private var cursor: Double
    public var title: String
    /// The footer's left text (e.g. the court file number) and its page label, given (page, pages).
    public var footerText: String = ""
    public var pageLabel: @Sendable (Int, Int) -> String = { "Page \($0) of \($1)" }

    public init(title: String) {
        self.title = title
        cursor = 792.0 - 54.0
    }

    static func width(of glyphs: [Glyph], font: Font, size: Double) -> Double {
        let face = EmbeddedFonts.font(font)
        return Double(glyphs.reduce(0) { $0 + Int(face.advances[Int($1.id)]) }) * size / Double(face.unitsPerEm)
    }

    public static func width(of text: String, font: Font = .regular, size: Double) -> Double {
        width(of: glyphs(text, font: font), font: font, size: size)
    }

    /// The glyphs that print `text` (in normalisation form C) in `font`. A tab prints as a space;
    /// invisible format characters (zero-width spaces and joiners, soft hyphens, direction marks)
    /// print nothing; a character the font has no glyph for, or a control character, prints as
    /// the replacement character "�", never as nothing. Text entered by people is checked with
    /// `PrintableCharacters` first, so this is a last resort.
    static func glyphs(_ text: String, font: Font) -> [Glyph] {
        let face = EmbeddedFonts.font(font)
        var out: [Glyph] = []
        for scalar in Self.composed(text).unicodeScalars {
            if let glyph = glyph(scalar, face) { out.append(glyph) }
        }
        return out
    }

    /// `text` in normalisation form C (ASCII already is).
    static func composed(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    private static func glyph(_ scalar: Unicode.Scalar, _ face: TrueTypeFont) -> Glyph? {
        if scalar == "\t" { return face.glyphIDs[0x20].map { Glyph(id: $0, unicode: 0x20) } }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator:
            break
        default:
            if properties.isDefaultIgnorableCodePoint { return nil }
            if let id = face.glyphIDs[scalar.value] { return Glyph(id: id, unicode: scalar.value) }
        }
        return Glyph(id: face.glyphIDs[0xFFFD] ?? 0, unicode: 0xFFFD)
    }

    /// Splits `text` into lines no wider than `width`; a word longer than a line is broken.
    /// Each glyph is measured once and the line's width is kept as a running sum, so the time is
    /// linear in the length of the text however long its words are. Lines break at spaces and at
    /// line feeds, carriage returns and CR LF pairs.
    static func wrap(_ text: String, font: Font, size: Double, width: Double) -> [[Glyph]] {
        let face = EmbeddedFonts.font(font)
        // The same arithmetic as `width(of:font:size:)`, on a sum of advances in font units.
        func fits(_ units: Int) -> Bool { Double(units) * size / Double(face.unitsPerEm) <= width }
        let space = glyph(" ", face)!
        let spaceUnits = Int(face.advances[Int(space.id)])
        var lines: [[Glyph]] = []
        var line: [Glyph] = []
        var lineUnits = 0
        var word: [Glyph] = []
        var widths: [Int] = []

        func endWord() {
            guard !word.isEmpty else { return }
            defer { word.removeAll(keepingCapacity: true); widths.removeAll(keepingCapacity: true) }
            let wordUnits = widths.reduce(0, +)
            let candidate = line.isEmpty ? wordUnits : lineUnits + spaceUnits + wordUnits
            if fits(candidate) {
                if !line.isEmpty { line.append(space) }
                line += word
                lineUnits = candidate
                return
            }
            if !line.isEmpty { lines.append(line); line = [] }
            // A word wider than the line: as many glyphs as fit on each line, at least one.
            var start = 0
            var remaining = wordUnits
            while !fits(remaining) {
                var count = 0
                var units = 0
                while start + count < word.count && fits(units + widths[start + count]) {
                    units += widths[start + count]
                    count += 1
                }
                if count == 0 { count = 1; units = widths[start] }
                lines.append(Array(word[start..<(start + count)]))
                start += count
                remaining -= units
            }
            line = Array(word[start...])
            lineUnits = remaining
        }

        var afterCR = false
        for scalar in Self.composed(text).unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case " ":
                endWord()
            case "\n" where afterCR:
                continue
            case "\n", "\r":
                endWord()
                lines.append(line)
                line = []
                lineUnits = 0
            default:
                if let g = glyph(scalar, face) {
                    word.append(g)
                    widths.append(Int(face.advances[Int(g.id)]))
                }
            }
        }
        endWord()
        lines.append(line)
        return lines
    }

    private mutating func ensureRoom(_ height: Double) {
        if cursor - height < margin + footerHeight {
            pages.append([])
            cursor = pageHeight - margin
        }
    }

    /// A block of wrapped text, indented by `indent` points.
    public mutating func text(_ text: String, font: Font = .regular, size: Double = 10, indent: Double = 0) {
        let leading = size * 1.35
        for glyphs in Self.wrap(text, font: font, size: size, width: pageWidth - 2 * margin - indent) {
            ensureRoom(leading)
            cursor -= leading
            pages[pages.count - 1].append(Line(font: font, size: size, x: margin + indent, y: cursor, glyphs: glyphs))
        }
    }

    public mutating func heading(_ text: String, size: Double = 14) {
        space(size * 0.5)
        self.text(text, font: .bold, size: size)
        space(size * 0.25)
    }

    /// A bold label and its value on the following lines, indented.
    public mutating func field(_ label: String, _ value: String) {
        ensureRoom(30)
        text(label, font: .bold, size: 9)
        text(value.isEmpty ? "—" : value, size: 10, indent: 12)
        space(4)
    }

    public mutating func space(_ points: Double) {
        cursor -= points
        if cursor < margin + footerHeight {
            pages.append([])
            cursor = pageHeight - margin
        }
    }

    public mutating func pageBreak() {
        if !(pages.last?.isEmpty ?? true) {
            pages.append([])
            cursor = pageHeight - margin
        }
    }

    public var pageCount: Int { pages.count }

    /// The finished file.
    public func render() -> Data {
        let total = pages.count
        // Each page's lines, then its footer: the footer text on the left, the page label on the right.
        let footer = Self.glyphs(footerText, font: .regular)
        let pageLines: [[Line]] = pages.enumerated().map { index, lines in
            let label = Self.glyphs(pageLabel(index + 1, total), font: .regular)
            let labelWidth = Self.width(of: label, font: .regular, size: 8)
            return lines + [Line(font: .regular, size: 8, x: margin, y: margin - 6, glyphs: footer),
                            Line(font: .regular, size: 8, x: pageWidth - margin - labelWidth, y: margin - 6, glyphs: label)]
        }

        // The glyphs each font prints, and for each glyph the character it stands for (the
        // smallest code point, when several print the same glyph).
        var regular: [UInt16: UInt32] = [:], bold: [UInt16: UInt32] = [:]
        for line in pageLines.joined() {
            for glyph in line.glyphs {
                if line.font == .bold {
                    if bold[glyph.id].map({ glyph.unicode < $0 }) ?? true { bold[glyph.id] = glyph.unicode }
                } else {
                    if regular[glyph.id].map({ glyph.unicode < $0 }) ?? true { regular[glyph.id] = glyph.unicode }
                }
            }
        }
        var used: [Font: [UInt16: UInt32]] = [:]
        if !regular.isEmpty { used[.regular] = regular }
        if !bold.isEmpty { used[.bold] = bold }
        let fonts = [Font.regular, .bold].filter { used[$0] != nil }
        // Each font's subset, its glyphs renumbered from 0.
        var subsets: [Font: TrueTypeFont.Subset] = [:]
        for font in fonts {
            let characters = used[font]!
            subsets[font] = EmbeddedFonts.font(font).subset(Set(characters.keys),
                                                            unicode: Dictionary(characters.map { ($1, $0) }, uniquingKeysWith: min))
        }

        var out = Data()
        var offsets: [Int] = []
        func object(_ body: Data) {
            offsets.append(out.count)
            out.append(Data("\(offsets.count) 0 obj\n".utf8))
            out.append(body)
            out.append(Data("\nendobj\n".utf8))
        }
        func ascii(_ s: String) -> Data { Data(s.utf8) }

        out.append(ascii("%PDF-1.7\n"))
        out.append(Data([0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]))

        // 1 catalog, 2 page tree, 3 information, then a page and its contents for each page, then
        // five objects for each font used: Type0 font, CIDFont, descriptor, font file, ToUnicode.
        let firstPage = 4
        let firstFont = firstPage + 2 * total
        func fontObject(_ font: Font) -> Int { firstFont + 5 * fonts.firstIndex(of: font)! }
        func resourceName(_ font: Font) -> String { font == .bold ? "F2" : "F1" }
        let kids = (0..<total).map { "\(firstPage + $0 * 2) 0 R" }.joined(separator: " ")
        let fontResources = fonts.map { "/\(resourceName($0)) \(fontObject($0)) 0 R" }.joined(separator: " ")
        object(ascii("<< /Type /Catalog /Pages 2 0 R >>"))
        object(ascii("<< /Type /Pages /Kids [\(kids)] /Count \(total) >>"))
        object(ascii("<< /Title \(Self.textString(title)) /Producer (Docket) >>"))

        for (index, lines) in pageLines.enumerated() {
            var content = Data()
            for line in lines where !line.glyphs.isEmpty {
                content.append(ascii("BT /\(resourceName(line.font)) \(Self.number(line.size)) Tf \(Self.number(line.x)) \(Self.number(line.y)) Td "))
                let ids = subsets[line.font]!.glyphIDs
                content.append(Self.hex(line.glyphs.map { ids[$0.id]! }))
                content.append(ascii(" Tj ET\n"))
            }
            object(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Self.number(pageWidth)) \(Self.number(pageHeight))] "
                         + "/Resources << /Font << \(fontResources) >> >> /Contents \(firstPage + index * 2 + 1) 0 R >>"))
            object(ascii("<< /Length \(content.count) >>\nstream\n") + content + ascii("\nendstream"))
        }

        for font in fonts {
            let face = EmbeddedFonts.font(font)
            let characters = used[font]!
            let subset = subsets[font]!
            let name = face.subsetName(Set(characters.keys))
            let program = subset.font
            // Subset glyph id → original glyph id, for the widths.
            let original = Dictionary(subset.glyphIDs.map { ($1, $0) }, uniquingKeysWith: min)
            let n = fontObject(font)
            func scaled(_ units: Int) -> String { Self.number(Double(units) * 1000 / Double(face.unitsPerEm)) }
            object(ascii("<< /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H "
                         + "/DescendantFonts [\(n + 1) 0 R] /ToUnicode \(n + 4) 0 R >>"))
            object(ascii("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(name) "
                         + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                         + "/FontDescriptor \(n + 2) 0 R /CIDToGIDMap /Identity /DW \(scaled(Int(face.advances[0]))) "
                         + "/W \(Self.widths(original.keys.sorted().map { ($0, face.advances[Int(original[$0]!)]) }, face)) >>"))
            object(ascii("<< /Type /FontDescriptor /FontName /\(name) /Flags 32 "
                         + "/FontBBox [\(face.boundingBox.map(scaled).joined(separator: " "))] /ItalicAngle 0 "
                         + "/Ascent \(scaled(face.ascender)) /Descent \(scaled(face.descender)) /CapHeight \(scaled(face.capHeight)) "
                         + "/StemV \(face.isBold ? 140 : 80) /FontFile2 \(n + 3) 0 R >>"))
            object(ascii("<< /Length \(program.count) /Length1 \(program.count) >>\nstream\n") + Data(program) + ascii("\nendstream"))
            let cmap = Self.toUnicode(Dictionary(characters.map { (subset.glyphIDs[$0]!, $1) }, uniquingKeysWith: min))
            object(ascii("<< /Length \(cmap.count) >>\nstream\n") + cmap + ascii("\nendstream"))
        }

        let xref = out.count
        out.append(ascii("xref\n0 \(offsets.count + 1)\n0000000000 65535 f\r\n"))
        for offset in offsets {
            out.append(ascii(String(repeating: "0", count: 10 - String(offset).count) + String(offset) + " 00000 n\r\n"))
        }
        out.append(ascii("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 3 0 R >>\nstartxref\n\(xref)\n%%EOF\n"))
        return out
    }

    /// Glyph ids as a PDF hex string, two bytes each (Identity-H).
    static func hex(_ glyphs: [UInt16]) -> Data {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = [UInt8(ascii: "<")]
        out.reserveCapacity(glyphs.count * 4 + 2)
        for glyph in glyphs {
            let g = Int(glyph)
            out.append(digits[g >> 12 & 0xF]); out.append(digits[g >> 8 & 0xF])
            out.append(digits[g >> 4 & 0xF]); out.append(digits[g & 0xF])
        }
        out.append(UInt8(ascii: ">"))
        return Data(out)
    }

    /// The /W array: the width of each glyph (sorted ids and advances in font units), in
    /// thousandths of an em, in runs of consecutive glyph ids.
    static func widths(_ sorted: [(id: UInt16, advance: UInt16)], _ face: TrueTypeFont) -> String {
        var runs: [(first: UInt16, widths: [String])] = []
        for (id, advance) in sorted {
            let width = number(Double(advance) * 1000 / Double(face.unitsPerEm))
            if let last = runs.last, Int(last.first) + last.widths.count == Int(id) {
                runs[runs.count - 1].widths.append(width)
            } else {
                runs.append((id, [width]))
            }
        }
        return "[" + runs.map { "\($0.first) [\($0.widths.joined(separator: " "))]" }.joined(separator: " ") + "]"
    }

    /// The ToUnicode CMap: which character each glyph prints, so readers can extract the text.
    static func toUnicode(_ characters: [UInt16: UInt32]) -> Data {
        func hex4(_ v: UInt16) -> String {
            let s = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: 4 - s.count) + s
        }
        var entries: [String] = []
        for id in characters.keys.sorted() {
            let scalar = Unicode.Scalar(characters[id]!) ?? "\u{FFFD}"
            entries.append("<\(hex4(id))> <\(String(scalar).utf16.map(hex4).joined())>")
        }
        var text = """
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """
        var index = 0
        while index < entries.count {
            let block = entries[index..<min(index + 100, entries.count)]
            text += "\(block.count) beginbfchar\n" + block.joined(separator: "\n") + "\nendbfchar\n"
            index += 100
        }
        text += """
        endcmap
        CMapName currentdict /CMap defineresource pop
        end
        end
        """
        return Data(text.utf8)
    }

    /// A PDF text string (for the document information) in UTF-16BE with its byte order mark.
    static func textString(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF")
        return "<FEFF" + String(text.utf16.flatMap { unit in [12, 8, 4, 0].map { digits[Int(unit >> UInt16($0)) & 0xF] } }) + ">"
    }

    /// A number to two decimals at most: 54, 737.82, -0.5 as -0.50.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        if hundredths % 100 == 0 { return String(hundredths / 100) }
        let magnitude = abs(hundredths), fraction = magnitude % 100
        return (hundredths < 0 ? "-" : "") + String(magnitude / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }
}
