/// The longest text each form field takes, in characters. Forms state it (`maxlength`, and in the
/// hint of long texts); validation refuses anything longer with "too long".
public enum FieldLimits {
    static let byField: [String: Int] = [
        "firstName": 100, "lastName": 100, "city": 100, "province": 100, "firm": 150, "address": 200,
        "businessName": 200, "alsoKnownAs": 200, "documentTitle": 200, "respondentName": 200, "signatureName": 200,
        "plaintiffName": 200, "defendantNames": 5_200, "reason": 300, "eventText": 500, "summary": 10_000,
        "description": 5_000, "message": 5_000, "rejectReasons": 2_000, "email": 254, "recoveryEmail": 254,
        "respondentEmail": 254, "representativeEmail": 254, "answer1": 100, "answer2": 100, "answer3": 100,
        "lawSocietyNumber": 10, "phoneExtension": 6, "postalCode": 10, "sha256": 64,
    ]

    /// `count` with its thousands grouped as in English (10,000) or French (10 000).
    public static func grouped(_ count: Int, french: Bool) -> String {
        let digits = String(count)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += french ? "\u{202F}" : "," }
            out.append(c)
        }
        return out
    }

    /// The limit of `field`; a text field not listed takes 200 characters, a long text 5,000.
    public static func maxLength(_ field: String, multiline: Bool = false) -> Int {
        byField[field] ?? (multiline ? 5_000 : 200)
    }
}
