import Foundation

/// The fonts every document is printed in, DejaVu Sans and DejaVu Sans Bold (Bitstream Vera
/// licence, in Fonts/LICENSE), read once from this module's resources. A subset of each is
/// embedded in every PDF, so the documents look the same everywhere and print Latin, Greek and
/// Cyrillic text.
enum EmbeddedFonts {
    static let regular = load("DejaVuSans")
    static let bold = load("DejaVuSans-Bold")

    static func font(_ font: PDFDocumentBuilder.Font) -> TrueTypeFont {
        font == .bold ? bold : regular
    }

    private static func load(_ name: String) -> TrueTypeFont {
        guard let url = Bundle.module.url(forResource: name, withExtension: "ttf", subdirectory: "Fonts")
                ?? Bundle.module.url(forResource: name, withExtension: "ttf") else {
            fatalError("The DocketDocuments resources have no Fonts/\(name).ttf; deploy the module's resource bundle with the executable")
        }
        do {
            return try TrueTypeFont(Data(contentsOf: url))
        } catch {
            fatalError("Fonts/\(name).ttf cannot be read: \(error)")
        }
    }
}
