/// The check on what a person types into a name, an address or any text that can reach a mail
/// header, a log or a sealed document: no control character (line breaks only where the field has
/// several lines), and only characters the documents can print (`PrintableCharacters`). Judged on
/// Unicode scalars, not `Character`s: Swift reads "\r\n" as one character.
public enum TextInput {
    /// The catalogue key of what is wrong with `text`, or nil when it is acceptable.
    public static func problem(in text: String, multiline: Bool = false) -> String? {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || v == 0x0D {
                if !multiline { return "error.field.controlCharacters" }
            } else if v < 0x20 && v != 0x09 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
                        || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                return "error.field.controlCharacters"
            }
        }
        return PrintableCharacters.canPrint(text, multiline: multiline) ? nil : "error.field.unsupportedCharacters"
    }
}

/// The check every required short text field shares: present, not too long, printable.
public enum TextField {
    public static func problem(_ value: String, _ field: String, max: Int, missingKey: String) -> FieldProblem? {
        if value.isEmpty { return FieldProblem(field, missingKey) }
        return optionalProblem(value, field, max: max)
    }

    /// For a field that may be empty.
    public static func optionalProblem(_ value: String, _ field: String, max: Int, multiline: Bool = false) -> FieldProblem? {
        if value.count > max { return FieldProblem(field, "error.field.tooLong") }
        return TextInput.problem(in: value, multiline: multiline).map { FieldProblem(field, $0) }
    }
}
