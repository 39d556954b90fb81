import DocketCore
import Fluent
import Foundation
import SQLKit
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
            try await app.write { db in
                for office in valid { try await CourtOfficeRecord(office, at: now).create(on: db) }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another process starting at the same moment loaded the list first.
            return
        }
        app.logger.notice("court offices loaded", metadata: ["count": "\(offices.count - skipped)", "skipped": "\(skipped)"])
    }

    /// The offices still taking filings, by city and name.
    static func open(on db: any Database) async throws -> [CourtOfficeRecord] {
        try await read("WHERE retired_at IS NULL ORDER BY city, name", on: db)
    }

    /// The office with `code`, retired or not.
    static func find(_ code: String, on db: any Database) async throws -> CourtOfficeRecord? {
        try await read("WHERE code = \(bind: code)", on: db).first
    }

    /// The offices with these codes.
    static func find(_ codes: [String], on db: any Database) async throws -> [CourtOfficeRecord] {
        codes.isEmpty ? [] : try await read("WHERE code IN \(SQLBind.group(codes))", on: db)
    }

    /// The names of the offices with these codes, in `language`, by code (a list's office
    /// column: no record made).
    static func names(_ codes: Set<String>, _ language: Language, on db: any Database) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        let column = language == .fr ? "name_fr" : "name"
        var names: [String: String] = [:]
        for row in try await db.sql.raw("""
            SELECT code, \(ident: column) AS name FROM \(ident: CourtOfficeRecord.schema) WHERE code IN \(SQLBind.group(Array(codes)))
            """).all() {
            names[try row.decode(column: "code", as: String.self)] = try row.decode(column: "name", as: String.self)
        }
        return names
    }

    /// Offices are read on every filing and office page: plain SQL, set column by column.
    private static func read(_ condition: SQLQueryString, on db: any Database) async throws -> [CourtOfficeRecord] {
        try await db.sql.raw("""
            SELECT id, code, name, name_fr, short_code, street_address, city, postal_code, phone, small_claims, location_id,
            retired_at, updated_at FROM \(ident: CourtOfficeRecord.schema) \(condition)
            """).all().map { row in
            let r = CourtOfficeRecord()
            r.id = try row.decode(column: "id", as: UUID.self)
            r.code = try row.decode(column: "code", as: String.self)
            r.name = try row.decode(column: "name", as: String.self)
            r.nameFr = try row.decode(column: "name_fr", as: String.self)
            r.shortCode = try row.decode(column: "short_code", as: String.self)
            r.streetAddress = try row.decode(column: "street_address", as: String.self)
            r.city = try row.decode(column: "city", as: String.self)
            r.postalCode = try row.decode(column: "postal_code", as: String.self)
            r.phone = try row.decode(column: "phone", as: String.self)
            r.smallClaims = try row.decode(column: "small_claims", as: String.self)
            r.locationID = try row.decode(column: "location_id", as: String.self)
            r.retiredAt = try row.decode(column: "retired_at", as: Date?.self)
            r.updatedAt = try row.decode(column: "updated_at", as: Date.self)
            r.$id.exists = true
            return r
        }
    }
}
