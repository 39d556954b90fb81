import DocketCore
import DocketDocuments
import Fluent
import SQLKit
import Vapor

/// An ODR case once submitted: the page both sides share, the message thread, evidence,
/// withdrawing, and going to court when an agreement is in default.
struct OdrCaseController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let odr = routes.grouped(RequireAccountMiddleware(), RequireFilerMiddleware()).grouped("odr", ":caseID")
        odr.get(use: show)
        odr.post("messages", use: message)
        odr.upload("evidence", use: evidence)
        odr.get("evidence", ":index", use: evidenceFile)
        odr.get("withdraw", use: confirmWithdraw)
        odr.post("withdraw", use: withdraw)
        odr.post("representatives", use: addRepresentative)
        odr.post("court-claim", use: courtClaim)
    }

    func show(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        if viewer.record.isDraft { return try await OdrPages.draft(req, viewer.record, values: [:], problems: []) }
        return try await OdrPages.case(req, viewer, values: [:], problems: [])
    }

    static let maxMessage = 5_000

    func message(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let text = (req.formValues()["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if text.isEmpty { problems.append(FieldProblem("message", "error.message.missing")) }
        else if text.count > Self.maxMessage { problems.append(FieldProblem("message", "error.message.tooLong")) }
        if !problems.isEmpty { return try await OdrPages.case(req, viewer, values: ["message": text], problems: problems) }
        try await OdrCases.act(req, viewer, .message(text))
        try await notifyOthers(req, viewer)
        return req.redirect(to: OdrAccess.path(viewer.record) + "#thread")
    }

    func evidence(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let form = req.submittedForm
        let title = (form.fields["documentTitle"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if title.isEmpty || title.count > 200 { problems.append(FieldProblem("documentTitle", "error.documentTitle.missing")) }
        if form.files["file"]?.isEmpty ?? true { problems.append(FieldProblem("file", "error.file.missing")) }
        var stored: ClaimDocument? = nil
        if problems.isEmpty, OdrCases.fold(try await OdrCases.entries(viewer.record.id!, on: req.db), viewer.record, req.application)
            .can(viewer.side, viewer.party, .evidence) {
            switch Uploads.store(form.files["file"], req: req) {
            case .failure(let problem): problems.append(problem)
            case .success(let doc): stored = doc
            }
        }
        if !problems.isEmpty { return try await OdrPages.case(req, viewer, values: ["documentTitle": title], problems: problems) }
        guard let doc = stored, let sha = doc.sha256, let reference = doc.reference else { throw Refusal(.caseMovedOn) }
        try await OdrCases.act(req, viewer, .evidence(title: title, fileName: doc.fileName ?? "", sha256: sha, reference: reference,
                                                      contentType: doc.contentType ?? ""))
        try await notifyOthers(req, viewer)
        return req.redirect(to: OdrAccess.path(viewer.record) + "#thread")
    }

    func evidenceFile(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let n = try req.listIndex()
        let shared = try await OdrCases.entries(viewer.record.id!, on: req.db).compactMap { entry -> (String, String)? in
            if case let .evidence(_, _, _, reference, type) = entry.event { return (reference, type) }
            return nil
        }
        guard n < shared.count, let data = req.docket.files.get(shared[n].0) else { throw Abort(.notFound) }
        return .download(data, type: shared[n].1, filename: "evidence-\(n + 1).\(shared[n].0.split(separator: ".").last ?? "bin")")
    }

    /// Tells the other side about new messages and evidence, at most once an hour for a case.
    static let activityNotices = RateLimiter.Rule(name: "odr-activity", limit: 1, window: 3600)

    private func notifyOthers(_ req: Request, _ viewer: OdrViewer) async throws {
        let now = req.now, app = req.application
        let (id, party) = (viewer.record.id!, viewer.party)
        try await req.write { db in
            guard let record = try await OdrCaseRecord.find(id, on: db) else { return }
            let summary = OdrCases.fold(try await OdrCases.entries(id, on: db), record, app)
            // At most one notice an hour to each person: one side's activity never uses up the other's.
            var due: [String] = []
            for other in summary.signatories where other != party {
                guard let email = summary.email(of: other) else { continue }
                if try await RateLimiter.take(Self.activityNotices, key: "\(id):\(other)", now: now, on: db) { due.append(email) }
            }
            if !due.isEmpty { try await OdrMail.activity(record, to: due, app: app, at: now, on: db) }
        }
    }

    /// A party adds their lawyer or paralegal (an account registered as one) to their side.
    func addRepresentative(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        guard !viewer.representative else { throw Abort(.forbidden) }
        let email = EmailAddress.normalised(req.formValues()["representativeEmail"] ?? "")
        var lawyer: AccountRecord? = nil
        if let email { lawyer = try await AccountRecord.query(on: req.db).filter(\.$email == email).first() }
        guard let lawyer, lawyer.kind == AccountKind.representative.rawValue, lawyer.id != req.account?.id else {
            return try await OdrPages.case(req, viewer, values: ["representativeEmail": req.formValues()["representativeEmail"] ?? ""],
                                           problems: [FieldProblem("representativeEmail", "error.representativeEmail.unknown")])
        }
        let exists = try await OdrRepresentativeRecord.query(on: req.db).filter(\.$caseID == viewer.record.id!)
            .filter(\.$accountID == lawyer.id!).count() > 0
        if !exists {
            let rep = OdrRepresentativeRecord()
            rep.caseID = viewer.record.id!
            rep.party = viewer.party
            rep.accountID = lawyer.id!
            rep.addedAt = req.now
            let app = req.application
            try await OdrCases.locked(viewer.record.id!, app: app) { db, record, _ in
                try await rep.create(on: db)
                try await OdrCases.project(record, app: app, on: db)   // the lawyer is now a participant
            }
            req.logger.info("representative added to an ODR case", metadata: ["case": "\(viewer.record.id!)"])
        }
        return req.redirect(to: OdrAccess.path(viewer.record))
    }

    /// Withdrawing asks for confirmation first: it closes the case for everyone.
    func confirmWithdraw(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let summary = OdrCases.fold(try await OdrCases.entries(viewer.record.id!, on: req.db), viewer.record, req.application)
        guard summary.can(viewer.side, viewer.party, .withdraw) else { throw Refusal(.caseMovedOn) }
        let base = OdrAccess.path(viewer.record)
        return try await req.confirmation(titleKey: "odr.confirmWithdraw.title", Confirmation(
            intro: req.t("odr.confirmWithdraw.intro"), lines: [], action: base + "/withdraw",
            confirm: req.t("button.withdraw"), warning: true, back: base, backLabel: req.t("error.page.back.odr")))
    }

    func withdraw(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let now = req.now, app = req.application, record = viewer.record
        try await OdrCases.act(req, viewer, .withdraw) { before, db in
            try await OdrMail.closed(record, reason: .withdrawn, respondents: (before.accepted + before.unanswered).compactMap(before.email(of:)),
                                     app: app, at: now, on: db)
        }
        return req.redirect(to: OdrAccess.path(record))
    }

    /// A Plaintiff's Claim draft prefilled from the case: for the unpaid balance of an agreement in
    /// default (with the sealed agreement as a document relied on), or for the amount claimed when
    /// the other side declined or did not answer. Each party's name, address and email come from
    /// what the case has: their account's contact details where they have one.
    func courtClaim(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        let record = viewer.record
        let entries = try await OdrCases.entries(record.id!, on: req.db)
        let summary = OdrCases.fold(entries, record, req.application)
        guard viewer.side == .claimant, let account = req.account,
              let basis = OdrDecision.courtClaim(from: summary, disputed: record.draft.amount, incidentOn: record.draft.incidentOn)
        else { throw Refusal(.caseMovedOn) }
        let invitations = try await OdrInvitationRecord.query(on: req.db).filter(\.$caseID == record.id!).all()
        var draft = ClaimDraft()
        draft.plaintiffs = [try await Self.party(name: record.claimantName, email: account.email, account: account.id, on: req.db)]
        let against = basis.againstSignatoriesOnly ? invitations.filter { summary.hasAccepted($0.respondentEmail) } : invitations
        for invitation in against {
            draft.defendants.append(try await Self.party(name: invitation.respondentName, email: invitation.respondentEmail,
                                                         account: invitation.accountID, on: req.db))
        }
        draft.incidentOn = basis.incidentOn
        if basis.relyOnAgreement {
            draft.rows = [ClaimRow(reason: req.t("odr.claim.row"), amount: basis.amount)]
            draft.summary = req.t("odr.claim.summary", [basis.defaultSince.map(req.day) ?? ""]) + "\n\n" + record.draft.description
            // The sealed agreement goes with the claim as a document relied on, stored like an upload.
            let sealed = summary.agreementSHA256
            var agreement = ClaimDocument(title: req.t("odr.agreement.title"), fileName: "settlement-agreement.pdf", sha256: sealed)
            if let sealed, let data = try await SealedDocuments.file(sha256: sealed, app: req.application, on: req.db) {
                agreement.reference = try req.docket.files.put(data, kind: .pdf)
                agreement.contentType = UploadKind.pdf.contentType
            }
            draft.documents = [agreement]
        } else {
            draft.rows = [ClaimRow(reason: record.draft.description.prefix(300).description, amount: basis.amount)]
            draft.summary = record.draft.description
        }
        let claim = ClaimRecord(draft: draft, kind: .online, accountID: account.id!, language: req.language.rawValue, at: req.now)
        try await claim.create(on: req.db)
        return req.redirect(to: ClaimAccess.path(claim))
    }

    /// A party as the case knows them: the name the case gives them, split into first and last
    /// names, their email, and the address and phone of their account when they have one.
    static func party(name: String, email: String, account: UUID?, on db: any Database) async throws -> ClaimParty {
        let (first, last) = ClaimParty.split(fullName: name)
        var party = ClaimParty(kind: .individual, firstName: first, lastName: last, province: "ON", email: email)
        if let account, let record = try await AccountRecord.find(account, on: db), let contact = try await record.currentContact(on: db)?.details {
            party = ClaimParty(contact: contact, email: email)
            party.firstName = first; party.lastName = last
        }
        return party
    }
}
