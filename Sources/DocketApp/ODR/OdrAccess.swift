import DocketCore
import Fluent
import SQLKit
import Vapor

/// Who is looking at an ODR case, and as which side.
struct OdrViewer {
    let record: OdrCaseRecord
    let side: OdrSide
    /// The party's id in the case: C1 for the claimant, R1, R2… for respondents.
    let party: String
    /// True when a lawyer or paralegal added by the party is acting.
    var representative = false
    /// The case as read to decide who the viewer is, when that needed it; the page reuses it.
    var file: OdrCaseFile? = nil
}

/// A submitted case as its page shows it: the docket folded, the invitations and the
/// representatives with their accounts' addresses. Read once a request, in three queries.
struct OdrCaseFile {
    struct Representative {
        let party: String
        let account: UUID
        let email: String
    }

    let entries: [OdrEntry]
    let summary: OdrSummary
    let invitations: [OdrInvitationRecord]
    let representatives: [Representative]

    static func load(_ record: OdrCaseRecord, _ req: Request) async throws -> OdrCaseFile {
        let id = record.id!
        let entries = try await OdrCases.entries(id, on: req.db)
        let summary = OdrCases.fold(entries, record, req.application)
        // In the order of the respondents' ids (R1, R2, …), as the case names them.
        func order(_ i: OdrInvitationRecord) -> Int { summary.party(for: i.respondentEmail).flatMap { Int($0.dropFirst()) } ?? .max }
        let invitations = try await PlainRows.all(OdrInvitationRecord.self, where: "case_id = \(bind: id)", on: req.db)
            .sorted { (order($0), $0.respondentEmail) < (order($1), $1.respondentEmail) }
        let representatives = try await req.db.sql.raw("""
            SELECT r.party, r.account_id, a.email FROM odr_representatives r JOIN accounts a ON a.id = r.account_id
            WHERE r.case_id = \(bind: id) ORDER BY r.added_at, r.id
            """).all().map { row in
                let r = RowReader(row: row)
                return Representative(party: try r("party"), account: try r("account_id"), email: try r("email"))
            }
        return OdrCaseFile(entries: entries, summary: summary, invitations: invitations,
                           representatives: representatives)
    }
}

/// Finds the case a request names for one of its parties; anyone else gets 404.
enum OdrAccess {
    static func viewer(_ req: Request) async throws -> OdrViewer {
        guard let account = req.account, let id = req.parameters.get("caseID", as: UUID.self),
              let record = try await PlainRows.find(OdrCaseRecord.self, id, on: req.db) else { throw Abort(.notFound) }
        _ = try record.readableDraft()
        let claimant = OdrParticipant.claimantID
        if record.accountID == account.id { return OdrViewer(record: record, side: .claimant, party: claimant) }
        guard !record.isDraft else { throw Abort(.notFound) }
        let file = try await OdrCaseFile.load(record, req)
        let summary = file.summary
        if let invitation = file.invitations.first(where: { $0.accountID == account.id }),
           let party = summary.party(for: invitation.respondentEmail), summary.accepted.contains(party) {
            return OdrViewer(record: record, side: .respondent, party: party, file: file)
        }
        if let rep = file.representatives.first(where: { $0.account == account.id }), let party = summary.party(for: rep.party) {
            if party == claimant { return OdrViewer(record: record, side: .claimant, party: party, representative: true, file: file) }
            if summary.accepted.contains(party) {
                return OdrViewer(record: record, side: .respondent, party: party, representative: true, file: file)
            }
        }
        throw Abort(.notFound)
    }

    static func draft(_ req: Request) async throws -> OdrCaseRecord {
        let viewer = try await viewer(req)
        guard viewer.side == .claimant else { throw Abort(.notFound) }
        guard viewer.record.isDraft else {
            req.logger.warning("refused a change to a submitted ODR case", metadata: ["case": "\(viewer.record.id!)", "path": "\(req.url.path)"])
            throw PageError.disputeSubmitted
        }
        return viewer.record
    }

