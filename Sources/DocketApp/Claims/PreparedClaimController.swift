import DocketCore
import DocketDocuments
import Fluent
import Vapor

/// Filing a form prepared elsewhere (seed 002): a lawyer uploads a completed claim as a PDF. It
/// then goes through check your answers, the fee and submission like any claim, and is issued with
/// a sealed cover page that names the uploaded file's SHA-256.
struct PreparedClaimController: RouteCollection {
    static let kinds = ["plaintiffs-claim", "statement-of-claim", "notice-of-action"]

    func boot(routes: any RoutesBuilder) throws {
        let prepared = routes.grouped(RequireAccountMiddleware(), RequireFilerMiddleware()).grouped("claims", "prepared")
        prepared.get(use: show)
        prepared.upload(use: create)
    }

    static let fields = ["officeCode", "venue", "documentKind", "plaintiffName", "defendantNames", "amount", "incidentOn"]

    private func page(_ req: Request, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let offices = try await CourtOffices.open(on: req.db)
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: "/claims/prepared", submitKey: "button.upload", sections: DraftForms.office(b, offices: offices) + [
            b.section(nil, [DraftForms.radio(b, "documentKind", Self.kinds, prefix: "documentKind"),
                            b.field("plaintiffName"), b.field("defendantNames", "textarea"),
                            b.field("amount", width: "medium"), b.field("incidentOn", "date", width: "medium"),
                            b.field("file", "file")]),
        ], multipart: true)
        return try await req.page("form-page", titleKey: "prepared.title", ClaimFee.Body(form: form, intro: req.t("prepared.intro"),
                                                                                          back: LinkView(href: "/account", label: req.t("nav.account"))),
                                  status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    func show(req: Request) async throws -> Response {
        try await page(req, values: [:], problems: [])
    }

    func create(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let form = req.submittedForm
        let values = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, form.fields[$0] ?? "") })
        let offices = try await CourtOffices.open(on: req.db)
        var draft = ClaimDraft()
        var problems = DraftForms.office(values, offices: offices, into: &draft)
        let kind = values["documentKind"] ?? ""
        if !Self.kinds.contains(kind) { problems.append(FieldProblem("documentKind", "error.documentKind.missing")) }
        let plaintiff = values["plaintiffName"]!.trimmed
        if let problem = TextField.problem(plaintiff, "plaintiffName", max: 200, missingKey: "error.party.name.missing") { problems.append(problem) }
        let defendants = values["defendantNames"]!.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
        if defendants.isEmpty || defendants.count > 25 { problems.append(FieldProblem("defendantNames", "error.party.name.missing")) }
        else if let problem = defendants.lazy.compactMap({ TextField.problem($0, "defendantNames", max: 200, missingKey: "error.party.name.missing") }).first {
            problems.append(problem)
        }
        let amount = Money.parse(values["amount"]!)
        if amount == nil || amount! <= .zero { problems.append(FieldProblem("amount", "error.amount.invalid")) }
        let incident = DraftForms.date(values["incidentOn"])
        if incident == nil || incident! > CivilDate.of(req.now) { problems.append(FieldProblem("incidentOn", "error.incidentOn.missing")) }
        var document: ClaimDocument? = nil
        if problems.isEmpty {
            guard let file = form.files["file"], !file.isEmpty else { return try await page(req, values: values, problems: [FieldProblem("file", "error.file.missing")]) }
            switch Uploads.store(file, req: req) {
            case .failure(let problem): problems.append(problem)
            case .success(let doc): document = doc
            }
        }
        guard problems.isEmpty, var document else {
            req.logger.info("prepared claim refused", metadata: ["problems": "\(problems)"])
            return try await page(req, values: values, problems: problems)
        }
        document.title = req.t("documentKind.\(kind)")
        draft.plaintiffs = [ClaimParty(kind: .individual, firstName: plaintiff, province: "")]
        draft.defendants = defendants.map { ClaimParty(kind: .individual, firstName: $0, province: "") }
        draft.rows = [ClaimRow(reason: req.t("prepared.row", [document.title]), amount: amount!)]
        draft.interest = InterestClaim(basis: .none)
        draft.summary = req.t("prepared.summary", [document.title])
        draft.incidentOn = incident
        draft.documents = [document]
        draft.documentsDone = true
        draft.filingForClient = account.kind == AccountKind.representative.rawValue
        if account.kind == AccountKind.representative.rawValue {
            let contact = try await account.currentContact(on: req.db)?.details
            let v = DraftForms.values(of: draft, account: account, contact: contact)
            draft.representative = Representative(name: v["repName"] ?? "", lawSocietyNumber: v["lawSocietyNumber"] ?? "",
                                                  firm: v["firm"] ?? "", address: v["repAddress"] ?? "", phone: v["repPhone"] ?? "",
                                                  email: v["repEmail"] ?? "")
        }
        let claim = ClaimRecord(draft: draft, kind: .prepared, accountID: account.id!, language: req.language.rawValue, at: req.now)
        try await claim.create(on: req.db)
        req.logger.info("prepared claim uploaded", metadata: ["claim": "\(claim.id!)", "sha256": "\(document.sha256 ?? "")"])
        return req.redirect(to: ClaimAccess.path(claim, "check"))
    }
}
