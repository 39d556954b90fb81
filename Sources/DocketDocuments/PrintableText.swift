import DocketCore
import Foundation

/// What the documents can print, for checking text where it is entered (names, addresses, reasons)
/// so that it never reaches a sealed document as a character the fonts cannot show.
///
/// A character is printable when it is in `PrintableCharacters` (the Latin scripts with
/// Vietnamese, Greek, Cyrillic, punctuation and currency signs) and both embedded fonts, regular and
/// bold, have a glyph for it. Text is judged in normalisation form C, as it is printed.
public enum PrintableText {
    /// The characters of `text` the PDF documents cannot print, each once, in order of first
    /// appearance; empty when all of it prints. Tab is accepted, and line feed and carriage
    /// return too when `multiline` is true.
    public static func unsupported(in text: String, multiline: Bool = true) -> [Character] {
        var found: [Character] = []
        var seen: Set<Character> = []
        for character in text.precomposedStringWithCanonicalMapping {
            let prints = character.unicodeScalars.allSatisfy { s in
                (PrintableCharacters.contains(s) && hasGlyph(s)) || s == "\t" || (multiline && (s == "\n" || s == "\r"))
            }
            if !prints && seen.insert(character).inserted { found.append(character) }
        }
        return found
    }

    /// Whether every character of `text` prints on the documents.
    public static func canPrint(_ text: String, multiline: Bool = true) -> Bool {
        unsupported(in: text, multiline: multiline).isEmpty
    }

    /// Whether both fonts, regular and bold, have a glyph for `scalar`.
    static func hasGlyph(_ scalar: Unicode.Scalar) -> Bool {
        EmbeddedFonts.regular.glyphIDs[scalar.value] != nil && EmbeddedFonts.bold.glyphIDs[scalar.value] != nil
    }
}
