import DocketCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The one way a court case changes. In one transaction: lock the case and read its docket, fold
/// it, let the core decide the command, append what it decided, rewrite the case's projection from
/// a fresh fold, and queue the effects (register entries, mail) in the same transaction. Pages,
/// the sweep and the API all act through here; a refusal throws and writes nothing.
enum CourtActs {
    typealias Command = @Sendable (_ state: CaseSummary, _ db: any Database) async throws -> CourtCommand
    typealias Effects = @Sendable (_ state: CaseSummary, _ appended: [DocketEvent], _ db: any Database) async throws -> Void

    /// Acts in a transaction of its own.
    @discardableResult
    static func act(on caseID: UUID, by actor: Actor, app: Application, command: @escaping Command,
                    effects: Effects? = nil) async throws -> CaseSummary {
        try await app.write { db in
            try await act(on: caseID, by: actor, app: app, in: db, command: command, effects: effects)
        }
    }

    /// Acts inside the caller's transaction `db`. `command` is built from the case's state under
    /// the lock (an issue takes its file number there, so a refusal gives the number back). `time`
    /// is the instant the caller already decided with (a submission's fee and filing year).
    @discardableResult
    /// `writing` says the transaction has already written (so SQLite's write lock is held).
    static func act(on caseID: UUID, by actor: Actor, app: Application, in db: any Database, at time: Date? = nil, writing: Bool = false,
                    command: @escaping Command, effects: Effects? = nil) async throws -> CaseSummary {
        let now = time ?? app.docket.clock.now()
        let rules = app.docket.rules
        try await lock(caseID, writing: writing, on: db)
        // The docket is read once; everything the act appends is decided and chained first, then
        // written in one statement.
        let records = try await CaseDocket.records(of: caseID, on: db)
        var entries = try records.map { try $0.courtEntry() }
        var state = CaseFold.fold(entries, rules: rules, now: now)
        var appended = try CourtDecision.decide(try await command(state, db), by: actor, state: state, rules: rules, now: now).get()
        var created = try CaseDocket.chain(appended, by: actor, to: caseID, at: now, after: records.last)
        entries += try created.map { try $0.courtEntry() }
        state = CaseFold.fold(entries, rules: rules, now: now)
        // When the rules let Docket issue the claim itself, it does so at once, as the system.
        if state.can(.system, .issueClaim), let office = state.filed?.office {
            let number = try await FileNumbers.next(office: office, year: CourtDecision.issueDay(by: .system, rules: rules, now: now).year, on: db)
            let issued = try CourtDecision.decide(.issue(fileNumber: number), by: .system, state: state, rules: rules, now: now).get()
            let issue = try CaseDocket.chain(issued, by: .system, to: caseID, at: now, after: created.last ?? records.last)
            entries += try issue.map { try $0.courtEntry() }
            created += issue
            appended += issued
            state = CaseFold.fold(entries, rules: rules, now: now)
        }
        try await DocketRows.insert(created, on: db)
        try await CaseProjection.rewrite(caseID, state, lastSequence: entries.last?.sequence ?? 0, at: now, on: db)
        try await effects?(state, appended, db)
        return state
    }

    /// Holds the case for the rest of the transaction: PostgreSQL's transaction-scoped advisory
    /// lock on the case id; on SQLite a write, which takes the database's write lock (unless the
    /// transaction has written already, and so holds it).
    static func lock(_ caseID: UUID, writing: Bool = false, on db: any Database) async throws {
        let sql = try db.sql
        if sql.dialect.name == "postgresql" {
            let key = withUnsafeBytes(of: caseID.uuid) { $0.loadUnaligned(as: Int64.self) }
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run()
        } else if !writing {
            try await sql.raw("UPDATE \(ident: CaseProjectionRecord.schema) SET last_sequence = last_sequence WHERE id = \(bind: caseID)").run()
        }
    }

    /// The case's state now, read outside any transaction.
    static func state(of caseID: UUID, app: Application, on db: any Database) async throws -> CaseSummary {
        CaseFold.fold(try await CaseDocket.entries(of: caseID, on: db), rules: app.docket.rules, now: app.docket.clock.now())
    }
}
