import Foundation

/// Password rules after NIST SP 800-63B §5.1.1.2: a minimum length, no composition rules, and a
/// refusal of passwords found on a list of commonly used or compromised passwords.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumLength = 128

    private let common: Set<String>

    /// `commonPasswords` is compared case-insensitively.
    public init(commonPasswords: some Sequence<String>) {
        common = Set(commonPasswords.map { $0.lowercased() })
    }

    public func problems(password: String, confirmation: String?, field: String = "password",
                         personal: [String] = []) -> [FieldProblem] {
        if password.isEmpty { return [FieldProblem(field, "error.password.missing")] }
        if password.count < Self.minimumLength { return [FieldProblem(field, "error.password.short")] }
        if password.count > Self.maximumLength { return [FieldProblem(field, "error.password.long")] }
        let lowered = password.lowercased()
        // A common word with digits or symbols added at either end is as easy to guess as the word.
        let core = lowered.trimmingCharacters(in: CharacterSet.decimalDigits.union(.punctuationCharacters).union(.symbols).union(.whitespaces))
        if common.contains(lowered) || (core.count >= 4 && common.contains(core)) || Set(lowered).count <= 2 {
            return [FieldProblem(field, "error.password.common")]
        }
        if personal.contains(where: { !$0.isEmpty && lowered.contains($0.lowercased()) && $0.count >= 4 }) {
            return [FieldProblem(field, "error.password.personal")]
        }
        if let confirmation, confirmation != password {
            return [FieldProblem(field + "Confirmation", "error.password.mismatch")]
        }
        return []
    }
}
