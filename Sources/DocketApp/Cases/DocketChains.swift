import Fluent
import Foundation
import SQLKit
import Vapor

/// Checks the hash chain of every case's docket: `docket verify-dockets` and the staff page
/// `/staff/dockets` give the same answer.
enum DocketChains {
    struct Broken: Encodable, Sendable {
        let caseID: UUID
        let kind: String
        /// The first entry that does not follow the one before it.
        let entry: Int
    }

    struct Report: Sendable {
        let checked: Int
        let broken: [Broken]
    }

    /// Reads the cases one at a time, so memory stays flat however large the database.
    static func verify(on db: any Database) async throws -> Report {
        let sql = try db.sql
        struct Row: Decodable { let case_id: UUID }
        let cases = try await sql.raw("SELECT DISTINCT case_id FROM \(ident: DocketEntryRecord.schema) ORDER BY case_id")
            .all(decoding: Row.self)
        // The projection remembers each case's last entry: a docket shorter than that lost its end.
        struct Last: Decodable { let id: UUID; let kind: String; let last_sequence: Int }
        let lasts = Dictionary(try await sql.raw("SELECT id, kind, last_sequence FROM \(ident: CaseProjectionRecord.schema)")
            .all(decoding: Last.self).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var broken: [Broken] = []
        for row in cases {
            let records = try await CaseDocket.records(of: row.case_id, on: db)
            let kind = records.first?.caseKind ?? "court"
            if let entry = CaseDocket.firstBreak(records) {
                broken.append(Broken(caseID: row.case_id, kind: kind, entry: entry))
            } else if let last = lasts[row.case_id], last.last_sequence > records.count {
                broken.append(Broken(caseID: row.case_id, kind: kind, entry: records.count + 1))
            }
        }
        // A projected case whose every entry is gone.
        let present = Set(cases.map(\.case_id))
        for last in lasts.values where !present.contains(last.id) && last.last_sequence > 0 {
            broken.append(Broken(caseID: last.id, kind: last.kind, entry: 1))
        }
        return Report(checked: cases.count + broken.filter { !present.contains($0.caseID) }.count, broken: broken)
    }
}

/// `docket verify-dockets`: exit 0 when every chain is intact, 1 (naming each broken case) otherwise.
struct VerifyDocketsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Checks the hash chain of every case's docket and names each broken one." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let report = try await DocketChains.verify(on: context.application.db)
        for b in report.broken {
            context.console.print("case \(b.caseID.uuidString) (\(b.kind)): entry \(b.entry) is missing or does not follow the entry before it")
        }
        guard report.broken.isEmpty else { throw BrokenChains(count: report.broken.count, checked: report.checked) }
        context.console.print("\(report.checked) case dockets checked: every chain is intact.")
    }

    struct BrokenChains: Error, CustomStringConvertible {
        let count: Int
        let checked: Int
        var description: String { "\(count) of \(checked) case dockets have a broken chain" }
    }
}
