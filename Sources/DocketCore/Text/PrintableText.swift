/// What a name, address or other short text a person types may contain: every character must
/// print on Docket's documents (the embedded font covers all Latin scripts, Vietnamese included,
/// Greek and Cyrillic), and no control character may pass, since names travel into mail headers,
/// logs and PDFs. Checked on Unicode scalars, not `Character`s: Swift reads "\r\n" as one
/// character.
public enum PrintableText {
    /// The Unicode blocks Docket prints, by scalar value.
    public static let ranges: [ClosedRange<UInt32>] = [
        0x20...0x7E,       // Basic Latin
        0xA0...0x24F,      // Latin-1 Supplement, Latin Extended-A and -B
        0x2B0...0x2FF,     // spacing modifier letters
        0x300...0x36F,     // combining diacritical marks
        0x370...0x3FF,     // Greek and Coptic
        0x400...0x4FF,     // Cyrillic
        0x1E00...0x1EFF,   // Latin Extended Additional (Vietnamese)
        0x2010...0x2027,   // dashes, quotation marks, bullets, ellipsis
        0x2030...0x205E,   // per mille, primes, guillemets
        0x20A0...0x20BF,   // currency signs
        0x2116...0x2116,   // numero sign
        0x2122...0x2122,   // trade mark sign
    ]

    /// Why `text` cannot be accepted, as a catalogue key, or nil when it can. Line breaks and
    /// tabs are allowed only in multi-line text.
    public static func problem(in text: String, multiline: Bool = false) -> String? {
        var unsupported = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || v == 0x0D || v == 0x09 {
                if !multiline { return "error.field.controlCharacters" }
                continue
            }
            if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || (0xD800...0xDFFF).contains(v) {
                return "error.field.controlCharacters"
            }
            if !ranges.contains(where: { $0.contains(v) }) { unsupported = true }
        }
        return unsupported ? "error.field.unsupportedCharacters" : nil
    }

    /// The characters of `text` that Docket cannot print, for a message that names them.
    public static func unsupported(in text: String) -> [Character] {
        var seen: [Character] = []
        for character in text where character.unicodeScalars.contains(where: { s in !ranges.contains { $0.contains(s.value) } }) {
            if !seen.contains(character) { seen.append(character) }
        }
        return seen
    }
}

/// The check every required short text field shares: present, not too long, printable.
public enum TextField {
    public static func problem(_ value: String, _ field: String, max: Int, missingKey: String) -> FieldProblem? {
        if value.isEmpty { return FieldProblem(field, missingKey) }
        if value.count > max { return FieldProblem(field, "error.field.tooLong") }
        return optionalProblem(value, field, max: max)
    }

    /// For a field that may be empty.
    public static func optionalProblem(_ value: String, _ field: String, max: Int, multiline: Bool = false) -> FieldProblem? {
        if value.count > max { return FieldProblem(field, "error.field.tooLong") }
        return PrintableText.problem(in: value, multiline: multiline).map { FieldProblem(field, $0) }
    }
}
