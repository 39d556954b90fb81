import Fluent
import Foundation
import Vapor

/// The messages Docket sends about accounts, composed from the string catalogue in the language
/// the person was using, and queued on the caller's transaction.
enum Mailbox {
    static func welcome(_ account: AccountRecord, language: Language, request: Request, on db: any Database) async throws {
        let c = request.docket.catalogue
        try await send(to: [account.email], subject: c.text("mail.welcome.subject", language),
                       paragraphs: [c.text("mail.welcome.body", language, [account.signInID]),
                                    c.text("mail.signoff", language)],
                       request: request, on: db)
    }

    static func resetLink(_ account: AccountRecord, token: String, language: Language, request: Request, on db: any Database) async throws {
        let c = request.docket.catalogue
        let link = request.docket.settings.baseURL + "/recover/reset?token=" + token + "&lang=" + language.rawValue
        try await send(to: AccountStore.recipients(account), subject: c.text("mail.reset.subject", language),
                       paragraphs: [c.text("mail.reset.body", language), link,
                                    c.text("mail.reset.ignore", language), c.text("mail.signoff", language)],
                       sensitive: true, request: request, on: db)
    }

    static func signInID(_ accounts: [AccountRecord], to address: String, language: Language, request: Request, on db: any Database) async throws {
        let c = request.docket.catalogue
        try await send(to: [address], subject: c.text("mail.signInID.subject", language),
                       paragraphs: [c.text("mail.signInID.body", language)] + accounts.map(\.signInID)
                           + [c.text("mail.signoff", language)],
                       request: request, on: db)
    }

    static func passwordChanged(_ account: AccountRecord, language: Language, request: Request, on db: any Database) async throws {
        let c = request.docket.catalogue
        try await send(to: AccountStore.recipients(account), subject: c.text("mail.passwordChanged.subject", language),
                       paragraphs: [c.text("mail.passwordChanged.body", language), c.text("mail.signoff", language)],
                       request: request, on: db)
    }

    static func staffSetup(_ account: AccountRecord, token: String, on app: Application, at now: Date, on db: any Database) async throws {
        let c = app.docket.catalogue
        let link = app.docket.settings.baseURL + "/recover/reset?setup=1&token=" + token
        let paragraphs = [c.text("mail.staff.body", .en, [account.staffRole ?? ""]), link,
                          c.text("mail.staff.body", .fr, [account.staffRole ?? ""]), c.text("mail.signoff", .en)]
        try await Outbox.enqueue(to: account.email, subject: c.text("mail.staff.subject", .en),
                                 text: paragraphs.joined(separator: "\n\n"), html: html(paragraphs), sensitive: true, at: now, on: db)
    }

    private static func send(to recipients: [String], subject: String, paragraphs: [String], sensitive: Bool = false,
                             request: Request, on db: any Database) async throws {
        for recipient in recipients {
            try await Outbox.enqueue(to: recipient, subject: subject, text: paragraphs.joined(separator: "\n\n"),
                                     html: html(paragraphs), sensitive: sensitive, at: request.now, on: db)
        }
    }

    static func html(_ paragraphs: [String]) -> String {
        "<!doctype html><html><body>" + paragraphs.map { p in
            let escaped = escape(p)
            return p.hasPrefix("http") ? "<p><a href=\"\(escaped)\">\(escaped)</a></p>" : "<p>\(escaped)</p>"
        }.joined() + "</body></html>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
