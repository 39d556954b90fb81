import Vapor

/// A page that asks "are you sure?" before something that cannot be undone, repeating what will
/// happen; its button posts to the action, and "Cancel" goes back.
struct Confirmation: Encodable {
    let intro: String
    let lines: [String]
    var hasLines: Bool { !lines.isEmpty }
    let action: String
    let confirm: String
    let warning: Bool
    let back: String
    let backLabel: String

    enum CodingKeys: String, CodingKey { case intro, lines, hasLines, action, confirm, warning, back, backLabel }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(intro, forKey: .intro); try c.encode(lines, forKey: .lines); try c.encode(hasLines, forKey: .hasLines)
        try c.encode(action, forKey: .action); try c.encode(confirm, forKey: .confirm); try c.encode(warning, forKey: .warning)
        try c.encode(back, forKey: .back); try c.encode(backLabel, forKey: .backLabel)
    }
}

extension Request {
    func confirmation(titleKey: String, _ body: Confirmation) async throws -> Response {
        try await page("confirm", titleKey: titleKey, body)
    }
}
