import DocketCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// An account's cases of one kind, a page at a time, newest activity first: one index range on
/// the participants (account, kind, open, last activity) joined to the projection, and a count on
/// the same index, so the cost does not grow with how many cases the person or the court has.
enum CaseListing {
    /// Which cases a list shows.
    enum Show: String, CaseIterable {
        case all, open, closed

        init(_ req: Request) { self = (try? req.query.get(String.self, at: "show")).flatMap(Show.init(rawValue:)) ?? .all }
    }

    /// What a listing shows of a case: read column by column from plain rows (no model
    /// reflection, no keyed decoding per row).
    struct Row {
        let id: UUID
        let role: String?
        let party: String?
        let stage: String
        let nextDeadline: String?
        let nextStep: String?
        let firstParty: String?
        let otherParty: String?
        let balanceCents: Int64?

        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: UUID.self)
            let joined = row.contains(column: "role")
            role = joined ? try row.decode(column: "role", as: String?.self) : nil
            party = joined ? try row.decode(column: "party", as: String?.self) : nil
            stage = try row.decode(column: "stage", as: String.self)
            nextDeadline = try row.decode(column: "next_deadline", as: String?.self)
            nextStep = try row.decode(column: "next_step", as: String?.self)
            firstParty = try row.decode(column: "first_party", as: String?.self)
            otherParty = try row.decode(column: "other_party", as: String?.self)
            balanceCents = try row.decode(column: "balance_cents", as: Int64?.self)
        }
    }

    /// The listing columns of the projection (`c`), with the account's role and party when
    /// joined to its participant row (`p`).
    static let columns = "c.id, c.stage, c.next_deadline, c.next_step, c.first_party, c.other_party, c.balance_cents"

    static func page(account: UUID, kind: CaseKind, show: Show, page: Int, on db: any Database) async throws -> (items: [Row], total: Int) {
        let sql = try db.sql
        var listed: SQLQueryString = "FROM case_participants WHERE account_id = \(bind: account) AND kind = \(bind: kind.rawValue)"
        if show != .all { listed += " AND open = \(bind: show == .open)" }
        let total = try await PlainRows.count(listed, on: db)
        guard total > 0 else { return ([], 0) }
        // The page's case ids from the index alone (it holds the case id), then only those rows:
        // a far page skips index entries, not joined rows. Participant rows of one case share its
        // last activity, so the outer order is the inner one.
        let joined: SQLQueryString = "SELECT \(unsafeRaw: columns), p.role, p.party FROM case_participants p "
            + "JOIN case_projections c ON c.id = p.case_id WHERE p.account_id = \(bind: account) AND p.case_id IN (SELECT case_id "
        let order: SQLQueryString = """
             ORDER BY updated_at DESC, case_id LIMIT \(literal: Pager.size) OFFSET \(literal: Pager.offset(page: page, total: total)))
            ORDER BY p.updated_at DESC, p.case_id
            """
        let rows = try await sql.raw(joined + listed + order).all().map(Row.init)
        // An account with two roles in one case (a respondent who also represents) is listed once.
        var seen = Set<UUID>()
        return (rows.filter { seen.insert($0.id).inserted }, total)
    }
}
