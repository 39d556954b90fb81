import DocketCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Writes a case's projection row and participants from its fold. Only the act pipeline (and the
/// migration that projected the cases made before it) calls this.
enum CaseProjection {
    /// The version of the rows this code writes. A start-up finding rows of an older version
    /// re-projects every case once (`upgrade`), so a new column is filled for old cases too.
    static let version = 3

    /// An account taking part in a case, as the projection lists it.
    struct Participant: Hashable {
        let account: UUID
        let role: ParticipantRole
        let party: String?
    }

    /// `office` and `filingYear` stand in for a claim submitted before its docket named them
    /// (they were on the claim's row then).
    static func rewrite(_ caseID: UUID, _ s: CaseSummary, lastSequence: Int, office: String? = nil, filingYear: Int? = nil,
                        at now: Date, on db: any Database) async throws {
        let row = CaseProjectionRecord()
        fill(row, court: caseID, s, lastSequence: lastSequence, office: office, filingYear: filingYear, at: now)
        // A year the docket does not name keeps the one stored before the submission year is used.
        row.filingYear = s.filed?.filingYear ?? filingYear
        try await ProjectionRows.write(row, yearFallback: submissionYear(s), on: db)
        try await sync(row, participants(court: s), on: db)
    }

    /// Sets `row` from a court case's fold.
    static func fill(_ row: CaseProjectionRecord, court caseID: UUID, _ s: CaseSummary, lastSequence: Int, office: String? = nil,
                     filingYear: Int? = nil, at now: Date) {
        row.id = caseID
        row.kind = CaseKind.court.rawValue
        row.stage = s.stage.rawValue
        row.officeCode = s.filed?.office ?? office ?? row.officeCode
        row.waitingOn = s.waitingOn?.rawValue
        row.nextDeadline = s.nextDeadline?.by.description
        row.nextStep = s.nextDeadline?.what.rawValue
        row.fileNumber = s.fileNumber
        row.issuedOn = s.issuedOn?.description
        row.filingYear = s.filed?.filingYear ?? filingYear ?? row.filingYear ?? submissionYear(s)
        row.filerAccountID = s.filerAccount
        row.feeCents = s.fee?.cents
        row.documentSHA256 = s.sealedSHA256
        row.submittedAt = s.submittedAt
        row.firstParty = s.filed.map { $0.plaintiffs.map(\.name).joined(separator: ", ") }
        row.otherParty = s.defendantNames.sorted { $0.key.rawValue < $1.key.rawValue }.map(\.value).joined(separator: ", ")
        row.balanceCents = nil
        row.claimedCents = s.filed?.amount.cents
        row.referralReasons = s.referralReasons.isEmpty ? nil : s.referralReasons.joined(separator: ",")
        row.sweepOn = nil
        row.lastSequence = lastSequence
        row.updatedAt = now
    }

    static func submissionYear(_ s: CaseSummary) -> Int? {
        s.submittedAt.map { CivilDate.of($0).year }
    }

    static func participants(court s: CaseSummary) -> [Participant] {
        s.filerAccount.map { [Participant(account: $0, role: .plaintiff, party: s.filed?.plaintiffs.first?.id.rawValue)] } ?? []
    }

    /// An online dispute's row and everyone taking part, from its fold.
    static func rewrite(odr record: OdrCaseRecord, _ s: OdrSummary, lastSequence: Int, at now: Date, on db: any Database) async throws {
        let row = CaseProjectionRecord()
        fill(row, odr: record, s, lastSequence: lastSequence, at: now)
        try await ProjectionRows.write(row, on: db)
        let invitations = try await OdrInvitationRecord.query(on: db).filter(\.$caseID == record.id!).all()
        let representatives = try await OdrRepresentativeRecord.query(on: db).filter(\.$caseID == record.id!).all()
        try await sync(row, participants(odr: record, s, invitations: invitations, representatives: representatives), on: db)
    }

