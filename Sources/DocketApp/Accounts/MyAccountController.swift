import DocketCore
import Fluent
import Vapor

/// "My account" (seed 002): services, drafts, transactions, contact information, terms of use.
struct MyAccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped(RequireAccountMiddleware()).grouped("account")
        account.get(use: home)
        account.get("contact", use: contactShow)
        account.post("contact", use: contactSave)
    }

    struct HomeBody: Encodable {
        let welcome: Bool
        let saved: Bool
        let name: String
        let kind: String
        let lawSocietyNumber: String?
        let noDrafts: Bool
        let noTransactions: Bool
        let termsVersion: String
        let termsAcceptedAt: String?
    }

    func home(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        if account.isStaff { return req.redirect(to: "/staff") }
        let contact = try await account.$contact.get(on: req.db)
        let body = HomeBody(
            welcome: (try? req.query.get(String.self, at: "welcome")) == "1",
            saved: (try? req.query.get(String.self, at: "saved")) == "1",
            name: contact.map { "\($0.firstName) \($0.lastName)" } ?? account.signInID,
            kind: req.t("kind.\(account.kind)"), lawSocietyNumber: account.lawSocietyNumber,
            noDrafts: true, noTransactions: true, termsVersion: account.termsVersion,
            termsAcceptedAt: account.termsAcceptedAt.map { DateText.long($0, req.language) })
        return try await req.page("account", titleKey: "account.title", body)
    }

    struct ContactBody: Encodable {
        let form: FormView
        let intro: String?
    }

    func contactShow(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let current = try await account.$contact.get(on: req.db)?.details ?? ContactDetails()
        return try await contactForm(req, values: ContactForm.values(of: current), problems: [])
    }

    func contactSave(req: Request) async throws -> Response {
        guard let account = req.account, let accountID = account.id else { throw Abort(.unauthorized) }
        let values = req.formValues()
        let (details, problems) = ContactForm.details(from: values).validated()
        if !problems.isEmpty { return try await contactForm(req, values: values, problems: problems) }
        let now = req.now
        try await req.db.transaction { db in
            let version = ContactRecord(accountID: accountID, details: details, at: now)
            try await version.create(on: db)
            account.$contact.id = version.id
            try await account.save(on: db)
        }
        req.logger.info("contact details changed", metadata: ["account": "\(accountID)"])
        return req.redirect(to: "/account?saved=1")
    }

    private func contactForm(_ req: Request, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: "/account/contact", submitKey: "button.save", sections: ContactForm.sections(b))
        return try await req.page("form-page", titleKey: "contact.title",
                                  ContactBody(form: form, intro: req.t("contact.intro")),
                                  status: problems.isEmpty ? .ok : .unprocessableEntity)
    }
}

/// Dates as people read them, in Toronto time.
enum DateText {
    static func long(_ date: Date, _ language: Language) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: language == .fr ? "fr_CA" : "en_CA")
        f.timeZone = CourtTime.zone
        f.dateStyle = .long
        f.timeStyle = .short
        return f.string(from: date)
    }
}
