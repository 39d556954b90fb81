import Foundation

/// A small PDF 1.7 writer for court documents: US Letter pages, the standard fonts Helvetica and
/// Helvetica-Bold in WinAnsiEncoding (so French accents print without embedding fonts), wrapped
/// paragraphs, as many pages as the text needs, and a footer with page numbers on every page.
/// The output depends only on what is written, so the same document always has the same hash.
public struct PDFDocumentBuilder {
    public enum Font { case regular, bold }

    struct Line {
        let font: Font
        let size: Double
        let x: Double
        let y: Double
        let bytes: [UInt8]
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

    static func width(of bytes: [UInt8], font: Font, size: Double) -> Double {
        let table = font == .bold ? StandardFontMetrics.helveticaBold : StandardFontMetrics.helvetica
        return Double(bytes.reduce(0) { $0 + Int(table[Int($1)]) }) * size / 1000
    }

    public static func width(of text: String, font: Font = .regular, size: Double) -> Double {
        width(of: WinAnsi.encode(text), font: font, size: size)
    }

    /// Splits `text` into lines no wider than `width`; a word longer than a line is broken.
    /// Each glyph is measured once and the line's width is kept as a running sum, so the time is
    /// linear in the length of the text however long its words are.
    static func wrap(_ text: String, font: Font, size: Double, width: Double) -> [[UInt8]] {
        let table = font == .bold ? StandardFontMetrics.helveticaBold : StandardFontMetrics.helvetica
        // The same arithmetic as `width(of:font:size:)`, on a sum of glyph widths in 1/1000 em.
        func fits(_ units: Int) -> Bool { Double(units) * size / 1000 <= width }
        let space = Int(table[0x20])
        var lines: [[UInt8]] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line: [UInt8] = []
            var lineUnits = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let bytes = WinAnsi.encode(String(word))
                let widths = bytes.map { Int(table[Int($0)]) }
                let wordUnits = widths.reduce(0, +)
                let candidate = line.isEmpty ? wordUnits : lineUnits + space + wordUnits
                if fits(candidate) {
                    if !line.isEmpty { line.append(0x20) }
                    line += bytes
                    lineUnits = candidate
                    continue
                }
                if !line.isEmpty { lines.append(line); line = [] }
                // A word wider than the line: as many glyphs as fit on each line, at least one.
                var start = 0
                var remaining = wordUnits
                while !fits(remaining) {
                    var count = 0
                    var units = 0
                    while start + count < bytes.count && fits(units + widths[start + count]) {
                        units += widths[start + count]
                        count += 1
                    }
                    if count == 0 { count = 1; units = widths[start] }
                    lines.append(Array(bytes[start..<(start + count)]))
                    start += count
                    remaining -= units
                }
                line = Array(bytes[start...])
                lineUnits = remaining
            }
            lines.append(line)
        }
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
        for bytes in Self.wrap(text, font: font, size: size, width: pageWidth - 2 * margin - indent) {
            ensureRoom(leading)
            cursor -= leading
            pages[pages.count - 1].append(Line(font: font, size: size, x: margin + indent, y: cursor, bytes: bytes))
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

        let total = pages.count
        let firstPage = 6
        let kids = (0..<total).map { "\(firstPage + $0 * 2) 0 R" }.joined(separator: " ")
        object(ascii("<< /Type /Catalog /Pages 2 0 R >>"))
        object(ascii("<< /Type /Pages /Kids [\(kids)] /Count \(total) >>"))
        object(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
        object(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"))
        object(ascii("<< /Title \(Self.textString(title)) /Producer (Docket) >>"))

        for (index, lines) in pages.enumerated() {
            var content = Data()
            for line in lines {
                content.append(ascii("BT /\(line.font == .bold ? "F2" : "F1") \(Self.number(line.size)) Tf \(Self.number(line.x)) \(Self.number(line.y)) Td "))
                content.append(Self.literal(line.bytes))
                content.append(ascii(" Tj ET\n"))
            }
            let label = WinAnsi.encode(pageLabel(index + 1, total))
            let labelWidth = Self.width(of: label, font: .regular, size: 8)
            content.append(ascii("BT /F1 8 Tf \(Self.number(margin)) \(Self.number(margin - 6)) Td "))
            content.append(Self.literal(WinAnsi.encode(footerText)))
            content.append(ascii(" Tj ET\nBT /F1 8 Tf \(Self.number(pageWidth - margin - labelWidth)) \(Self.number(margin - 6)) Td "))
            content.append(Self.literal(label))
            content.append(ascii(" Tj ET\n"))

            object(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Self.number(pageWidth)) \(Self.number(pageHeight))] "
                         + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(firstPage + index * 2 + 1) 0 R >>"))
            object(ascii("<< /Length \(content.count) >>\nstream\n") + content + ascii("\nendstream"))
        }

        let xref = out.count
        out.append(ascii("xref\n0 \(offsets.count + 1)\n0000000000 65535 f\r\n"))
        for offset in offsets {
            out.append(ascii(String(repeating: "0", count: 10 - String(offset).count) + String(offset) + " 00000 n\r\n"))
        }
        out.append(ascii("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"))
        return out
    }

    /// A PDF literal string with (, ) and \ escaped and bytes outside printable ASCII as octal.
    static func literal(_ bytes: [UInt8]) -> Data {
        var out: [UInt8] = [UInt8(ascii: "(")]
        for b in bytes {
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                out += [UInt8(ascii: "\\"), b]
            case 0x20...0x7E:
                out.append(b)
            default:
                out += Array(("\\" + String(repeating: "0", count: 3 - String(b, radix: 8).count) + String(b, radix: 8)).utf8)
            }
        }
        out.append(UInt8(ascii: ")"))
        return Data(out)
    }

    /// A PDF text string (for the document information) in UTF-16BE with its byte order mark.
    static func textString(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }
}
