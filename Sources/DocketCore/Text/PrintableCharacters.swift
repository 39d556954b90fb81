import Foundation

/// The characters the court's documents can print: the Latin scripts (with Vietnamese), Greek and
/// Cyrillic, their combining accents, punctuation and currency signs. Names, addresses and other
/// text that ends up on a sealed document are checked against this set when they are entered, so a
/// document never prints a character it cannot show. Chinese, Japanese and Korean are not in it.
///
/// Text is checked in Unicode normalisation form C (the form the PDF writer prints), so "e" with a
/// combining acute accent counts as "é". Tab, line feed and carriage return are layout, not
/// printed, and are accepted where a field may span several lines. Control characters, invisible
/// format characters (zero-width spaces and joiners, soft hyphen, bidirectional overrides and
/// isolates) and unassigned code points are refused.
public enum PrintableCharacters {
    /// The printable code points, sorted and disjoint.
    public static let ranges: [ClosedRange<UInt32>] = [
        0x0020...0x007E,   // Basic Latin
        0x00A0...0x00AC,   // Latin-1 Supplement (without the soft hyphen U+00AD)
        0x00AE...0x024F,   // Latin-1 Supplement, Latin Extended-A and -B
        0x02B0...0x02E9,   // Spacing Modifier Letters (ʻokina, ˆ, ˜, …)
        0x02EC...0x02EE,
        0x02F3...0x02F3,
        0x02F7...0x02F7,
        0x0300...0x034E,   // Combining Diacritical Marks
        0x0351...0x0353,
        0x0357...0x0358,
        0x035A...0x035A,
        0x035C...0x0362,
        0x0370...0x0377,   // Greek and Coptic
        0x037A...0x037F,
        0x0384...0x038A,
        0x038C...0x038C,
        0x038E...0x03A1,
        0x03A3...0x0525,   // Greek and Coptic, Cyrillic, Cyrillic Supplement
        0x1E00...0x1EFB,   // Latin Extended Additional (Vietnamese)
        0x1F00...0x1F15,   // Greek Extended
        0x1F18...0x1F1D,
        0x1F20...0x1F45,
        0x1F48...0x1F4D,
        0x1F50...0x1F57,
        0x1F59...0x1F59,
        0x1F5B...0x1F5B,
        0x1F5D...0x1F5D,
        0x1F5F...0x1F7D,
        0x1F80...0x1FB4,
        0x1FB6...0x1FC4,
        0x1FC6...0x1FD3,
        0x1FD6...0x1FDB,
        0x1FDD...0x1FEF,
        0x1FF2...0x1FF4,
        0x1FF6...0x1FFE,
        0x2000...0x200A,   // General Punctuation: spaces
        0x2010...0x2027,   // dashes, quotation marks, bullets, ellipsis
        0x202F...0x205F,   // narrow no-break space, per mille, primes, …
        0x20A0...0x20B5,   // Currency Symbols
        0x20B8...0x20BA,
        0x20BD...0x20BD,
        0x2100...0x2109,   // Letterlike Symbols (№, ™, ℓ, …)
        0x210B...0x2149,
        0x214B...0x214B,
        0x214E...0x214E,
    ]

    /// Whether `scalar` is printable (tab and line breaks are not: they are layout).
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if v < ranges[mid].lowerBound { high = mid - 1 } else if v > ranges[mid].upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// The characters of `text` that cannot be printed, each once, in the order they first appear
    /// (after normalisation to form C). Tab is accepted; line feed and carriage return are accepted
    /// when `multiline` is true and reported otherwise. Empty when the whole text prints.
    public static func unsupported(in text: String, multiline: Bool = true) -> [Character] {
        var found: [Character] = []
        var seen: Set<Character> = []
        for character in text.precomposedStringWithCanonicalMapping {
            let printable = character.unicodeScalars.allSatisfy { s in
                contains(s) || s == "\t" || (multiline && (s == "\n" || s == "\r"))
            }
            if !printable && seen.insert(character).inserted { found.append(character) }
        }
        return found
    }

    /// Whether every character of `text` can be printed.
    public static func canPrint(_ text: String, multiline: Bool = true) -> Bool {
        unsupported(in: text, multiline: multiline).isEmpty
    }
}
