import DocketCore
import Fluent
import Foundation
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
        func filtered() -> QueryBuilder<CaseParticipantRecord> {
            let q = CaseParticipantRecord.query(on: db).filter(\.$accountID == account).filter(\.$kind == kind.rawValue)
            switch show {
            case .all: return q
            case .open: return q.filter(\.$open == true)
            case .closed: return q.filter(\.$open == false)
            }
        }
        let total = try await filtered().count()
        let offset = Pager.offset(page: page, total: total)
        let rows = try await filtered().join(CaseProjectionRecord.self, on: \CaseParticipantRecord.$caseID == \CaseProjectionRecord.$id)
            .sort(\.$updatedAt, .descending).sort(\.$caseID).range(offset..<(offset + Pager.size)).all()
        // An account with two roles in one case (a respondent who also represents) is listed once.
        var seen = Set<UUID>()
        let items = try rows.compactMap { p -> Item? in
            guard seen.insert(p.caseID).inserted else { return nil }
            return Item(participant: p, row: try p.joined(CaseProjectionRecord.self))
        }
        return (items, total)
    }
}
