/// An amount of Canadian dollars in integer cents. Never floating point.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let cents: Int64

    public init(cents: Int64) { self.cents = cents }
    public init(dollars: Int64) { self.cents = dollars * 100 }

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static let zero = Money(cents: 0)

    /// "1234.56": the plain form for machines and the command line.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let a = cents.magnitude
        let c = a % 100
        return sign + String(a / 100) + "." + (c < 10 ? "0" : "") + String(c)
    }

    /// "$1,234.56" in English, "1 234,56 $" in French (no-break spaces, as in Canadian French).
    public func formatted(french: Bool) -> String {
        let a = cents.magnitude
        let whole = String(a / 100)
        let c = a % 100
        let fraction = (c < 10 ? "0" : "") + String(c)
        var groups: [Substring] = []
        var end = whole.endIndex
        while end > whole.startIndex {
            let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
            groups.insert(whole[start..<end], at: 0)
            end = start
        }
        let sign = cents < 0 ? "-" : ""
        if french {
            return sign + groups.joined(separator: "\u{00A0}") + "," + fraction + "\u{00A0}$"
        }
        return sign + "$" + groups.joined(separator: ",") + "." + fraction
    }

    /// Reads an amount as people write it in English or French: "1,234.56", "$1234.5", "1 234,56 $",
    /// "1234,56", "1234". Thousands may be grouped by commas (English) or spaces (French); a comma
    /// followed by one or two digits at the end is a decimal comma. Returns nil for anything else,
    /// including negative amounts and more than two decimals.
    public static func parse(_ raw: String) -> Money? {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        text = text.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: "CAD", with: "")
        let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]
        text = String(text.filter { !spaces.contains($0) })
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else { return nil }
        var whole = text
        var fraction = ""
        if let dot = text.lastIndex(of: ".") {
            whole = String(text[..<dot]); fraction = String(text[text.index(after: dot)...])
            guard !whole.contains("."), fraction.allSatisfy(\.isNumber) else { return nil }
            // Commas before a decimal point group thousands.
            guard groupedByThree(whole, separator: ",") else { return nil }
            whole = whole.replacingOccurrences(of: ",", with: "")
        } else if let comma = text.lastIndex(of: ",") {
            let after = text[text.index(after: comma)...]
            if after.count <= 2 && text.filter({ $0 == "," }).count == 1 {
                whole = String(text[..<comma]); fraction = String(after)
            } else {
                guard groupedByThree(text, separator: ",") else { return nil }
                whole = text.replacingOccurrences(of: ",", with: "")
            }
        }
        guard !whole.isEmpty || !fraction.isEmpty, fraction.count <= 2, whole.count <= 15,
              whole.allSatisfy(\.isNumber) else { return nil }
        let units = Int64(whole.isEmpty ? "0" : whole) ?? 0
        let cents = fraction.isEmpty ? 0 : (Int64(fraction) ?? 0) * (fraction.count == 1 ? 10 : 1)
        return Money(cents: units * 100 + cents)
    }

    private static func groupedByThree(_ text: String, separator: Character) -> Bool {
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count > 1 else { return true }
        return !groups[0].isEmpty && groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

import Foundation
