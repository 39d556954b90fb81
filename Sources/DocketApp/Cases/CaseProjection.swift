import DocketCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Writes a case's projection row and participants from its fold. Only the act pipeline (and the
/// migration that projected the cases made before it) calls this.
enum CaseProjection {
    /// `office` and `filingYear` stand in for a claim submitted before its docket named them
    /// (they were on the claim's row then).
    static func rewrite(_ caseID: UUID, _ s: CaseSummary, lastSequence: Int, office: String? = nil, filingYear: Int? = nil,
                        at now: Date, on db: any Database) async throws {
        let row = try await CaseProjectionRecord.find(caseID, on: db) ?? CaseProjectionRecord()
        row.id = caseID
        row.kind = CaseKind.court.rawValue
        row.stage = s.stage.rawValue
        row.officeCode = s.filed?.office ?? office ?? row.officeCode
        row.waitingOn = s.waitingOn?.rawValue
        row.nextDeadline = s.nextDeadline?.by.description
        row.nextStep = s.nextDeadline?.what.rawValue
        row.fileNumber = s.fileNumber
        row.issuedOn = s.issuedOn?.description
        row.filingYear = s.filed?.filingYear ?? filingYear ?? row.filingYear ?? s.submittedAt.map { CivilDate.of($0).year }
        row.filerAccountID = s.filerAccount
        row.feeCents = s.fee?.cents
        row.documentSHA256 = s.sealedSHA256
        row.submittedAt = s.submittedAt
        row.lastSequence = lastSequence
        row.updatedAt = now
        try await row.save(on: db)
        if let filer = s.filerAccount {
            try await participate(caseID, account: filer, role: .plaintiff, party: s.filed?.plaintiffs.first?.id.rawValue, on: db)
        }
    }

    /// An online dispute's row: its status (with how it closed), who it waits on, the next day
    /// that matters (the last day to accept, or the next payment), and everyone taking part.
    static func rewrite(odr record: OdrCaseRecord, _ s: OdrSummary, lastSequence: Int, at now: Date, on db: any Database) async throws {
        let row = try await CaseProjectionRecord.find(record.id!, on: db) ?? CaseProjectionRecord()
        row.id = record.id
        row.kind = CaseKind.odr.rawValue
        row.stage = s.closure.map { "closed-\($0.rawValue)" } ?? s.status.rawValue
        switch s.status {
        case .pending:
            row.waitingOn = OdrSide.respondent.rawValue
            row.nextDeadline = s.acceptBy?.description
            row.nextStep = OdrAction.acceptInvitation.rawValue
        case .settled, .inDefault:
            row.waitingOn = s.nextPayment == nil ? nil : OdrSide.respondent.rawValue
            row.nextDeadline = s.nextPayment?.payBy.description
            row.nextStep = s.nextPayment == nil ? nil : OdrAction.recordPayment.rawValue
        case .active where s.everyoneSigned && !s.sealed:
            row.waitingOn = OdrSide.system.rawValue
            row.nextDeadline = nil
            row.nextStep = OdrAction.sign.rawValue
        case .active:
            row.waitingOn = s.openOffer.map { $0.side == .claimant ? OdrSide.respondent.rawValue : OdrSide.claimant.rawValue }
            row.nextDeadline = nil
            row.nextStep = s.openOffer == nil ? nil : OdrAction.acceptOffer.rawValue
        case .closed:
            row.waitingOn = nil; row.nextDeadline = nil; row.nextStep = nil
        }
        row.filerAccountID = record.accountID
        row.submittedAt = record.submittedAt
        row.feeCents = nil
        row.documentSHA256 = s.agreementSHA256
        row.lastSequence = lastSequence
        row.updatedAt = now
        try await row.save(on: db)
        try await participate(record.id!, account: record.accountID, role: .claimant, party: nil, on: db)
        for invitation in try await OdrInvitationRecord.query(on: db).filter(\.$caseID == record.id!).all()
        where s.hasAccepted(invitation.respondentEmail) {
            if let account = invitation.accountID { try await participate(record.id!, account: account, role: .respondent, party: nil, on: db) }
        }
        for rep in try await OdrRepresentativeRecord.query(on: db).filter(\.$caseID == record.id!).all() {
            try await participate(record.id!, account: rep.accountID, role: .representative, party: nil, on: db)
        }
    }

    /// Gives every case recorded before projections existed its row, once, with the configured
    /// rules and clock: submitted claims (their progress lived on the claim's row, and the sealed
    /// document recorded there is entered on the docket, by the system) and submitted disputes.
    /// Run after the migrations; a case already projected is left alone, so it can run at every start.
    static func backfill(app: Application) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        struct Claim: Decodable {
            let id: UUID
            let office_code: String?
            let filed_year: Int?
            let document_sha256: String?
            let submitted_at: Date?
        }
        let claims = try await sql.raw("""
            SELECT c.id, c.office_code, c.filed_year, c.document_sha256, c.submitted_at FROM claims c
            LEFT JOIN case_projections p ON p.id = c.id WHERE c.status <> 'draft' AND p.id IS NULL
            """).all(decoding: Claim.self)
        for claim in claims {
            try await app.db.transaction { db in
                try await CourtActs.lock(claim.id, on: db)
                guard try await CaseProjectionRecord.find(claim.id, on: db) == nil else { return }
                var state = try await CourtActs.state(of: claim.id, app: app, on: db)
                if let sha = claim.document_sha256, state.issuedOn != nil, state.sealedSHA256 == nil {
                    try await CaseDocket.append([.claimSealed(sha256: sha)], by: .system, to: claim.id,
                                                at: claim.submitted_at ?? app.docket.clock.now(), on: db)
                    state = try await CourtActs.state(of: claim.id, app: app, on: db)
                }
                try await rewrite(claim.id, state, lastSequence: try await CaseDocket.lastSequence(of: claim.id, on: db),
                                  office: claim.office_code, filingYear: claim.filed_year, at: app.docket.clock.now(), on: db)
                try await (db as! any SQLDatabase).raw("UPDATE claims SET status = 'submitted' WHERE id = \(bind: claim.id)").run()
            }
        }
        struct Dispute: Decodable { let id: UUID }
        let disputes = try await sql.raw("""
            SELECT o.id FROM odr_cases o LEFT JOIN case_projections p ON p.id = o.id
            WHERE o.status = 'submitted' AND p.id IS NULL
            """).all(decoding: Dispute.self)
        for dispute in disputes {
            try await OdrCases.locked(dispute.id, app: app) { db, record, _ in
                guard try await CaseProjectionRecord.find(dispute.id, on: db) == nil else { return }
                try await OdrCases.project(record, app: app, on: db)
            }
        }
        if !claims.isEmpty || !disputes.isEmpty {
            app.logger.notice("projected cases recorded before projections", metadata: ["claims": "\(claims.count)", "disputes": "\(disputes.count)"])
        }
    }

    private static func participate(_ caseID: UUID, account: UUID, role: ParticipantRole, party: String?, on db: any Database) async throws {
        let existing = try await CaseParticipantRecord.query(on: db).filter(\.$caseID == caseID)
            .filter(\.$accountID == account).filter(\.$role == role.rawValue).first()
        guard existing == nil else { return }
        let row = CaseParticipantRecord()
        row.caseID = caseID; row.accountID = account; row.role = role.rawValue; row.party = party
        try await row.create(on: db)
    }
}
