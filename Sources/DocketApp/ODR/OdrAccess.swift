import DocketCore
import Fluent
import SQLKit
import Vapor

/// Who is looking at an ODR case, and as which side.
struct OdrViewer {
    let record: OdrCaseRecord
    let side: OdrSide
    /// The email that names this party on the docket: the claimant's, or the invited address.
    let party: String
    /// True when a lawyer or paralegal added by the party is acting.
    var representative = false
}

/// Finds the case a request names for one of its parties; anyone else gets 404.
enum OdrAccess {
    static func viewer(_ req: Request) async throws -> OdrViewer {
        guard let account = req.account, let id = req.parameters.get("caseID", as: UUID.self),
              let record = try await OdrCaseRecord.find(id, on: req.db) else { throw Abort(.notFound) }
        if record.accountID == account.id { return OdrViewer(record: record, side: .claimant, party: record.claimantEmail) }
        guard !record.isDraft else { throw Abort(.notFound) }
        let summary = OdrCases.fold(try await OdrCases.entries(id, on: req.db), record, req.application)
        if let invitation = try await OdrInvitationRecord.query(on: req.db).filter(\.$caseID == id).filter(\.$accountID == account.id).first(),
           summary.accepted.contains(invitation.respondentEmail) {
            return OdrViewer(record: record, side: .respondent, party: invitation.respondentEmail)
        }
        if let rep = try await OdrRepresentativeRecord.query(on: req.db).filter(\.$caseID == id).filter(\.$accountID == account.id!).first() {
            if rep.party == record.claimantEmail { return OdrViewer(record: record, side: .claimant, party: rep.party, representative: true) }
            if summary.accepted.contains(rep.party) { return OdrViewer(record: record, side: .respondent, party: rep.party, representative: true) }
        }
        throw Abort(.notFound)
    }

    static func draft(_ req: Request) async throws -> OdrCaseRecord {
        let viewer = try await viewer(req)
        guard viewer.side == .claimant else { throw Abort(.notFound) }
        guard viewer.record.isDraft else {
            req.logger.warning("refused a change to a submitted ODR case", metadata: ["case": "\(viewer.record.id!)", "path": "\(req.url.path)"])
            throw Abort(.conflict, reason: "odrSubmitted")
        }
        return viewer.record
    }

    static func path(_ record: OdrCaseRecord, _ rest: String = "") -> String {
        "/odr/\(record.id!.uuidString)" + (rest.isEmpty ? "" : "/" + rest)
    }
}

/// Reading, folding and acting on ODR cases.
enum OdrCases {
    static func entries(_ id: UUID, on db: any Database) async throws -> [OdrEntry] {
        try await CaseDocket.records(of: id, on: db).compactMap(\.odrEntry)
    }

    static func fold(_ entries: [OdrEntry], _ record: OdrCaseRecord, _ app: Application) -> OdrSummary {
        OdrFold.fold(entries, claimant: record.claimantEmail, periods: app.docket.rules.periods, now: app.docket.clock.now())
    }

    /// Locks the case (the first statement writes, so SQLite takes its write lock and PostgreSQL
    /// the row's lock), folds its docket afresh, and lets `work` append what it decides. Two
    /// processes acting on the same case at once take turns and see each other's entries.
    static func locked<T: Sendable>(_ id: UUID, app: Application, _ work: @escaping @Sendable (any Database, OdrCaseRecord, OdrSummary) async throws -> T) async throws -> T {
        try await app.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("UPDATE \(ident: OdrCaseRecord.schema) SET swept_at = swept_at WHERE id = \(bind: id)").run()
            guard let record = try await OdrCaseRecord.find(id, on: db) else { throw Abort(.notFound) }
            let summary = fold(try await entries(id, on: db), record, app)
            return try await work(db, record, summary)
        }
    }

    /// Appends `events` for the viewer if the fold allows `action` now; 409 otherwise.
    static func act(_ req: Request, _ viewer: OdrViewer, _ action: String,
                    _ events: @escaping @Sendable (OdrSummary) throws -> [OdrEvent]) async throws -> OdrSummary {
        let account = req.account?.id
        let now = req.now
        let app = req.application
        let (side, party) = (viewer.side, viewer.party)
        return try await locked(viewer.record.id!, app: app) { db, record, summary in
            guard summary.can(side, party, action) else {
                req.logger.notice("refused an ODR action", metadata: ["case": "\(record.id!)", "action": "\(action)"])
                throw Abort(.conflict, reason: "odr")
            }
            try await CaseDocket.append(try events(summary), by: side, party: party, actor: account, to: record.id!, at: now, on: db)
            return fold(try await entries(record.id!, on: db), record, app)
        }
    }
}
