import DocketCore
import Fluent
import Foundation
import Vapor

/// Messages about ODR cases, in the language the case was opened in, queued on the caller's transaction.
/// Every one says which dispute it is about: the parties and the amount in its subject, what the
/// dispute concerns in its first lines, and a link.
enum OdrMail {
    private static func send(_ record: OdrCaseRecord, to recipients: [String], subject: String, _ subjectArgs: [String] = [],
                             paragraphs: [(String, [String])], link: String, attachments: [MailAttachment] = [],
                             sensitive: Bool = false, app: Application, at now: Date, on db: any Database) async throws {
        let language = Language(rawValue: record.language) ?? .en
        let c = app.docket.catalogue
        let draft = record.draft
        let respondents = draft.respondents.map(\.name).joined(separator: ", ")
        let amount = (draft.amount ?? .zero).formatted(french: language == .fr)
        let parties = c.text("mail.odr.parties", language, [record.claimantName, respondents])
        let concerns = draft.category.map { c.text("category.\($0.rawValue)", language) } ?? ""
        let description = draft.description.count > 300 ? String(draft.description.prefix(300)) + "…" : draft.description
        var text = [c.text("mail.odr.about", language, [parties, amount, concerns, description])]
        text += paragraphs.map { c.text($0.0, language, $0.1) }
        text.append(app.docket.settings.baseURL + link)
        text.append(c.text("mail.signoff", language))
        let title = c.text(subject, language, subjectArgs) + " — " + parties + ", " + amount
        for recipient in recipients {
            try await Outbox.enqueue(to: recipient, subject: title, text: text.joined(separator: "\n\n"),
                                     html: Mailbox.html(text), attachments: attachments, sensitive: sensitive, at: now, on: db)
        }
    }

    static func invitation(_ record: OdrCaseRecord, to respondent: OdrRespondent, token: String, language: Language,
                           app: Application, at now: Date, on db: any Database) async throws {
        let draft = record.draft
        let amount = (draft.amount ?? .zero).formatted(french: language == .fr)
        let lastDay = DateText.day(CivilDate.of(now).adding(days: app.docket.rules.odrPeriods.acceptDays), language)
        try await send(record, to: [respondent.email], subject: "mail.odrInvite.subject", [record.claimantName],
                       paragraphs: [("mail.odrInvite.body", [respondent.name, record.claimantName, amount]),
                                    ("mail.odrInvite.deadline", [lastDay]), ("odr.voluntary", [])],
                       link: "/odr/invitations/" + token, sensitive: true, app: app, at: now, on: db)
    }

    static func reminder(_ record: OdrCaseRecord, to respondent: String, lastDay: CivilDate, app: Application, at now: Date,
                         on db: any Database) async throws {
        let language = Language(rawValue: record.language) ?? .en
        try await send(record, to: [respondent], subject: "mail.odrReminder.subject", [record.claimantName],
                       paragraphs: [("mail.odrReminder.body", [record.claimantName, DateText.day(lastDay, language)])],
                       link: "/account", app: app, at: now, on: db)
    }

    /// Told to both sides: the case closed (no response, declined, withdrawn).
    static func closed(_ record: OdrCaseRecord, reason: OdrClosure, respondents: [String], app: Application, at now: Date,
                       on db: any Database) async throws {
        // The claimant can open the case; a respondent who did not join finds it on My account.
        for (recipients, link) in [([record.claimantEmail], OdrAccess.path(record)), (respondents, "/account")] where !recipients.isEmpty {
            try await send(record, to: recipients, subject: "mail.odrClosed.subject",
                           paragraphs: [("mail.odrClosed.\(reason.rawValue)", []), ("mail.odrClosed.next", [])],
                           link: link, app: app, at: now, on: db)
        }
    }

    static func activity(_ record: OdrCaseRecord, to recipients: [String], app: Application, at now: Date, on db: any Database) async throws {
        try await send(record, to: recipients, subject: "mail.odrActivity.subject", paragraphs: [("mail.odrActivity.body", [])],
                       link: OdrAccess.path(record), app: app, at: now, on: db)
    }

    static func settled(_ record: OdrCaseRecord, to recipients: [String], pdfPath: String, app: Application, at now: Date,
                        on db: any Database) async throws {
        try await send(record, to: recipients, subject: "mail.odrSettled.subject", paragraphs: [("mail.odrSettled.body", [])],
                       link: OdrAccess.path(record), attachments: [MailAttachment(filename: "settlement-agreement.pdf",
                                                                                  contentType: "application/pdf", path: pdfPath)],
                       app: app, at: now, on: db)
    }

    static func inDefault(_ record: OdrCaseRecord, to recipients: [String], since: CivilDate, app: Application, at now: Date,
                          on db: any Database) async throws {
        let language = Language(rawValue: record.language) ?? .en
        try await send(record, to: recipients, subject: "mail.odrDefault.subject",
                       paragraphs: [("mail.odrDefault.body", [DateText.day(since, language)])],
                       link: OdrAccess.path(record), app: app, at: now, on: db)
    }
}
