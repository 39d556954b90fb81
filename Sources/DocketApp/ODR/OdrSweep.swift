import DocketCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Background work for ODR cases. The state of a case is derived from its docket and the clock,
/// so this only records what it sees (a lapse, a reminder sent, a default noticed) and tells people.
/// Each case is handled under its lock, so two sweeps, in one process or two, record a thing once.
enum OdrSweep {
    struct Outcome: Equatable, Sendable {
        var lapsed = 0, reminded = 0, defaults = 0
    }

    /// Sweeps every dispute due by today, `batch` at a time (in the order of their ids, so each is
    /// read once however many there are: a day with 95,000 due once held them all in memory).
    @discardableResult
    static func run(app: Application, batch: Int = 500) async throws -> Outcome {
        // Only disputes where something is due by today (a reminder, a lapse, a default, an
        // agreement to seal): the projection keeps that day, indexed, so the rest are not read.
        let today = CivilDate.of(app.docket.clock.now()).description
        var outcome = Outcome()
        var after = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        while true {
            let rows = try await app.db.sql.raw("""
                SELECT id, waiting_on FROM \(ident: CaseProjectionRecord.schema)
                WHERE sweep_on <= \(bind: today) AND id > \(bind: after) ORDER BY id LIMIT \(literal: batch)
                """).all()
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                // An agreement everyone signed whose sealing did not finish is sealed now.
                if try row.decode(column: "waiting_on", as: String?.self) == OdrSide.system.rawValue,
                   let record = try await OdrCaseRecord.find(id, on: app.db) {
                    try await OdrAgreementSeal.seal(record, app: app)
                }
                let step = try await sweep(id, app: app)
                outcome.lapsed += step.lapsed; outcome.reminded += step.reminded; outcome.defaults += step.defaults
                after = id
            }
            if rows.count < batch { return outcome }
        }
    }

    static func sweep(_ id: UUID, app: Application) async throws -> Outcome {
        let now = app.docket.clock.now()
        return try await OdrCases.locked(id, app: app) { db, record, summary in
            var outcome = Outcome()
            func note(_ command: OdrCommand) async throws {
                _ = try await OdrCases.append(command, side: .system, party: "", actor: nil, record, summary, app: app, on: db)
            }
            if summary.lapseToRecord {
                try await note(.recordLapse)
                try await OdrMail.closed(record, reason: .noResponse, respondents: summary.unanswered.compactMap(summary.email(of:)),
                                         app: app, at: now, on: db)
                outcome.lapsed = 1
            }
            for (respondent, day) in summary.remindersDue {
                try await note(.remind(respondent: respondent, day: day))
                guard let email = summary.email(of: respondent) else { continue }
                try await OdrMail.reminder(record, to: email, lastDay: summary.acceptBy!, app: app, at: now, on: db)
                outcome.reminded += 1
            }
            if summary.defaultNoticeDue, let since = summary.defaultSince {
                try await note(.noticeDefault)
                try await OdrMail.inDefault(record, to: summary.signatories.compactMap(summary.email(of:)), since: since, app: app, at: now, on: db)
                outcome.defaults = 1
            }
            // Nothing to record after all: the projection's day moves on, so the case is not read again until then.
            if outcome == Outcome() { try await OdrCases.project(record, app: app, on: db) }
            return outcome
        }
    }
}