    /// Sets `row` from a dispute's fold: its status (with how it closed), who it waits on, the
    /// next day that matters (the last day to accept, or the next payment, or the first one
    /// missed), the balance, and the day the sweep is next due.
    static func fill(_ row: CaseProjectionRecord, odr record: OdrCaseRecord, _ s: OdrSummary, lastSequence: Int, at now: Date) {
        row.id = record.id
        row.kind = CaseKind.odr.rawValue
        row.stage = s.closure.map { "closed-\($0.rawValue)" } ?? s.status.rawValue
        row.waitingOn = nil; row.nextDeadline = nil; row.nextStep = nil
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
            row.nextStep = OdrAction.sign.rawValue
        case .active where s.agreed != nil:
            row.waitingOn = s.signedBy.contains(OdrParticipant.claimantID) ? OdrSide.respondent.rawValue : OdrSide.claimant.rawValue
            row.nextStep = OdrAction.sign.rawValue
        case .active:
            row.waitingOn = s.openOffer.map { $0.side == .claimant ? OdrSide.respondent.rawValue : OdrSide.claimant.rawValue }
            row.nextStep = s.openOffer == nil ? nil : OdrAction.acceptOffer.rawValue
        case .closed:
            break
        }
        row.officeCode = nil
        row.filerAccountID = record.accountID
        row.submittedAt = record.submittedAt
        row.feeCents = nil
        row.documentSHA256 = s.agreementSHA256
        row.firstParty = record.claimantName
        row.otherParty = record.draft.respondents.map(\.name).joined(separator: ", ")
        row.balanceCents = s.agreed == nil ? nil : s.balance.cents
        row.claimedCents = nil
        row.referralReasons = nil
        // Sealing an agreement everyone signed is due at once.
        row.sweepOn = (row.waitingOn == OdrSide.system.rawValue ? CivilDate.of(now) : s.sweepDue)?.description
        row.lastSequence = lastSequence
        row.updatedAt = now
    }

    /// The claimant; each respondent who answered their invitation from an account (as a
    /// respondent if they accepted, otherwise as invited); each representative, for their party.
    static func participants(odr record: OdrCaseRecord, _ s: OdrSummary, invitations: [OdrInvitationRecord],
                             representatives: [OdrRepresentativeRecord]) -> [Participant] {
        var list = [Participant(account: record.accountID, role: .claimant, party: OdrParticipant.claimantID)]
        for invitation in invitations {
            guard let account = invitation.accountID else { continue }
            let joined = s.hasAccepted(invitation.respondentEmail)
            list.append(Participant(account: account, role: joined ? .respondent : .invited, party: s.party(for: invitation.respondentEmail)))
        }
        for rep in representatives {
            list.append(Participant(account: rep.accountID, role: .representative, party: s.party(for: rep.party) ?? rep.party))
        }
        return list
    }

    /// Makes the case's participant rows exactly `wanted`, each carrying the case's kind, whether
    /// it is open, and its last activity.
    static func sync(_ row: CaseProjectionRecord, _ wanted: [Participant], on db: any Database) async throws {
        let caseID = row.id!
        let existing = try await ProjectionRows.participants(caseID, on: db)
        let want = Set(wanted.map { Key(account: $0.account, role: $0.role.rawValue) })
        try await ProjectionRows.delete(existing.filter { !want.contains(Key(account: $0.account, role: $0.role)) }.map(\.id), on: db)
        let have = Set(existing.map { Key(account: $0.account, role: $0.role) })
        var added = Set<Key>()
        let new = wanted.filter { added.insert(Key(account: $0.account, role: $0.role.rawValue)).inserted }
            .filter { !have.contains(Key(account: $0.account, role: $0.role.rawValue)) }
            .map { participantRecord(row, $0) }
        try await ProjectionRows.insert(new, on: db)
        // New rows were written with the case's state; older ones are brought up to it.
        if !have.isEmpty { try await ProjectionRows.refresh(caseID, kind: row.kind, open: isOpen(row), at: row.updatedAt, on: db) }
    }

    private struct Key: Hashable {
        let account: UUID
        let role: String
    }

    /// A new participant row for `row`'s case.
    static func participantRecord(_ row: CaseProjectionRecord, _ p: Participant) -> CaseParticipantRecord {
        let record = CaseParticipantRecord()
        record.caseID = row.id!; record.accountID = p.account; record.role = p.role.rawValue; record.party = p.party
        record.kind = row.kind; record.open = isOpen(row); record.updatedAt = row.updatedAt
        return record
    }

    /// A case still going: a court case not refused, a dispute not closed.
    static func isOpen(_ row: CaseProjectionRecord) -> Bool {
        row.stage != CaseStage.rejected.rawValue && !row.stage.hasPrefix("closed")
    }

    /// Brings the projection up to this code's `version`, with the configured rules and clock, once:
    /// one query at a start-up with nothing to do. Run after the migrations.
    static func upgrade(app: Application) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        let stored = try await sql.raw("SELECT version FROM projection_versions WHERE id = 1").first()?
            .decode(column: "version", as: Int.self) ?? 0
        guard stored < version else { return }
        try await backfill(app: app, sql: sql)
        try await reproject(app: app, sql: sql)
        try await sql.raw("UPDATE projection_versions SET version = \(bind: version) WHERE id = 1").run()
    }

    /// Rewrites every projected case from its docket, a page of ids at a time, each under its lock.
    private static func reproject(app: Application, sql: any SQLDatabase) async throws {
        struct Row: Decodable { let id: UUID; let kind: String }
        var after: UUID? = nil
        var count = 0
        while true {
            let query = sql.select().column("id").column("kind").from(CaseProjectionRecord.schema)
            if let after { query.where("id", .greaterThan, SQLBind(after)) }
            let page = try await query.orderBy("id").limit(500).all(decoding: Row.self)
            guard let last = page.last else { break }
            for row in page {
                if row.kind == CaseKind.odr.rawValue {
                    try await OdrCases.locked(row.id, app: app) { db, record, _ in try await OdrCases.project(record, app: app, on: db) }
                } else {
                    try await app.write { db in
                        try await CourtActs.lock(row.id, on: db)
                        let state = try await CourtActs.state(of: row.id, app: app, on: db)
                        try await rewrite(row.id, state, lastSequence: try await CaseDocket.lastSequence(of: row.id, on: db),
                                          at: app.docket.clock.now(), on: db)
                    }
                }
            }
            count += page.count
            after = last.id
        }
        if count > 0 { app.logger.notice("re-projected cases", metadata: ["cases": "\(count)", "version": "\(version)"]) }
    }

    /// Gives every case recorded before projections existed its row, with the configured rules
    /// and clock: submitted claims (their progress lived on the claim's row, and the sealed
    /// document recorded there is entered on the docket, by the system) and submitted disputes.
    private static func backfill(app: Application, sql: any SQLDatabase) async throws {
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
            try await app.write { db in
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
}
