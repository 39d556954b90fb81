import DocketCore
import Fluent
import Vapor

/// Finds the claim a request names, for its filer only: anyone else gets 404, so a claim's existence
/// is not revealed. Changing a claim that is no longer a draft is refused with 409 and logged.
enum ClaimAccess {
    static func claim(_ req: Request) async throws -> ClaimRecord {
        guard let account = req.account, let id = req.parameters.get("claimID", as: UUID.self),
              let claim = try await PlainRows.find(ClaimRecord.self, id, on: req.db), claim.accountID == account.id else {
            throw Abort(.notFound)
        }
        // A draft that cannot be read is an error, never an empty draft a save would write over.
        _ = try claim.readableDraft()
        return claim
    }

    static func draft(_ req: Request) async throws -> ClaimRecord {
        let claim = try await claim(req)
        guard claim.isDraft else {
            req.logger.warning("refused a change to a submitted claim",
                               metadata: ["claim": "\(claim.id!)", "status": "\(claim.status)", "path": "\(req.url.path)"])
            throw PageError.filingSubmitted
        }
        return claim
    }

    /// Applies `change` to the draft and saves it, unless `change` reports problems. Any change
    /// means the answers must be checked again.
    static func update(_ req: Request, _ change: (inout ClaimDraft) -> [FieldProblem]) async throws -> (ClaimRecord, [FieldProblem]) {
        let claim = try await draft(req)
        var draft = claim.draft
        let problems = change(&draft)
        guard problems.isEmpty else { return (claim, problems) }
        draft.answersChecked = false
        try await save(draft, to: claim, req)
        return (claim, [])
    }

    /// Writes `draft` as the claim's content, only while the claim is still a draft: a change racing
    /// a submission cannot alter what was submitted.
    static func save(_ draft: ClaimDraft, to claim: ClaimRecord, _ req: Request) async throws {
        claim.draft = draft
        let (id, content, now) = (claim.id!, claim.content, req.now)
        try await req.autocommit { db in
            try await ClaimRecord.query(on: db).filter(\.$id == id).filter(\.$status == ClaimRecord.Status.draft.rawValue)
                .set(\.$content, to: content).set(\.$updatedAt, to: now).update()
        }
    }

    static func path(_ claim: ClaimRecord, _ rest: String = "") -> String {
        "/claims/\(claim.id!.uuidString)" + (rest.isEmpty ? "" : "/" + rest)
    }
}
