import DocketCore
import Fluent
import Foundation
import Vapor

/// Messages to a filer about a claim, in the language the claim was filed in.
enum ClaimMail {
    /// The filer's address, read before the transaction that queues the message.
    static func email(of claim: ClaimRecord, on db: any Database) async throws -> String? {
        try await db.sql.raw("SELECT email FROM \(ident: AccountRecord.schema) WHERE id = \(bind: claim.accountID)")
            .first()?.decode(column: "email", as: String.self)
    }

    static func issued(_ claim: ClaimRecord, to email: String?, number: String, on issuedOn: CivilDate, office: String, pdfPath: String,
                       app: Application, at now: Date, on db: any Database) async throws {
        let language = Language(rawValue: claim.language) ?? .en
        let c = app.docket.catalogue
        let day = DateText.day(issuedOn, language)
        let link = app.docket.settings.baseURL + "/claims/\(claim.id!.uuidString)"
        let paragraphs = [c.text("mail.claimIssued.body", language, [number, office, day]),
                          c.text("mail.claimIssued.serve", language), link, c.text("mail.signoff", language)]
        let attachment = MailAttachment(filename: "\(number).pdf", contentType: "application/pdf", path: pdfPath)
        try await send(to: email, subject: c.text("mail.claimIssued.subject", language, [number]), paragraphs: paragraphs,
                       attachments: [attachment], at: now, on: db)
    }

    static func rejected(_ claim: ClaimRecord, reasons: String, app: Application, at now: Date, on db: any Database) async throws {
        let language = Language(rawValue: claim.language) ?? .en
        let c = app.docket.catalogue
        let paragraphs = [c.text("mail.claimRejected.body", language), reasons,
                          app.docket.settings.baseURL + "/claims/\(claim.id!.uuidString)", c.text("mail.signoff", language)]
        try await send(to: try await email(of: claim, on: db), subject: c.text("mail.claimRejected.subject", language), paragraphs: paragraphs,
                       attachments: [], at: now, on: db)
    }

    private static func send(to email: String?, subject: String, paragraphs: [String], attachments: [MailAttachment],
                             at now: Date, on db: any Database) async throws {
        guard let email else { return }
        try await Outbox.enqueue(to: email, subject: subject, text: paragraphs.joined(separator: "\n\n"),
                                 html: Mailbox.html(paragraphs), attachments: attachments, at: now, on: db)
    }
}
