/// One thing wrong with what a person entered: which field, and a message key from the string
/// catalogue that says what is wrong and how to fix it. Validation returns every problem at once.
public struct FieldProblem: Hashable, Sendable, Error, CustomStringConvertible {
    public let field: String
    public let messageKey: String

    public init(_ field: String, _ messageKey: String) {
        self.field = field
        self.messageKey = messageKey
    }

    public var description: String { "\(field): \(messageKey)" }
}
