import Crypto
import DocketCore
import Fluent
import Vapor

/// Opening an ODR case: the draft (what it is about, who, how much), submitting it, which invites
/// each respondent, and starting a new case from an old one.
struct OdrDraftController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let odr = routes.grouped(RequireAccountMiddleware(), RequireFilerMiddleware()).grouped("odr")
        odr.post(use: create)
        odr.get(":caseID", "details", use: detailsShow)
        odr.post(":caseID", "details", use: detailsSave)
        odr.post(":caseID", "respondents", use: addRespondent)
        odr.post(":caseID", "respondents", ":index", "remove", use: removeRespondent)
        odr.post(":caseID", "submit", use: submit)
        odr.post(":caseID", "copy", use: copy)
        odr.post(":caseID", "delete", use: delete)
    }

    static func newDraft(_ req: Request, _ draft: OdrDraft) async throws -> OdrCaseRecord {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let contact = try await account.currentContact(on: req.db)
        let record = OdrCaseRecord()
        record.accountID = account.id!
        record.claimantEmail = account.email
        record.claimantName = contact.map { "\($0.firstName) \($0.lastName)" } ?? account.signInID
        record.status = "draft"
        record.draft = draft
        record.language = req.language.rawValue
        record.open = true
        record.createdAt = req.now
        record.updatedAt = req.now
        try await req.autocommit { db in try await record.create(on: db) }
        return record
    }

    func create(req: Request) async throws -> Response {
        let record = try await Self.newDraft(req, OdrDraft())
        return req.redirect(to: OdrAccess.path(record, "details"))
    }

    private func detailsPage(_ req: Request, _ record: OdrCaseRecord, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let categories = DisputeCategory.allCases.map { ($0.rawValue, req.t("category.\($0.rawValue)")) }
        let form = b.form(action: OdrAccess.path(record, "details"), submitKey: "button.saveContinue", sections: [
            b.section(nil, [b.field("category", "select", options: [("", req.t("category.choose"))] + categories),
                            b.field("description", "textarea"), b.field("amount", width: "medium"),
                            b.field("incidentOn", "date", required: false, width: "medium")])])
        let body = StepBody(form: form, intro: req.t("odr.voluntary"),
                                                   back: LinkView(href: OdrAccess.path(record), label: req.t("odr.back")))
        return try await req.page("claim/step", titleKey: "odr.details.title", body, status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    func detailsShow(req: Request) async throws -> Response {
        let record = try await OdrAccess.draft(req)
        let d = record.draft
        return try await detailsPage(req, record, values: ["category": d.category?.rawValue ?? "", "description": d.description,
                                                           "amount": d.amount?.description ?? "", "incidentOn": d.incidentOn?.description ?? ""],
                                     problems: [])
    }

    func detailsSave(req: Request) async throws -> Response {
        let record = try await OdrAccess.draft(req)
        let v = req.formValues()
        let (category, description, amount, incident, problems) = OdrDraft.details(
            category: v["category"] ?? "", description: v["description"] ?? "", amount: v["amount"] ?? "",
            incidentOn: v["incidentOn"] ?? "", today: CivilDate.of(req.now))
        if !problems.isEmpty { return try await detailsPage(req, record, values: v, problems: problems) }
        var d = record.draft
        d.category = category; d.description = description; d.amount = amount; d.incidentOn = incident
        try await save(req, record, d)
        return req.redirect(to: OdrAccess.path(record))
    }

    private func save(_ req: Request, _ record: OdrCaseRecord, _ draft: OdrDraft) async throws {
        record.draft = draft
        let (id, content, now) = (record.id!, record.content, req.now)
        try await req.autocommit { db in
            try await OdrCaseRecord.query(on: db).filter(\.$id == id).filter(\.$status == "draft")
                .set(\.$content, to: content).set(\.$updatedAt, to: now).update()
        }
    }

    func addRespondent(req: Request) async throws -> Response {
        let record = try await OdrAccess.draft(req)
        let v = req.formValues()
        var d = record.draft
        let (respondent, problems) = OdrDraft.respondent(name: v["respondentName"] ?? "", email: v["respondentEmail"] ?? "",
                                                         existing: d.respondents, claimantEmail: record.claimantEmail)
        guard let respondent else { return try await OdrPages.draft(req, record, values: v, problems: problems) }
        d.respondents.append(respondent)
        try await save(req, record, d)
        return req.redirect(to: OdrAccess.path(record))
    }

    func removeRespondent(req: Request) async throws -> Response {
        let record = try await OdrAccess.draft(req)
        let n = try req.listIndex()
        var d = record.draft
        guard n < d.respondents.count else { throw Abort(.notFound) }
        d.respondents.remove(at: n)
        try await save(req, record, d)
        return req.redirect(to: OdrAccess.path(record))
    }

    func delete(req: Request) async throws -> Response {
        let record = try await OdrAccess.draft(req)
        let id = record.id!
        try await req.autocommit { db in try await OdrCaseRecord.query(on: db).filter(\.$id == id).filter(\.$status == "draft").delete() }
        return req.redirect(to: "/account?deleted=1")
    }

    /// "Start a new case from this one": a draft with the same details, to correct and submit.
    func copy(req: Request) async throws -> Response {
        let viewer = try await OdrAccess.viewer(req)
        guard viewer.side == .claimant, !viewer.representative else { throw Abort(.notFound) }
        let record = try await Self.newDraft(req, viewer.record.draft)
        return req.redirect(to: OdrAccess.path(record))
    }

    /// Submits a complete draft: fixes it, records the submission and invites every respondent.
    func submit(req: Request) async throws -> Response {
        let record = try await OdrAccess.draft(req)
        let draft = record.draft
        guard draft.missing.isEmpty else { return try await OdrPages.draft(req, record, values: [:], problems: []) }
        let now = req.now, app = req.application, account = req.account?.id
        let language = Language(rawValue: record.language) ?? .en
        try await req.write { db in
            guard try await StatusMove.move(OdrCaseRecord.schema, id: record.id!, from: "draft", to: "submitted", on: db) else {
                throw PageError.filingSubmitted
            }
            try await OdrCaseRecord.query(on: db).filter(\.$id == record.id!)
                .set(\.$submittedAt, to: now).set(\.$updatedAt, to: now).update()
            let before = OdrCases.fold([], record, app)
            _ = try await OdrCases.append(.open(respondentEmails: draft.respondents.map(\.email), amount: draft.amount ?? .zero),
                                          side: .claimant, party: OdrParticipant.claimantID, actor: account, record, before, app: app, on: db)
            for respondent in draft.respondents {
                let token = Tokens.random()
                let invitation = OdrInvitationRecord()
                invitation.caseID = record.id!
                invitation.respondentEmail = respondent.email
                invitation.respondentName = respondent.name
                invitation.tokenHash = Tokens.sha256(token)
                invitation.createdAt = now
                try await invitation.create(on: db)
                try await OdrMail.invitation(record, to: respondent, token: token, language: language, app: app, at: now, on: db)
            }
            record.submittedAt = now
            try await OdrCases.project(record, app: app, on: db)   // again, now that the invitations exist
        }
        req.logger.info("ODR case submitted", metadata: ["case": "\(record.id!)"])
        return req.redirect(to: OdrAccess.path(record) + "?submitted=1")
    }
}
