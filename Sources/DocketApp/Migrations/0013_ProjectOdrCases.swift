import DocketCore
import Fluent
import Foundation
import SQLKit

/// Online disputes submitted before this release get their projection row and participants from a
/// fold of their docket, as every act on them now writes.
struct ProjectOdrCases: AsyncMigration {
    func prepare(on db: any Database) async throws {
        for record in try await OdrCaseRecord.query(on: db).filter(\.$status == "submitted").all() {
            let entries = try await CaseDocket.records(of: record.id!, on: db).map { try $0.odrEntry() }
            let summary = OdrFold.fold(entries, claimant: record.claimantEmail, rules: RuleSets.ontarioSmallClaims, now: Date())
            try await CaseProjection.rewrite(odr: record, summary, lastSequence: entries.last?.sequence ?? 0, at: Date(), on: db)
        }
        try await (db as! any SQLDatabase).create(index: "case_projections_kind_stage").on(CaseProjectionRecord.schema)
            .column("kind").column("stage").run()
    }

    func revert(on db: any Database) async throws {
        try await CaseParticipantRecord.query(on: db).filter(\.$role != "plaintiff").delete()
        try await CaseProjectionRecord.query(on: db).filter(\.$kind == CaseKind.odr.rawValue).delete()
    }
}
