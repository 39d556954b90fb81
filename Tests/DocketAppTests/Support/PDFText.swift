import Foundation

/// The text of a PDF made by `PDFDocumentBuilder`, line by line, read back through each font's
/// ToUnicode map (the documents print glyph ids, so their text is not in the file as written).
func pdfText(_ pdf: Data) -> String {
    let file = String(decoding: pdf, as: UTF8.self)
    func object(_ number: String) -> Substring? {
        guard let start = file.range(of: "\n\(number) 0 obj\n"),
              let end = file.range(of: "\nendobj\n", range: start.upperBound..<file.endIndex) else { return nil }
        return file[start.upperBound..<end.lowerBound]
    }
    func reference(_ key: String, in text: Substring) -> String? {
        guard let r = text.range(of: "/\(key) ([0-9]+) 0 R", options: .regularExpression) else { return nil }
        return text[r].split(separator: " ")[1].description
    }
    // Each font resource (/F1, /F2) → glyph id (4 hex digits) → characters.
    var maps: [String: [String: String]] = [:]
    if let resources = file.range(of: "/Font << [^>]* >>", options: .regularExpression) {
        for entry in file[resources].matches(of: /\/(F[0-9]+) ([0-9]+) 0 R/) {
            guard let font = object(String(entry.2)), let cmapNumber = reference("ToUnicode", in: font),
                  let cmap = object(cmapNumber) else { continue }
            var map: [String: String] = [:]
            for pair in cmap.matches(of: /<([0-9A-F]{4})> <([0-9A-F]+)>/) {
                let units = stride(from: 0, to: pair.2.count, by: 4).map { i -> UInt16 in
                    let start = pair.2.index(pair.2.startIndex, offsetBy: i)
                    return UInt16(pair.2[start..<pair.2.index(start, offsetBy: 4)], radix: 16)!
                }
                map[String(pair.1)] = String(decoding: units, as: UTF16.self)
            }
            maps[String(entry.1)] = map
        }
    }
    var lines: [String] = []
    for shown in file.matches(of: /BT \/(F[0-9]+) [0-9.]+ Tf [0-9.]+ [0-9.]+ Td <([0-9A-F]*)> Tj ET/) {
        let map = maps[String(shown.1)] ?? [:]
        let hex = shown.2
        lines.append(stride(from: 0, to: hex.count, by: 4).map { i -> String in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return map[String(hex[start..<hex.index(start, offsetBy: 4)])] ?? "\u{FFFD}"
        }.joined())
    }
    return lines.joined(separator: "\n")
}
