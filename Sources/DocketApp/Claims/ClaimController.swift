import DocketCore
import DocketDocuments
import Fluent
import Vapor

/// A Plaintiff's Claim from draft to issue: create, the task list, check your answers, fee and
/// submit, the submitted claim, its sealed PDF, and deleting a draft.
struct ClaimController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let claims = routes.grouped(RequireAccountMiddleware(), RequireFilerMiddleware()).grouped("claims")
        claims.post(use: create)
        claims.get(":claimID", use: show)
        claims.post(":claimID", "delete", use: delete)
        claims.get(":claimID", "check", use: check)
        claims.post(":claimID", "check", use: confirm)
        claims.get(":claimID", "fee", use: fee)
        claims.post(":claimID", "fee", use: submit)
        claims.get(":claimID", "claim.pdf", use: download)
    }

    func create(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let claim = ClaimRecord(draft: ClaimDraft(), kind: .online, accountID: account.id!, language: req.language.rawValue, at: req.now)
        try await req.autocommit { db in try await claim.create(on: db) }
        req.logger.info("claim draft started", metadata: ["claim": "\(claim.id!)"])
        return req.redirect(to: ClaimAccess.path(claim))
    }

    func show(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.claim(req)
        if !claim.isDraft { return try await submitted(req, claim) }
        let draft = claim.draft
        let today = CivilDate.of(req.now)
        let tasks = ClaimSection.tasks.map { section in
            let status = draft.status(of: section)
            return TaskView(name: req.t("claim.section.\(section.rawValue)"), href: ClaimAccess.path(claim, section.rawValue),
                            status: status.rawValue, statusLabel: req.t("task.\(status.rawValue)"))
        }
        let findings = req.findings(req.docket.rules.eligibility(of: draft.facts, filing: today), claim)
        let body = TaskListBody(
            complete: draft.missing.isEmpty, hasMissing: !draft.missing.isEmpty, hasFindings: !findings.isEmpty,
            tasks: tasks, missing: missingLinks(req, claim, draft), findings: findings,
            deleteAction: ClaimAccess.path(claim, "delete"), created: DateText.long(claim.createdAt, req.language))
        return try await req.page("claim/tasks", titleKey: "claim.tasks.title", body)
    }

    func delete(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        let id = claim.id!
        try await req.autocommit { db in
            try await ClaimRecord.query(on: db).filter(\.$id == id).filter(\.$status == ClaimRecord.Status.draft.rawValue).delete()
        }
        req.logger.info("claim draft deleted", metadata: ["claim": "\(claim.id!)"])
        return req.redirect(to: "/account?deleted=1")
    }

    func check(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        let draft = claim.draft
        let office = try await officeName(draft.officeCode, req)
        let report = req.docket.rules.eligibility(of: draft.facts, filing: CivilDate.of(req.now))
        let findings = req.findings(report, claim)
        let body = CheckBody(hasMissing: !draft.missing.isEmpty, hasFindings: !findings.isEmpty,
                             groups: ClaimAnswers.groups(req, claim, draft, office: office), findings: findings,
                             missing: missingLinks(req, claim, draft), canConfirm: draft.missing.isEmpty && report.canFile,
                             action: ClaimAccess.path(claim, "check"), back: ClaimAccess.path(claim))
        return try await req.page("claim/check", titleKey: "claim.section.check", body)
    }

    func confirm(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        var draft = claim.draft
        guard draft.missing.isEmpty, req.docket.rules.eligibility(of: draft.facts, filing: CivilDate.of(req.now)).canFile else {
            return req.redirect(to: ClaimAccess.path(claim, "check"))
        }
        draft.answersChecked = true
        try await ClaimAccess.save(draft, to: claim, req)
        return req.redirect(to: ClaimAccess.path(claim, "fee"))
    }

    func fee(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        return try await ClaimFee.page(req, claim, values: ClaimFee.values(of: claim.draft), problems: [])
    }

    func submit(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let claim = try await ClaimAccess.draft(req)
        let values = req.formValues()
        var draft = claim.draft
        // What the rules refuse is said first, naming the field to change, and nothing is saved,
        // so the task list never shows the fee as done for a claim that cannot be filed.
        let report = req.docket.rules.eligibility(of: draft.facts, filing: req.docket.rules.periods.issueDate(submitted: req.now))
        if !report.canFile { return try await ClaimFee.refused(req, claim, report, values: values) }
        let problems = ClaimFee.apply(values, to: &draft, rules: req.docket.rules, on: CivilDate.of(req.now))
        if !problems.isEmpty { return try await ClaimFee.page(req, claim, values: values, problems: problems) }
        claim.draft = draft
        do {
            _ = try await ClaimFiling.submit(claim, account: account, app: req.application, logger: req.logger)
            return req.redirect(to: ClaimAccess.path(claim) + "?submitted=1")
        } catch let refusal as Refusal {
            switch refusal.reason {
            case .incomplete: return req.redirect(to: ClaimAccess.path(claim))
            case .waiverNotGranted:
                return try await ClaimFee.page(req, claim, values: values, problems: [FieldProblem("feeChoice", "error.waiver.notGranted")])
            case .ineligible:
                let filingDay = req.docket.rules.periods.issueDate(submitted: req.now)
                return try await ClaimFee.refused(req, claim, req.docket.rules.eligibility(of: draft.facts, filing: filingDay), values: values)
            case .feeUnknown:
                return try await ClaimFee.page(req, claim, values: values, problems: [FieldProblem("feeChoice", "fee.unknown")])
            case .feeChanged:
                return try await ClaimFee.page(req, claim, values: values, problems: [FieldProblem("feeChoice", refusal.key)])
            case .notPermitted, .alreadyDone, .reasonsMissing, .caseMovedOn:
                throw refusal
            }
        }
    }

    func download(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.claim(req)
        let state = try await CourtActs.state(of: claim.id!, app: req.application, on: req.db)
        guard let sha = state.sealedSHA256, let data = try await SealedDocuments.file(sha256: sha, app: req.application, on: req.db)
        else { throw Abort(.notFound) }
        return .download(data, type: UploadKind.pdf.contentType, filename: "\(state.fileNumber ?? "claim").pdf")
    }

    /// A submitted claim as its docket makes it.
    private func submitted(_ req: Request, _ claim: ClaimRecord) async throws -> Response {
        let draft = claim.draft
        let entries = try await CaseDocket.entries(of: claim.id!, on: req.db)
        let state = CaseFold.fold(entries, rules: req.docket.rules, now: req.now)
        // The office on the docket; claims filed before it was recorded there were filed at the draft's.
        let office = state.filed?.office ?? draft.officeCode
        let body = ClaimShowBody(
            status: state.filingStatus, statusLabel: req.t("claim.status.\(state.filingStatus)"), fileNumber: state.fileNumber,
            issuedOn: state.issuedOn.map(req.day),
            office: try await officeName(office, req),
            plaintiffs: draft.plaintiffs.map(\.fullDescription).joined(separator: "; "),
            defendants: draft.defendants.map(\.fullDescription).joined(separator: "; "),
            amount: req.money(draft.total), fee: state.fee.map(req.money),
            paymentReference: state.paymentReference,
            documentURL: state.sealedSHA256 == nil ? nil : ClaimAccess.path(claim, "claim.pdf"),
            documents: draft.documents.map(\.title), hasDocuments: !draft.documents.isEmpty,
            entries: entries.map { EntryView(when: DateText.long($0.recordedAt, req.language), what: ClaimAnswers.describe(req, $0.event, in: state)) },
            kind: claim.kind)
        return try await req.page("claim/show", titleKey: "claim.show.title", body,
                                  notice: (try? req.query.get(String.self, at: "submitted")) == "1" ? req.t("claim.submitted.notice") : nil)
    }

    private func missingLinks(_ req: Request, _ claim: ClaimRecord, _ draft: ClaimDraft) -> [LinkView] {
        draft.missing.map { LinkView(href: ClaimAccess.path(claim, $0.section.rawValue), label: req.t($0.messageKey)) }
    }

    private func officeName(_ code: String?, _ req: Request) async throws -> String {
        guard let code else { return "" }
        return try await CourtOffices.find(code, on: req.db)?.name(req.language) ?? code
    }
}

