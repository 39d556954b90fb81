import DocketCore
import Fluent
import Foundation
import Vapor

enum CourtOffices {
    /// On first start (no offices at all), loads the shipped list in one transaction. Rows that do
    /// not pass the same checks as an administrator's entry are skipped and logged, not guessed at.
    static func seedIfEmpty(_ app: Application, csvPath: String) async throws {
        guard try await CourtOfficeRecord.query(on: app.db).count() == 0 else { return }
        guard let text = try? String(contentsOfFile: csvPath, encoding: .utf8) else {
            app.logger.warning("no court office list at \(csvPath); administrators can add offices at /staff/offices")
            return
        }
        let now = app.docket.clock.now()
        let offices = try CourtOfficeCSV.parse(text)
        let valid = offices.map { $0.validated() }.filter { $0.1.isEmpty }.map(\.0)
        let skipped = offices.count - valid.count
        do {
            try await app.db.transaction { db in
                for office in valid { try await CourtOfficeRecord(office, at: now).create(on: db) }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another process starting at the same moment loaded the list first.
            return
        }
        app.logger.notice("court offices loaded", metadata: ["count": "\(offices.count - skipped)", "skipped": "\(skipped)"])
    }

    static func open(on db: any Database) async throws -> [CourtOfficeRecord] {
        try await CourtOfficeRecord.query(on: db).filter(\.$retiredAt == nil).sort(\.$city).sort(\.$name).all()
    }
}
