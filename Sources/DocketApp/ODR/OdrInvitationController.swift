import DocketCore
import Fluent
import Vapor

/// The emailed invitation: a single-use link that lets the respondent sign in or create an
/// account, then accept or decline taking part.
struct OdrInvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let invitations = routes.grouped("odr", "invitations")
        invitations.get(":token", use: show)
        invitations.grouped(RequireAccountMiddleware(), RequireFilerMiddleware()).post(":token", ":answer", use: answer)
    }

    struct Body: Encodable {
        let signedIn: Bool
        let claimant: String
        let amount: String
        let category: String
        let description: String
        let acceptBy: String
        let acceptAction: String
        let declineAction: String
        let signInURL: String
        let registerURL: String
        /// Set when the signed-in account's email is not the one invited.
        let invitedEmail: String?
        let signedInEmail: String?
    }

    private func invitation(_ req: Request) async throws -> (OdrInvitationRecord, OdrCaseRecord, OdrSummary) {
        let token = req.parameters.get("token") ?? ""
        guard let invitation = try await OdrInvitationRecord.query(on: req.db).filter(\.$tokenHash == Tokens.sha256(token)).first(),
              let record = try await OdrCaseRecord.find(invitation.caseID, on: req.db) else {
            throw Abort(.notFound)
        }
        let summary = OdrCases.fold(try await OdrCases.entries(record.id!, on: req.db), record, req.application)
        return (invitation, record, summary)
    }

    private func gone(_ req: Request, _ key: String) async throws -> Response {
        try await req.page("message", titleKey: key + ".heading",
                           MessageBody(heading: req.t(key + ".heading"), message: req.t(key + ".message"),
                                                          link: "/account", linkText: req.t("nav.account")),
                           status: .gone)
    }

    func show(req: Request) async throws -> Response {
        let (invitation, record, summary) = try await invitation(req)
        if invitation.usedAt != nil { return try await gone(req, "odr.invitation.used") }
        guard summary.can(.respondent, invitation.respondentEmail, .acceptInvitation) else { return try await gone(req, "odr.invitation.expired") }
        if let account = req.account, account.id == record.accountID {
            // The claimant followed the link sent to the other side: say so instead of offering to answer.
            return try await req.page("message", titleKey: "odr.invitation.own.heading",
                                      MessageBody(heading: req.t("odr.invitation.own.heading"),
                                                                     message: req.t("odr.invitation.own.message", [invitation.respondentName]),
                                                                     link: OdrAccess.path(record), linkText: req.t("error.page.back.odr")))
        }
        let draft = record.draft
        let path = req.url.path
        let other = req.account.flatMap { Self.differs($0, invitation) ? $0 : nil }
        let body = Body(signedIn: req.account != nil, claimant: record.claimantName, amount: req.money(draft.amount ?? .zero),
                        category: draft.category.map { req.t("category.\($0.rawValue)") } ?? "", description: draft.description,
                        acceptBy: summary.acceptBy.map(req.day) ?? "", acceptAction: path + "/accept", declineAction: path + "/decline",
                        signInURL: "/sign-in?next=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                        registerURL: "/register?next=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                        invitedEmail: other.map { _ in invitation.respondentEmail }, signedInEmail: other?.email)
        return try await req.page("odr/invitation", titleKey: "odr.invitation.title", body)
    }

    static func differs(_ account: AccountRecord, _ invitation: OdrInvitationRecord) -> Bool {
        account.email.lowercased() != invitation.respondentEmail.lowercased()
    }

    func answer(req: Request) async throws -> Response {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let accepting: Bool
        switch req.parameters.get("answer") {
        case "accept": accepting = true
        case "decline": accepting = false
        default: throw Abort(.notFound)
        }
        let (invitation, record, _) = try await invitation(req)
        if invitation.usedAt != nil { return try await gone(req, "odr.invitation.used") }
        guard record.accountID != account.id else { throw Abort(.forbidden) }
        let now = req.now, app = req.application, email = invitation.respondentEmail, invitationID = invitation.id!
        let outcome: Bool = try await OdrCases.locked(record.id!, app: app) { db, record, summary in
            // Used inside the lock: a second answer, even at the same moment, finds it used.
            guard let fresh = try await OdrInvitationRecord.find(invitationID, on: db), fresh.usedAt == nil,
                  summary.can(.respondent, email, .acceptInvitation) else { return false }
            fresh.usedAt = now
            fresh.accountID = account.id
            try await fresh.save(on: db)
            // Anyone holding the link may answer, as with a paper invitation; an answer from an account
            // with another email is allowed but said on the page first and recorded on the docket.
            let command = OdrCommand.answerInvitation(accept: accepting, fromAccountEmail: Self.differs(account, fresh) ? account.email : nil)
            let after = try await OdrCases.append(command, side: .respondent, party: summary.party(for: email) ?? email, actor: account.id,
                                                  record, summary, app: app, on: db)
            if after.closure == .declined {
                try await OdrMail.closed(record, reason: .declined, respondents: after.declined.compactMap(after.email(of:)), app: app, at: now, on: db)
            }
            return true
        }
        guard outcome else { return try await gone(req, "odr.invitation.expired") }
        req.logger.info("ODR invitation answered", metadata: ["case": "\(record.id!)", "accepted": "\(accepting)"])
        return req.redirect(to: accepting ? OdrAccess.path(record) : "/account?declined=1")
    }
}
