import DocketCore
import Fluent
import Foundation
import Vapor
@testable import DocketApp

/// A court case put straight into the database from its docket, as the act pipeline would have
/// left it (the claim's frozen draft, the hash-chained entries, the projection from the fold), so a
/// test of a late step starts there instead of replaying the early ones through pages.
func givenCase(_ app: Application, filer account: AccountRecord, draft: ClaimDraft = completeDraft(),
               docket events: [(Actor, DocketEvent)], at time: Date = testStart) async throws -> UUID {
    let claim = ClaimRecord(draft: draft, kind: .online, accountID: account.id!, language: "en", at: time)
    claim.status = ClaimRecord.Status.submitted.rawValue
    try await claim.create(on: app.db)
    for (actor, event) in events {
        try await CaseDocket.append([event], by: actor, to: claim.id!, at: time, on: app.db)
    }
    let state = try await CourtActs.state(of: claim.id!, app: app, on: app.db)
    try await CaseProjection.rewrite(claim.id!, state, lastSequence: events.count, at: time, on: app.db)
    return claim.id!
}

extension ClaimFiled {
    /// What `completeDraft()` files: Marie Tremblay against Renovations Lavoie Inc. at Toronto.
    static let sample = ClaimFiled(office: DocketAppTests.office, plaintiffs: [CaseParty(id: "P1", name: "Marie Tremblay")],
                                   defendants: [CaseParty(id: "D1", name: "Renovations Lavoie Inc.")], liquidated: false,
                                   amount: Money(dollars: 2500), filingYear: 2026)
}
