import DocketCore
import DocketDocuments
import Fluent
import Vapor

/// Offers and counter-offers, the settlement agreement and its typed signatures, and payments
/// under it.
struct OdrSettlementController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let odr = routes.grouped(RequireAccountMiddleware(), RequireFilerMiddleware()).grouped("odr", ":caseID")
        odr.get("offer", use: offerShow)
        odr.post("offer", use: offerSave)
        odr.get("offers", ":index", "accept", use: confirmAccept)
        odr.post("offers", ":index", ":answer", use: answer)
        odr.get("agreement", use: agreement)
        odr.post("agreement", use: sign)
        odr.get("agreement.pdf", use: agreementPDF)
        odr.post("payments", use: recordPayment)
        odr.post("payments", ":index", "confirm", use: confirmPayment)
    }

    // MARK: Offers

    static func offerSections(_ b: FormBuilder) -> [FormSection] {
        [b.section(nil, [b.field("offerAmount", width: "medium"),
                         DraftForms.radio(b, "plan", ["lump-sum", "instalments"], prefix: "plan"),
                         DraftForms.radio(b, "paymentMethod", PaymentMethod.allCases.map(\.rawValue), prefix: "methodChoice")]),
         b.section("plan.lump-sum", [b.field("payBy", "date", required: false, width: "medium")]),
         b.section("plan.instalments", [b.field("instalment", required: false, width: "medium"),
                                        b.field("frequency", "select", required: false,
                                                options: PaymentFrequency.allCases.map { ($0.rawValue, b.request.t("frequency.\($0.rawValue)")) }),
                                        b.field("firstPayment", "date", required: false, width: "medium")]),
         b.section("offer.default", [b.field("balanceDueOnDefault", "checkbox", required: false),
                                     b.field("claimOnDefault", "checkbox", required: false),
                                     b.field("defaultInterest", required: false, width: "short")]),
         b.section(nil, [b.field("admitsLiability", "checkbox", required: false)])]
    }

    static func terms(_ v: [String: String], today: CivilDate) -> (SettlementTerms?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let amount = Money.parse(v["offerAmount"] ?? "")
        if amount == nil { problems.append(FieldProblem("offerAmount", "error.amount.invalid")) }
        var plan: PaymentPlan? = nil
        switch v["plan"] {
        case "lump-sum":
            if let by = DraftForms.date(v["payBy"]) { plan = .lumpSum(by: by) }
            else { problems.append(FieldProblem("payBy", "error.date.invalid")) }
        case "instalments":
            let each = Money.parse(v["instalment"] ?? "")
            let every = PaymentFrequency(rawValue: v["frequency"] ?? "")
            let first = DraftForms.date(v["firstPayment"])
            if each == nil { problems.append(FieldProblem("instalment", "error.instalment.invalid")) }
            if first == nil { problems.append(FieldProblem("firstPayment", "error.date.invalid")) }
            if let each, let every, let first { plan = .instalments(amount: each, every: every, first: first) }
        default: problems.append(FieldProblem("plan", "error.plan.missing"))
        }
        let method = PaymentMethod(rawValue: v["paymentMethod"] ?? "")
        if method == nil { problems.append(FieldProblem("paymentMethod", "error.paymentMethod.missing")) }
        var rate: Int? = nil
        let rawRate = (v["defaultInterest"] ?? "").trimmingCharacters(in: .whitespaces)
        if !rawRate.isEmpty {
            rate = DraftForms.percentBasisPoints(rawRate)
            if rate == nil { problems.append(FieldProblem("defaultInterest", "error.interestRate.invalid")) }
        }
        guard problems.isEmpty, let amount, let plan else { return (nil, problems) }
        let terms = SettlementTerms(amount: amount, plan: plan, balanceDueOnDefault: v["balanceDueOnDefault"] == "on",
                                    claimOnDefault: v["claimOnDefault"] == "on", defaultInterestBasisPoints: rate,
                                    method: method, admitsLiability: v["admitsLiability"] == "on")
        let more = terms.problems(today: today)
        return (more.isEmpty ? terms : nil, more)
    }

    private func offerPage(_ req: Request, _ viewer: OdrViewer, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: OdrAccess.path(viewer.record, "offer"), submitKey: "button.sendOffer", sections: Self.offerSections(b))
        let body = StepBody(form: form, intro: req.t("odr.offer.intro"),
                                                   back: LinkView(href: OdrAccess.path(viewer.record), label: req.t("odr.back")))
        return try await req.page("claim/step", titleKey: "odr.offer.title", body, status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    func offerShow(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let summary = OdrCases.fold(try await OdrCases.entries(viewer.record.id!, on: req.db), viewer.record, req.application)
        guard summary.can(viewer.side, viewer.party, .offer) else { throw Refusal(.caseMovedOn) }
        return try await offerPage(req, viewer, values: ["offerAmount": viewer.record.draft.amount?.description ?? "", "plan": "lump-sum",
                                                         "balanceDueOnDefault": "on", "claimOnDefault": "on"], problems: [])
    }

    func offerSave(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let values = req.formValues()
        let (terms, problems) = Self.terms(values, today: CivilDate.of(req.now))
        guard let terms else { return try await offerPage(req, viewer, values: values, problems: problems) }
        try await OdrCases.act(req, viewer, .offer(terms))
        return req.redirect(to: OdrAccess.path(viewer.record) + "#offers")
    }

    /// Accepting an offer asks for confirmation on a page that repeats every term.
    func confirmAccept(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let n = try req.listIndex()
        let summary = OdrCases.fold(try await OdrCases.entries(viewer.record.id!, on: req.db), viewer.record, req.application)
        guard let offer = summary.openOffer, offer.number == n, summary.can(viewer.side, viewer.party, .acceptOffer) else {
            throw Refusal(.caseMovedOn)
        }
        let base = OdrAccess.path(viewer.record)
        return try await req.confirmation(titleKey: "odr.confirmAccept.title", Confirmation(
            intro: req.t("odr.confirmAccept.intro"), lines: OdrPages.termsLines(req, offer.terms),
            action: base + "/offers/\(n)/accept", confirm: req.t("odr.confirmAccept.button"), warning: false,
            back: base + "#offers", backLabel: req.t("error.page.back.odr")))
    }

    func answer(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let n = try req.listIndex()
        let accept: Bool
        switch req.parameters.get("answer") {
        case "accept": accept = true
        case "reject": accept = false
        default: throw Abort(.notFound)
        }
        try await OdrCases.act(req, viewer, .answerOffer(number: n, accept: accept))
        return req.redirect(to: OdrAccess.path(viewer.record, accept ? "agreement" : "") + (accept ? "" : "#offers"))
    }

    // MARK: The agreement

    struct AgreementBody: Encodable {
        let claimant: String
        let respondents: [String]
        let dispute: String
        let amount: String
        let schedule: [String]
        let consequences: [String]
        let signatures: [String]
        let canSign: Bool
        let sealed: Bool
        let pdf: String
        let form: FormView
        let back: LinkView
    }

    private func agreementPage(_ req: Request, _ viewer: OdrViewer, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let record = viewer.record
        let entries = try await OdrCases.entries(record.id!, on: req.db)
        let summary = OdrCases.fold(entries, record, req.application)
        guard let terms = summary.agreed else { throw Abort(.notFound) }
        let names = try await partyNames(record, summary, on: req.db)
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: OdrAccess.path(record, "agreement"), submitKey: "button.sign",
                          sections: [b.section(nil, [b.field("signatureName", autocomplete: "name"), b.field("signatureConfirm", "checkbox")])])
        var consequences: [String] = []
        if terms.balanceDueOnDefault { consequences.append(req.t("pdf.agreement.balanceDue")) }
        if terms.claimOnDefault { consequences.append(req.t("pdf.agreement.mayClaim")) }
        if let rate = terms.defaultInterestBasisPoints { consequences.append(req.t("pdf.agreement.interest") + " " + ClaimForms.percent(rate)) }
        let body = AgreementBody(
            claimant: record.claimantName, respondents: summary.accepted.map { names[$0] ?? $0 }, dispute: record.draft.description,
            amount: req.money(terms.amount),
            schedule: summary.schedule.map { req.day($0.due) + " — " + req.money($0.amount) + ($0.payBy == $0.due ? "" : " (" + req.t("pdf.agreement.payBy") + " " + req.day($0.payBy) + ")") },
            consequences: consequences,
            signatures: OdrAgreementSeal.signatures(entries, language: req.language, app: req.application).map { $0.name + " — " + $0.at },
            canSign: summary.can(viewer.side, viewer.party, .sign), sealed: summary.sealed,
            pdf: OdrAccess.path(record, "agreement.pdf"), form: form, back: LinkView(href: OdrAccess.path(record), label: req.t("odr.back")))
        return try await req.page("odr/agreement", titleKey: "odr.agreement.title", body, status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    private func partyNames(_ record: OdrCaseRecord, _ summary: OdrSummary, on db: any Database) async throws -> [String: String] {
        OdrPages.partyNames(record, summary, try await OdrInvitationRecord.query(on: db).filter(\.$caseID == record.id!).all())
    }

    func agreement(req: Request) async throws -> Response {
        try await agreementPage(req, try await OdrAccess.viewer(req), values: [:], problems: [])
    }

    func sign(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let values = req.formValues()
        let name = (values["signatureName"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if name.count < 2 || name.count > 200 { problems.append(FieldProblem("signatureName", "error.signatureName.missing")) }
        if values["signatureConfirm"] != "on" { problems.append(FieldProblem("signatureConfirm", "error.signatureConfirm.missing")) }
        if !problems.isEmpty { return try await agreementPage(req, viewer, values: values, problems: problems) }
        let address = req.clientAddress
        let summary = try await OdrCases.act(req, viewer, .sign(name: name, address: address))
        if summary.everyoneSigned { try await OdrAgreementSeal.seal(viewer.record, app: req.application) }
        return req.redirect(to: OdrAccess.path(viewer.record, "agreement"))
    }

    func agreementPDF(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let summary = OdrCases.fold(try await OdrCases.entries(viewer.record.id!, on: req.db), viewer.record, req.application)
        guard let sha = summary.agreementSHA256, let data = try await SealedDocuments.file(sha256: sha, app: req.application, on: req.db)
        else { throw Abort(.notFound) }
        return .download(data, type: UploadKind.pdf.contentType, filename: "settlement-agreement.pdf")
    }

    // MARK: Payments

    func recordPayment(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let values = req.formValues()
        var problems: [FieldProblem] = []
        let amount = Money.parse(values["paymentAmount"] ?? "")
        if amount == nil || amount! <= .zero { problems.append(FieldProblem("paymentAmount", "error.amount.invalid")) }
        let on = DraftForms.date(values["paidOn"])
        if on == nil { problems.append(FieldProblem("paidOn", "error.date.invalid")) }
        else if on! > CivilDate.of(req.now) { problems.append(FieldProblem("paidOn", "error.date.future")) }
        if !problems.isEmpty { return try await OdrPages.case(req, viewer, values: values, problems: problems) }
        try await OdrCases.act(req, viewer, .recordPayment(amount!, on: on!))
        return req.redirect(to: OdrAccess.path(viewer.record) + "#payments")
    }

    func confirmPayment(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let n = try req.listIndex()
        try await OdrCases.act(req, viewer, .confirmPayment(number: n))
        return req.redirect(to: OdrAccess.path(viewer.record) + "#payments")
    }
}
