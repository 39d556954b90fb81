/// Canadian postal codes (Canada Post addressing guidelines): "A1A 1A1". The letters D, F, I, O, Q
/// and U never appear; W and Z never start a code.
public enum PostalCode {
    private static let neverUsed: Set<Character> = ["D", "F", "I", "O", "Q", "U"]
    private static let neverFirst: Set<Character> = ["W", "Z"]

    /// The code in its standard form ("K2P 2K1"), or nil if it is not a valid Canadian code.
    public static func canadian(_ raw: String) -> String? {
        let compact = raw.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        let chars = Array(compact)
        guard chars.count == 6 else { return nil }
        for (i, c) in chars.enumerated() {
            if i % 2 == 0 {
                guard c.isASCII, c.isLetter, !neverUsed.contains(c) else { return nil }
                if i == 0, neverFirst.contains(c) { return nil }
            } else {
                guard c.isASCII, c.isNumber else { return nil }
            }
        }
        return String(chars[0..<3]) + " " + String(chars[3..<6])
    }

    /// A US ZIP code: five digits, optionally followed by a hyphen and four more.
    public static func usZIP(_ raw: String) -> String? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        let ok = (parts.count == 1 && parts[0].count == 5 || parts.count == 2 && parts[0].count == 5 && parts[1].count == 4)
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        return ok ? t : nil
    }
}
