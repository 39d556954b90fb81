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

    struct Item {
        let participant: CaseParticipantRecord
        let row: CaseProjectionRecord
    }

    static func page(account: UUID, kind: CaseKind, show: Show, page: Int, on db: any Database) async throws -> (items: [Item], total: Int) {
        guard let sql = db as? any SQLDatabase else { throw StatusMove.DatabaseNotSQL() }
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            query.from(CaseParticipantRecord.schema).where("account_id", .equal, SQLBind(account)).where("kind", .equal, SQLBind(kind.rawValue))
            switch show {
            case .all: return query
            case .open, .closed: return query.where("open", .equal, SQLBind(show == .open))
            }
        }
        struct Count: Decodable { let n: Int }
        struct Listed: Decodable { let case_id: UUID }
        let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first(decoding: Count.self)?.n ?? 0
        // The page's case ids from the index alone (it holds the case id), then only those rows:
        // a far page skips index entries, not joined rows.
        let ids = try await filtered(sql.select().column("case_id")).orderBy("updated_at", .descending).orderBy("case_id")
            .limit(Pager.size).offset(Pager.offset(page: page, total: total)).all(decoding: Listed.self).map(\.case_id)
        guard !ids.isEmpty else { return ([], total) }
        let order = Dictionary(ids.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let rows = try await CaseParticipantRecord.query(on: db).filter(\.$accountID == account).filter(\.$caseID ~~ ids)
            .join(CaseProjectionRecord.self, on: \CaseParticipantRecord.$caseID == \CaseProjectionRecord.$id).all()
            .sorted { order[$0.caseID, default: 0] < order[$1.caseID, default: 0] }
        // An account with two roles in one case (a respondent who also represents) is listed once.
        var seen = Set<UUID>()
        let items = try rows.compactMap { p -> Item? in
            guard seen.insert(p.caseID).inserted else { return nil }
            return Item(participant: p, row: try p.joined(CaseProjectionRecord.self))
        }
        return (items, total)
    }
}
