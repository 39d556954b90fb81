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
        guard let sql = db as? any SQLDatabase else { throw StatusMove.DatabaseNotSQL() }
        struct Row: Decodable { let case_id: UUID }
        let cases = try await sql.raw("SELECT DISTINCT case_id FROM \(ident: DocketEntryRecord.schema) ORDER BY case_id")
            .all(decoding: Row.self)
        var broken: [Broken] = []
        for row in cases {
            let records = try await CaseDocket.records(of: row.case_id, on: db)
            if let entry = CaseDocket.firstBreak(records) {
                broken.append(Broken(caseID: row.case_id, kind: records.first?.caseKind ?? "court", entry: entry))
            }
        }
        return Report(checked: cases.count, broken: broken)
    }
}

/// `docket verify-dockets`: exit 0 when every chain is intact, 1 (naming each broken case) otherwise.
struct VerifyDocketsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Checks the hash chain of every case's docket and names each broken one." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let report = try await DocketChains.verify(on: context.application.db)
        for b in report.broken {
            context.console.print("case \(b.caseID.uuidString) (\(b.kind)): entry \(b.entry) does not follow the entry before it")
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
