import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import DocketApp

/// The lookups pages and the sweep make most use an index, on SQLite and on PostgreSQL, whatever
/// the size of the database: proved from each database's own query plan.
@Suite struct QueryPlanTests {
    static let id = "'00000000-0000-0000-0000-000000000001'"
    static let hot: [(table: String, query: String)] = [
        ("docket_entries", "SELECT * FROM docket_entries WHERE case_id = \(id) ORDER BY sequence"),
        ("odr_invitations", "SELECT * FROM odr_invitations WHERE case_id = \(id)"),
        ("odr_invitations", "SELECT * FROM odr_invitations WHERE account_id = \(id)"),
        ("odr_invitations", "SELECT * FROM odr_invitations WHERE respondent_email = 'a@example.com'"),
        ("odr_representatives", "SELECT * FROM odr_representatives WHERE account_id = \(id)"),
        ("case_participants", "SELECT * FROM case_participants WHERE account_id = \(id)"),
        ("case_projections", "SELECT * FROM case_projections WHERE filer_account_id = \(id) AND office_code = 'x' AND filing_year = 2026"),
        ("case_projections", "SELECT id FROM case_projections WHERE waiting_on = 'clerk' AND kind = 'court' ORDER BY submitted_at, id LIMIT 25"),
        ("case_projections", "SELECT COUNT(*) FROM case_projections WHERE waiting_on = 'clerk' AND kind = 'court'"),
        ("case_projections", "SELECT * FROM case_projections WHERE kind = 'odr' AND stage = 'pending'"),
        ("claims", "SELECT * FROM claims WHERE account_id = \(id)"),
        ("odr_cases", "SELECT * FROM odr_cases WHERE account_id = \(id)"),
        // Every signed-in request: the session and its account.
        ("account_sessions", "SELECT s.id, a.email FROM account_sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = 'x'"),
        // My account, transactions and the clerks' queue, a page at a time.
        ("case_participants", "SELECT COUNT(*) FROM case_participants WHERE account_id = \(id) AND kind = 'odr' AND open = true"),
        ("case_participants", "SELECT case_id FROM case_participants WHERE account_id = \(id) AND kind = 'odr' ORDER BY updated_at DESC, case_id LIMIT 25 OFFSET 4975"),
        ("case_participants", "SELECT case_id FROM case_participants WHERE account_id = \(id) AND kind = 'odr' AND open = false ORDER BY updated_at DESC, case_id LIMIT 25"),
        ("case_projections", "SELECT * FROM case_projections WHERE kind = 'court' AND filer_account_id = \(id) ORDER BY submitted_at DESC, id LIMIT 25"),
        ("case_projections", "SELECT COUNT(*) FROM case_projections WHERE filer_account_id = \(id) AND kind = 'court'"),
        ("case_participants", """
            SELECT c.id, p.role FROM case_participants p JOIN case_projections c ON c.id = p.case_id WHERE p.account_id = \(id)
            AND p.case_id IN (SELECT case_id FROM case_participants WHERE account_id = \(id) AND kind = 'odr'
            ORDER BY updated_at DESC, case_id LIMIT 25 OFFSET 0) ORDER BY p.updated_at DESC, p.case_id
            """),
        // Invitations to an address not answered yet (My account).
        ("case_projections", """
            SELECT c.id FROM case_projections c WHERE c.id IN (SELECT i.case_id FROM odr_invitations i
            WHERE i.respondent_email = 'a@example.com' AND i.used_at IS NULL)
            AND NOT EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.account_id = \(id)) ORDER BY c.updated_at DESC
            """),
        // A dispute's page: its representatives with their addresses.
        ("odr_representatives", "SELECT r.party, a.email FROM odr_representatives r JOIN accounts a ON a.id = r.account_id WHERE r.case_id = \(id)"),
        // A claim's or dispute's page, and a person's contact details: by id.
        ("claims", "SELECT * FROM claims WHERE id = \(id)"),
        ("odr_cases", "SELECT * FROM odr_cases WHERE id = \(id)"),
        ("contact_details", "SELECT * FROM contact_details WHERE id = \(id)"),
        ("claims", "SELECT * FROM claims WHERE account_id = \(id) AND status = 'draft' ORDER BY updated_at DESC"),
        ("odr_cases", "SELECT * FROM odr_cases WHERE account_id = \(id) AND status = 'draft' ORDER BY updated_at DESC"),
        ("case_participants", "SELECT 1 FROM case_participants WHERE case_id = \(id) AND account_id = \(id)"),
        // The sweep: only what is due.
        ("case_projections", "SELECT * FROM case_projections WHERE sweep_on <= '2026-11-24'"),
    ]

    @Test func everyHotLookupUsesAnIndex() async throws {
        try await withDocket { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            for (table, query) in Self.hot {
                let plan = try await Self.plan(query, on: sql)
                if sql.dialect.name == "postgresql" {
                    #expect(!plan.contains("Seq Scan"), "\(query): \(plan)")
                } else {
                    // SQLite: "SEARCH t USING INDEX …" is an index; a step "SCAN t" without one reads the whole table.
                    let scans = plan.components(separatedBy: " | ").filter { $0.hasPrefix("SCAN ") && !$0.contains(" USING ") }
                    #expect(scans.isEmpty, "\(table): \(query): \(plan)")
                }
            }
        }
    }

    /// The plan as one line of text. On PostgreSQL sequential scans are switched off for the
    /// question, so the answer says whether an index could serve, not what is cheapest on a tiny table.
    static func plan(_ query: String, on sql: any SQLDatabase) async throws -> String {
        if sql.dialect.name == "postgresql" {
            return try await (sql as! any Database).transaction { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("SET LOCAL enable_seqscan = off").run()
                let rows = try await sql.raw(SQLQueryString(stringLiteral: "EXPLAIN " + query)).all()
                return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: " | ")
            }
        }
        let rows = try await sql.raw(SQLQueryString(stringLiteral: "EXPLAIN QUERY PLAN " + query)).all()
        return try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " | ")
    }
}
