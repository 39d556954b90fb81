import DocketCore
import Fluent
import Vapor

/// One ODR case on a party's dashboard: its status, and what to do next and by when.
struct DisputeItem: Encodable {
    /// Nil for a case the person can no longer open (declined, or closed before they answered).
    let href: String?
    let title: String
    let status: String
    let statusLabel: String
    let next: String
}

enum OdrDashboard {
    /// The cases the account opened, and those it joined or was invited to by an answered link.
    static func items(_ req: Request, _ account: AccountRecord) async throws -> [DisputeItem] {
        let own = try await OdrCaseRecord.query(on: req.db).filter(\.$accountID == account.id!).sort(\.$updatedAt, .descending).all()
        let joined = try await OdrInvitationRecord.query(on: req.db).filter(\.$accountID == account.id!).all()
        var items: [DisputeItem] = []
        for record in own {
            if record.isDraft {
                let missing = !record.draft.missing.isEmpty
                items.append(DisputeItem(href: OdrAccess.path(record), title: title(req, record), status: missing ? "incomplete" : "complete",
                                         statusLabel: req.t(missing ? "odr.status.incomplete" : "claim.status.complete"),
                                         next: req.t(missing ? "odr.next.incomplete" : "odr.next.submit")))
                continue
            }
            items.append(try await item(req, record, side: .claimant))
        }
        let represented = try await OdrRepresentativeRecord.query(on: req.db).filter(\.$accountID == account.id!).all()
        let others = joined.map { ($0.caseID, $0.respondentEmail) } + represented.map { ($0.caseID, $0.party) }
        for (caseID, party) in others {
            guard let record = try await OdrCaseRecord.find(caseID, on: req.db) else { continue }
            let entries = try await OdrCases.entries(record.id!, on: req.db)
            let summary = OdrCases.fold(entries, record, req.application)
            if summary.party(for: party) == OdrParticipant.claimantID { items.append(try await item(req, record, side: .claimant)); continue }
            if summary.hasAccepted(party) { items.append(try await item(req, record, side: .respondent)); continue }
            items.append(outcome(req, record, summary))
        }
        // Invitations to this account's address not answered yet: waiting (with the last day) or closed.
        let unanswered = try await OdrInvitationRecord.query(on: req.db).filter(\.$respondentEmail == account.email)
            .filter(\.$usedAt == nil).all()
        for invitation in unanswered where !others.contains(where: { $0.0 == invitation.caseID }) {
            guard let record = try await OdrCaseRecord.find(invitation.caseID, on: req.db), record.accountID != account.id else { continue }
            let summary = OdrCases.fold(try await OdrCases.entries(record.id!, on: req.db), record, req.application)
            if summary.status == .pending {
                items.append(DisputeItem(href: nil, title: title(req, record), status: "pending", statusLabel: req.t("odr.status.invited"),
                                         next: req.t("odr.next.invited", [summary.acceptBy.map(req.day) ?? ""])))
            } else {
                items.append(outcome(req, record, summary))
            }
        }
        return items
    }

    /// A case the person was invited to but did not join: where it ended.
    private static func outcome(_ req: Request, _ record: OdrCaseRecord, _ s: OdrSummary) -> DisputeItem {
        DisputeItem(href: nil, title: title(req, record), status: s.status.rawValue,
                    statusLabel: req.t("odr.status.\(s.status.rawValue)") + (s.closure.map { " — " + req.t("odr.closure.\($0.rawValue)") } ?? ""),
                    next: req.t("odr.next.notJoined"))
    }

    private static func title(_ req: Request, _ record: OdrCaseRecord) -> String {
        let d = record.draft
        let names = d.respondents.map(\.name).joined(separator: ", ")
        return req.t("odr.dashboard.title", [record.claimantName, names.isEmpty ? "…" : names])
    }

    private static func item(_ req: Request, _ record: OdrCaseRecord, side: OdrSide) async throws -> DisputeItem {
        let s = OdrCases.fold(try await OdrCases.entries(record.id!, on: req.db), record, req.application)
        return DisputeItem(href: OdrAccess.path(record), title: title(req, record), status: s.status.rawValue,
                           statusLabel: req.t("odr.status.\(s.status.rawValue)") + (s.closure.map { " — " + req.t("odr.closure.\($0.rawValue)") } ?? ""),
                           next: OdrPages.next(req, s, side: side))
    }
}
