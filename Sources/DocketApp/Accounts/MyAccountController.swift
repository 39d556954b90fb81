import DocketCore
import Fluent
import SQLKit
import Vapor

/// "My account" (seed 002): services, drafts, transactions, contact information, terms of use.
struct MyAccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped(RequireAccountMiddleware()).grouped("account")
        account.get(use: home)
        account.get("transactions", use: transactions)
        account.get("contact", use: contactShow)
        account.post("contact", use: contactSave)
    }

    struct HomeBody: Encodable {
        let welcome: Bool
        let saved: Bool
        let declined: Bool
        let name: String
        let kind: String
        let lawSocietyNumber: String?
        let deleted: Bool
        let drafts: [DraftItem]
        let hasDrafts: Bool
        let disputes: [DisputeItem]
        let hasDisputes: Bool
        let pager: Pager
        let filter: ListFilter
        let transactionCount: Int
        let termsVersion: String
        let termsAcceptedAt: String?
    }

    func home(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        if account.isStaff { return req.redirect(to: "/staff") }
        let contact = try await account.currentContact(on: req.db)
        let drafts = try await drafts(req, account)
        let show = CaseListing.Show(req)
        let page = Pager.requested(req)
        let (disputes, total) = try await OdrDashboard.items(req, account, show: show, page: page)
        let body = HomeBody(
            welcome: (try? req.query.get(String.self, at: "welcome")) == "1",
            saved: (try? req.query.get(String.self, at: "saved")) == "1",
            declined: (try? req.query.get(String.self, at: "declined")) == "1",
            name: contact.map { "\($0.firstName) \($0.lastName)" } ?? account.signInID,
            kind: req.t("kind.\(account.kind)"), lawSocietyNumber: account.lawSocietyNumber,
            deleted: (try? req.query.get(String.self, at: "deleted")) == "1",
            drafts: drafts, hasDrafts: !drafts.isEmpty, disputes: disputes, hasDisputes: !disputes.isEmpty,
            pager: Pager(req, page: page, total: total, path: "/account", keep: ["show": show == .all ? "" : show.rawValue]),
            filter: ListFilter(req, action: "/account", show: show), transactionCount: try await filingCount(req, account),
            termsVersion: account.termsVersion,
            termsAcceptedAt: account.termsAcceptedAt.map { DateText.long($0, req.language) })
        return try await req.page("account", titleKey: "account.title", body)
    }

    struct DraftItem: Encodable {
        let href: String
        let title: String
        let updated: String
        let missing: Int
    }

    struct TransactionItem: Encodable {
        let href: String
        let title: String
        let status: String
        let statusLabel: String
        let fileNumber: String?
        let issuedOn: String?
        let submitted: String
        let documents: [LinkView]
    }

    struct TransactionsBody: Encodable {
        let items: [TransactionItem]
        let hasItems: Bool
        let pager: Pager
    }

    private func drafts(_ req: Request, _ account: AccountRecord) async throws -> [DraftItem] {
        try await PlainRows.all(ClaimRecord.self, where: """
            account_id = \(bind: account.id!) AND status = \(bind: ClaimRecord.Status.draft.rawValue) ORDER BY updated_at DESC
            """, on: req.db).map { c in
                let d = c.draft
                let title = d.defendants.isEmpty ? req.t("claim.untitled") : req.t("claim.against", [d.defendants.map(\.name).joined(separator: ", ")])
                return DraftItem(href: ClaimAccess.path(c), title: title, updated: DateText.long(c.updatedAt, req.language), missing: d.missing.count)
            }
    }

    /// The account's filed claims, from the cases' projection.
    private func filingsQuery(_ req: Request, _ account: AccountRecord) -> QueryBuilder<CaseProjectionRecord> {
        CaseProjectionRecord.query(on: req.db).filter(\.$kind == CaseKind.court.rawValue).filter(\.$filerAccountID == account.id!)
    }

    /// How many claims the account filed, counted on the filer's index.
    private func filingCount(_ req: Request, _ account: AccountRecord) async throws -> Int {
        try await PlainRows.count("""
            FROM case_projections WHERE filer_account_id = \(bind: account.id!) AND kind = \(bind: CaseKind.court.rawValue)
            """, on: req.db)
    }

    /// Each filing with its status, court file number, issue date and documents (seed 002 "Transactions").
    func transactions(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let page = Pager.requested(req)
        let total = try await filingCount(req, account)
        let offset = Pager.offset(page: page, total: total)
        let filed = try await filingsQuery(req, account).sort(\.$submittedAt, .descending).sort(\.$id)
            .range(offset..<(offset + Pager.size)).all()
        let ids = filed.compactMap(\.id)
        let claims = ids.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await PlainRows.all(
            ClaimRecord.self, where: "id IN (\(binds: ids))", on: req.db).map { ($0.id!, $0) })
        let items = filed.compactMap { row -> TransactionItem? in
            guard let c = claims[row.id!] else { return nil }
            let d = c.draft
            var documents = d.documents.enumerated().compactMap { n, doc in
                doc.reference == nil ? nil : LinkView(href: ClaimAccess.path(c, "documents/\(n)"), label: doc.title)
            }
            if row.documentSHA256 != nil {
                documents.insert(LinkView(href: ClaimAccess.path(c, "claim.pdf"), label: req.t("transactions.issuedClaim")), at: 0)
            }
            let status = row.filingStatus
            return TransactionItem(href: ClaimAccess.path(c), title: req.t("claim.against", [d.defendants.map(\.name).joined(separator: ", ")]),
                                   status: status, statusLabel: req.t("claim.status.\(status)"), fileNumber: row.fileNumber,
                                   issuedOn: row.issuedOn.flatMap(CivilDate.init).map(req.day),
                                   submitted: row.submittedAt.map { DateText.long($0, req.language) } ?? "", documents: documents)
        }
        return try await req.page("transactions", titleKey: "transactions.title", TransactionsBody(items: items, hasItems: !items.isEmpty,
                                                                                                 pager: Pager(req, page: page, total: total, path: "/account/transactions")))
    }

    struct ContactBody: Encodable {
        let form: FormView
        let intro: String?
    }

    func contactShow(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let current = try await account.currentContact(on: req.db)?.details ?? ContactDetails()
        return try await contactForm(req, values: ContactForm.values(of: current), problems: [])
    }

    func contactSave(req: Request) async throws -> Response {
        guard let account = req.account, let accountID = account.id else { throw Abort(.unauthorized) }
        let values = req.formValues()
        let (details, problems) = ContactForm.details(from: values).validated()
        if !problems.isEmpty { return try await contactForm(req, values: values, problems: problems) }
        let now = req.now
        try await req.write { db in
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
