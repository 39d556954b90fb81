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
        let pager: Pager
    }

    struct ReviewBody: Encodable {
        let groups: [AnswerGroup]
        let reasons: String
        let issueAction: String
        let rejectAction: String
        let error: String?
        let rejectReasons: String
    }

    /// Why claims were referred, in the reader's language, from the reasons' keys.
    private func reasons(_ req: Request, _ keys: [some StringProtocol]) -> String {
        keys.map { req.t("review.\($0)") }.joined(separator: "; ")
    }

    /// The claims waiting on a clerk, oldest first, from the cases' projection alone: parties,
    /// amount and reasons are on it, so no claim is opened (one index range, a page at a time).
    func queue(req: Request) async throws -> Response {
        let sql = try req.db.sql
        let waiting: SQLQueryString = "FROM case_projections WHERE waiting_on = \(bind: CaseRole.clerk.rawValue) AND kind = \(bind: CaseKind.court.rawValue)"
        let page = Pager.requested(req)
        let total = try await PlainRows.count(waiting, on: req.db)
        let offset = Pager.offset(page: page, total: total)
        let rows = try await sql.raw("""
            SELECT id, submitted_at, office_code, first_party, other_party, claimed_cents, referral_reasons \(waiting)
            ORDER BY submitted_at, id LIMIT \(literal: Pager.size) OFFSET \(literal: offset)
            """).all().map(RowReader.init)
        let codes = try rows.compactMap { try $0("office_code", as: String?.self) }
        let offices = try await CourtOffices.names(Set(codes), req.language, on: req.db)
        let items = try rows.map { r in
            let keys = try r("referral_reasons", as: String?.self)?.split(separator: ",") ?? []
            return QueueItem(href: "/staff/claims/\(try r("id", as: UUID.self).uuidString)",
                             submitted: try r("submitted_at", as: Date?.self).map { DateText.long($0, req.language) } ?? "",
                             office: try r("office_code", as: String?.self).flatMap { offices[$0] } ?? "",
                             parties: (try r("first_party", as: String?.self) ?? "") + " v. " + (try r("other_party", as: String?.self) ?? ""),
                             amount: req.money(Money(cents: try r("claimed_cents", as: Int64?.self) ?? 0)), reasons: reasons(req, keys))
        }
        return try await req.page("staff/claims", titleKey: "review.title", QueueBody(items: items, hasItems: !items.isEmpty,
                                                                                      pager: Pager(req, page: page, total: total, path: "/staff/claims")))
    }

    private func submitted(_ req: Request) async throws -> ClaimRecord {
        guard let id = req.parameters.get("claimID", as: UUID.self), let claim = try await PlainRows.find(ClaimRecord.self, id, on: req.db),
              !claim.isDraft else { throw Abort(.notFound) }
        return claim
    }

    private func render(_ req: Request, _ claim: ClaimRecord, error: String? = nil, rejectReasons: String = "") async throws -> Response {
        let office = try await CaseProjectionRecord.find(claim.id!, on: req.db)?.officeCode ?? ""
        let body = ReviewBody(groups: ClaimAnswers.groups(req, claim, claim.draft, office: office, editable: false), reasons: reasons(req, claim.draft.reviewReasons),
                              issueAction: "/staff/claims/\(claim.id!.uuidString)/issue",
                              rejectAction: "/staff/claims/\(claim.id!.uuidString)/reject", error: error, rejectReasons: rejectReasons)
        return try await req.page("staff/claim", titleKey: "review.claim.title", body, status: error == nil ? .ok : .unprocessableEntity)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, try await submitted(req))
    }

    private func clerk(_ req: Request) -> Actor { Actor(.clerk, account: req.account?.id) }

    /// Issues the claim, once: a second decision is refused by the core (409).
    func issue(req: Request) async throws -> Response {
        let claim = try await submitted(req)
        try await ClaimFiling.issue(claimID: claim.id!, by: clerk(req), app: req.application)
        req.logger.info("clerk issued a claim", metadata: ["claim": "\(claim.id!)"])
        return req.redirect(to: "/staff/claims")
    }

    func reject(req: Request) async throws -> Response {
        let claim = try await submitted(req)
        let reasons = (req.formValues()["rejectReasons"] ?? "").trimmed
        let app = req.application, now = req.now
        do {
            try await CourtActs.act(on: claim.id!, by: clerk(req), app: app, command: { _, _ in .reject(reasons: reasons) }) { _, _, db in
                try await ClaimMail.rejected(claim, reasons: reasons, app: app, at: now, on: db)
            }
        } catch let refusal as Refusal where refusal.reason == .reasonsMissing {
            return try await render(req, claim, error: req.t("error.rejectReasons.missing"), rejectReasons: reasons)
        }
        req.logger.info("clerk rejected a claim", metadata: ["claim": "\(claim.id!)"])
        return req.redirect(to: "/staff/claims")
    }
}
