import DocketCore
import Fluent
import Foundation

/// Writes a case's projection row and participants from its fold. Only the act pipeline (and the
/// migration that projected the cases made before it) calls this.
enum CaseProjection {
    static func rewrite(_ caseID: UUID, _ s: CaseSummary, lastSequence: Int, office: String? = nil, at now: Date,
                        on db: any Database) async throws {
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
        row.filingYear = s.filed?.filingYear ?? s.submittedAt.map { CivilDate.of($0).year }
        row.filerAccountID = s.filerAccount
        row.feeCents = s.fee?.cents
        row.documentSHA256 = s.sealedSHA256
        row.submittedAt = s.submittedAt
        row.lastSequence = lastSequence
        row.updatedAt = now
        try await row.save(on: db)
        if let filer = s.filerAccount {
            try await participate(caseID, account: filer, role: .plaintiff, party: s.filed?.plaintiffs.first?.id, on: db)
        }
    }

    private static func participate(_ caseID: UUID, account: UUID, role: CaseRole, party: PartyID?, on db: any Database) async throws {
        let existing = try await CaseParticipantRecord.query(on: db).filter(\.$caseID == caseID)
            .filter(\.$accountID == account).filter(\.$role == role.rawValue).first()
        guard existing == nil else { return }
        let row = CaseParticipantRecord()
        row.caseID = caseID; row.accountID = account; row.role = role.rawValue; row.party = party?.rawValue
        try await row.create(on: db)
    }
}