    static func path(_ record: OdrCaseRecord, _ rest: String = "") -> String {
        "/odr/\(record.id!.uuidString)" + (rest.isEmpty ? "" : "/" + rest)
    }
}

/// Reading, folding and acting on ODR cases.
enum OdrCases {
    /// The case's entries, in order; one that cannot be read stops the read.
    static func entries(_ id: UUID, on db: any Database) async throws -> [OdrEntry] {
        try await CaseDocket.records(of: id, on: db).map { try $0.odrEntry() }
    }

    static func fold(_ entries: [OdrEntry], _ record: OdrCaseRecord, _ app: Application) -> OdrSummary {
        OdrFold.fold(entries, claimant: record.claimantEmail, rules: app.docket.rules, now: app.docket.clock.now())
    }

    /// Locks the case (the first statement writes, so SQLite takes its write lock and PostgreSQL
    /// the row's lock), folds its docket afresh, and lets `work` append what it decides. Two
    /// processes acting on the same case at once take turns and see each other's entries.
    static func locked<T: Sendable>(_ id: UUID, app: Application, _ work: @escaping @Sendable (any Database, OdrCaseRecord, OdrSummary) async throws -> T) async throws -> T {
        try await app.write { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("UPDATE \(ident: OdrCaseRecord.schema) SET swept_at = swept_at WHERE id = \(bind: id)").run()
            guard let record = try await OdrCaseRecord.find(id, on: db) else { throw Abort(.notFound) }
            let summary = fold(try await entries(id, on: db), record, app)
            return try await work(db, record, summary)
        }
    }

    /// The viewer's command, decided by the core under the case's lock; a refusal writes nothing.
    /// `effects` (mail) are queued in the same transaction, given the state before the command.
    @discardableResult
    static func act(_ req: Request, _ viewer: OdrViewer, _ command: OdrCommand,
                    effects: (@Sendable (OdrSummary, any Database) async throws -> Void)? = nil) async throws -> OdrSummary {
        let account = req.account?.id
        let (side, party) = (viewer.side, viewer.party)
        return try await locked(viewer.record.id!, app: req.application) { db, record, summary in
            let after = try await append(command, side: side, party: party, actor: account, record, summary, app: req.application, on: db)
            try await effects?(summary, db)
            return after
        }
    }

    /// Decides `command` against `summary` (the case's state under the lock, on `db`), appends what
    /// the core decided, and rewrites the case's projection from a fresh fold.
    static func append(_ command: OdrCommand, side: OdrSide, party: String, actor: UUID?, _ record: OdrCaseRecord,
                       _ summary: OdrSummary, app: Application, on db: any Database) async throws -> OdrSummary {
        let events = try OdrDecision.decide(command, side: side, party: party, state: summary).get()
        let id = side == .system ? "" : (summary.party(for: party) ?? party)
        let records = try await CaseDocket.records(of: record.id!, on: db)
        let created = try await CaseDocket.append(events, by: side, party: id, actor: actor, to: record.id!,
                                                  at: app.docket.clock.now(), after: records.last, on: db)
        return try await project(record, entries: (records + created).map { try $0.odrEntry() }, app: app, on: db)
    }

    /// Folds the case afresh and rewrites its projection row and participants.
    @discardableResult
    static func project(_ record: OdrCaseRecord, app: Application, on db: any Database) async throws -> OdrSummary {
        try await project(record, entries: try await entries(record.id!, on: db), app: app, on: db)
    }

    /// Folds `entries` (the whole docket, read under the case's lock) and rewrites the projection.
    private static func project(_ record: OdrCaseRecord, entries: [OdrEntry], app: Application, on db: any Database) async throws -> OdrSummary {
        let after = fold(entries, record, app)
        try await CaseProjection.rewrite(odr: record, after, lastSequence: entries.last?.sequence ?? 0,
                                         at: app.docket.clock.now(), on: db)
        return after
    }
}
