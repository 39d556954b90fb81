import DocketCore
import Fluent
import SQLKit
import Vapor

/// The clerk's review queue: online claims that cannot issue automatically (a defendant under a
/// legal disability, interest above 35 % a year). The clerk issues a claim or rejects it with reasons.
struct ClerkReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let review = routes.grouped(RequireStaffMiddleware(roles: [.clerk, .admin])).grouped("staff", "claims")
        review.get(use: queue)
        review.get(":claimID", use: show)
        review.post(":claimID", "issue", use: issue)
        review.post(":claimID", "reject", use: reject)
    }

    struct QueueItem: Encodable {
        let href: String
        let submitted: String
        let office: String
        let parties: String
        let amount: String
        let reasons: String
    }

    struct QueueBody: Encodable {
        let items: [QueueItem]
        let hasItems: Bool
    }

    struct ReviewBody: Encodable {
        let groups: [AnswerGroup]
        let reasons: String
        let issueAction: String
        let rejectAction: String
        let error: String?
        let rejectReasons: String
    }

    private func reasons(_ req: Request, _ claim: ClaimRecord) -> String {
        claim.draft.reviewReasons.map { req.t("review.\($0)") }.joined(separator: "; ")
    }

    func queue(req: Request) async throws -> Response {
        let claims = try await ClaimRecord.query(on: req.db).filter(\.$status == ClaimRecord.Status.referred.rawValue)
            .sort(\.$submittedAt).all()
        let offices = Dictionary(try await CourtOfficeRecord.query(on: req.db).all().map { ($0.code, $0.name(req.language)) },
                                 uniquingKeysWith: { a, _ in a })
        let items = claims.map { c in
            let d = c.draft
            return QueueItem(href: "/staff/claims/\(c.id!.uuidString)", submitted: c.submittedAt.map { DateText.long($0, req.language) } ?? "",
                             office: c.officeCode.flatMap { offices[$0] } ?? "",
                             parties: (d.plaintiffs.map(\.name) + ["v."] + d.defendants.map(\.name)).joined(separator: " "),
                             amount: req.money(d.total), reasons: reasons(req, c))
        }
        return try await req.page("staff/claims", titleKey: "review.title", QueueBody(items: items, hasItems: !items.isEmpty))
    }

    private func referred(_ req: Request) async throws -> ClaimRecord {
        guard let id = req.parameters.get("claimID", as: UUID.self), let claim = try await ClaimRecord.find(id, on: req.db),
              claim.kind == ClaimRecord.Kind.online.rawValue || claim.kind == ClaimRecord.Kind.prepared.rawValue,
              claim.claimStatus != .draft else { throw Abort(.notFound) }
        return claim
    }

    private func render(_ req: Request, _ claim: ClaimRecord, error: String? = nil, rejectReasons: String = "") async throws -> Response {
        let office = claim.officeCode ?? ""
        let body = ReviewBody(groups: ClaimAnswers.groups(req, claim, claim.draft, office: office, editable: false), reasons: reasons(req, claim),
                              issueAction: "/staff/claims/\(claim.id!.uuidString)/issue",
                              rejectAction: "/staff/claims/\(claim.id!.uuidString)/reject", error: error, rejectReasons: rejectReasons)
        return try await req.page("staff/claim", titleKey: "review.claim.title", body, status: error == nil ? .ok : .unprocessableEntity)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, try await referred(req))
    }

    /// Moves a referred claim on, once: a second decision finds it no longer referred and is refused.
    private func decide(_ req: Request, _ claim: ClaimRecord, to status: ClaimRecord.Status,
                        _ then: @escaping @Sendable (any Database) async throws -> Void) async throws {
        try await req.db.transaction { db in
            guard try await StatusMove.move(ClaimRecord.schema, id: claim.id!, from: ClaimRecord.Status.referred.rawValue,
                                            to: status.rawValue, on: db) else { throw Abort(.conflict, reason: "submitted") }
            try await then(db)
        }
    }

    func issue(req: Request) async throws -> Response {
        let claim = try await referred(req)
        let app = req.application, now = req.now, clerk = req.account?.id
        try await decide(req, claim, to: .issued) { db in
            try await ClaimFiling.issue(claim, by: .clerk, actor: clerk, app: app, at: now, on: db)
        }
        try await ClaimFiling.completeIssue(claim, app: app)
        req.logger.info("clerk issued a claim", metadata: ["claim": "\(claim.id!)"])
        return req.redirect(to: "/staff/claims")
    }

    func reject(req: Request) async throws -> Response {
        let claim = try await referred(req)
        let reasons = (req.formValues()["rejectReasons"] ?? "").trimmed
        guard !reasons.isEmpty, reasons.count <= 2000 else {
            return try await render(req, claim, error: req.t("error.rejectReasons.missing"), rejectReasons: reasons)
        }
        let app = req.application, now = req.now, clerk = req.account?.id
        claim.status = ClaimRecord.Status.rejected.rawValue
        try await decide(req, claim, to: .rejected) { db in
            try await CaseDocket.append([.claimRejected(reasons: reasons)], by: .clerk, actor: clerk, to: claim.id!, at: now, on: db)
            try await ClaimMail.rejected(claim, reasons: reasons, app: app, at: now, on: db)
        }
        req.logger.info("clerk rejected a claim", metadata: ["claim": "\(claim.id!)"])
        return req.redirect(to: "/staff/claims")
    }
}
