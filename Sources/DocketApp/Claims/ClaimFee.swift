import DocketCore
import Fluent
import Vapor

/// The fee step: the fee in force for this filer at this office, or a fee waiver request
/// (O. Reg. 2/05), and the declaration before submitting.
enum ClaimFee {
    struct Body: Encodable {
        let form: FormView
        let intro: String?
        var back: LinkView? = nil
    }

    static func values(of d: ClaimDraft) -> [String: String] {
        guard let w = d.waiverAnswers else { return ["feeChoice": d.feeChoice?.rawValue ?? ""] }
        return ["feeChoice": d.feeChoice?.rawValue ?? "", "householdSize": String(w.householdSize),
                "grossIncome": w.grossAnnualIncome.description, "liquidAssets": w.liquidAssets.description,
                "netWorth": w.netWorth.description, "primaryIncome": w.primaryIncome.rawValue,
                "legalAid": w.legalAidApproved ? "on" : ""]
    }

    /// The fee page with each blocking finding in the error summary, linked to its field.
    static func refused(_ req: Request, _ claim: ClaimRecord, _ report: EligibilityReport, values: [String: String]) async throws -> Response {
        let blocking = report.findings.filter { $0.severity == .blocking }
        req.logger.info("claim submission refused by the rules", metadata: ["claim": "\(claim.id!)", "findings": "\(blocking.map(\.code))"])
        return try await page(req, claim, values: values, problems: [], refusals: blocking.map {
            ErrorItem(id: $0.field, message: req.finding($0, report), href: ClaimAccess.path(claim, $0.section.rawValue) + "#" + $0.field)
        })
    }

    static func page(_ req: Request, _ claim: ClaimRecord, values: [String: String], problems: [FieldProblem],
                     refusals: [ErrorItem] = []) async throws -> Response {
        let draft = claim.draft
        guard draft.missing.isEmpty, draft.answersChecked else { return req.redirect(to: ClaimAccess.path(claim, "check")) }
        let filingDay = req.docket.rules.periods.issueDate(submitted: req.now)
        let prior = try await ClaimFiling.priorClaims(of: claim.accountID, office: draft.officeCode ?? "", year: filingDay.year, on: req.db)
        let intro: String
        if let quote = req.docket.rules.fee(.claim, priorClaims: prior, on: filingDay) {
            intro = req.docket.catalogue.text(quote.frequent ? "fee.quote.frequent" : "fee.quote.infrequent", req.language,
                                              count: prior, [req.money(quote.amount), String(prior), String(filingDay.year)])
                + " " + req.t("fee.gateway")
        } else {
            intro = req.t("fee.unknown")
        }
        let b = FormBuilder(req, values: values, problems: problems, elsewhere: refusals)
        let incomes = IncomeSource.allCases.map { ($0.rawValue, req.t("income.\($0.rawValue)")) }
        let form = b.form(action: ClaimAccess.path(claim, "fee"), submitKey: "button.submitClaim", sections: [
            b.section(nil, [DraftForms.radio(b, "feeChoice", FeeChoice.allCases.map(\.rawValue), prefix: "feeChoice")]),
            b.section("waiver.section", [b.field("primaryIncome", "select", required: false, options: [("", req.t("income.choose"))] + incomes),
                                         b.field("legalAid", "checkbox", required: false),
                                         b.field("householdSize", "number", required: false, width: "short"),
                                         b.field("grossIncome", required: false, width: "medium"),
                                         b.field("liquidAssets", required: false, width: "medium"),
                                         b.field("netWorth", required: false, width: "medium")]),
            b.section("declaration.section", [b.field("declaration", "checkbox")]),
        ])
        return try await req.page("form-page", titleKey: "claim.section.fee",
                                  Body(form: form, intro: intro, back: LinkView(href: ClaimAccess.path(claim, "check"), label: req.t("claim.back.check"))),
                                  status: problems.isEmpty && refusals.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Reads the choice into the draft; a waiver is checked against the rules now, so a person who
    /// does not qualify is told before anything is submitted.
    static func apply(_ v: [String: String], to d: inout ClaimDraft, rules: RuleSet, on date: CivilDate) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if v["declaration"] != "on" { problems.append(FieldProblem("declaration", "error.declaration.missing")) }
        switch FeeChoice(rawValue: v["feeChoice"] ?? "") {
        case nil: problems.append(FieldProblem("feeChoice", "error.feeChoice.missing"))
        case .pay?: if problems.isEmpty { d.feeChoice = .pay; d.waiverAnswers = nil }
        case .waiver?:
            let size = Int(v["householdSize"] ?? "").flatMap { (1...30).contains($0) ? $0 : nil }
            let income = IncomeSource(rawValue: v["primaryIncome"] ?? "")
            let money = ["grossIncome", "liquidAssets", "netWorth"].map { (name: $0, value: Money.parse(v[$0] ?? "")) }
            if income == nil { problems.append(FieldProblem("primaryIncome", "error.primaryIncome.missing")) }
            if size == nil { problems.append(FieldProblem("householdSize", "error.householdSize.invalid")) }
            for m in money where m.value == nil || m.value! < .zero { problems.append(FieldProblem(m.name, "error.amount.invalidOrZero")) }
            guard problems.isEmpty, let size, let income else { return problems }
            let business = d.plaintiffs.contains { $0.kind == .business }
            let answers = FeeWaiverFacts(householdSize: size, grossAnnualIncome: money[0].value!, liquidAssets: money[1].value!,
                                         netWorth: money[2].value!, primaryIncome: income, legalAidApproved: v["legalAid"] == "on",
                                         actingForBusiness: business)
            guard case .eligible = rules.feeWaiver(answers, on: date) else {
                return [FieldProblem("feeChoice", business ? "error.waiver.business" : "error.waiver.notGranted")]
            }
            d.feeChoice = .waiver; d.waiverAnswers = answers
        }
        return problems
    }
}
