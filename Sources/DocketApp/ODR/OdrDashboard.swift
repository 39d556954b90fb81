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
    /// A fixed number of queries whatever the number of cases: the records, then every docket at once.
    static func items(_ req: Request, _ account: AccountRecord) async throws -> [DisputeItem] {
        let own = try await OdrCaseRecord.query(on: req.db).filter(\.$accountID == account.id!).sort(\.$updatedAt, .descending).all()
        let joined = try await OdrInvitationRecord.query(on: req.db).filter(\.$accountID == account.id!).all()
        let represented = try await OdrRepresentativeRecord.query(on: req.db).filter(\.$accountID == account.id!).all()
        let others = joined.map { ($0.caseID, $0.respondentEmail) } + represented.map { ($0.caseID, $0.party) }
        // Invitations to this account's address not answered yet: waiting (with the last day) or closed.
        let unanswered = try await OdrInvitationRecord.query(on: req.db).filter(\.$respondentEmail == account.email)
            .filter(\.$usedAt == nil).all()
            .filter { invitation in !others.contains { $0.0 == invitation.caseID } }
        let otherIDs = Set(others.map(\.0) + unanswered.map(\.caseID))
        let found = otherIDs.isEmpty ? [] : try await OdrCaseRecord.query(on: req.db).filter(\.$id ~~ Array(otherIDs)).all()
        let records = Dictionary(found.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let folded = try await summaries(of: own.filter { !$0.isDraft } + Array(records.values), req)

        var items: [DisputeItem] = []
        for record in own {
            guard let s = folded[record.id!] else {
                let missing = !record.draft.missing.isEmpty
                items.append(DisputeItem(href: OdrAccess.path(record), title: title(req, record), status: missing ? "incomplete" : "complete",
                                         statusLabel: req.t(missing ? "odr.status.incomplete" : "claim.status.complete"),
                                         next: req.t(missing ? "odr.next.incomplete" : "odr.next.submit")))
                continue
            }
            items.append(item(req, record, s, side: .claimant))
        }
        for (caseID, party) in others {
            guard let record = records[caseID], let s = folded[caseID] else { continue }
            if s.party(for: party) == OdrParticipant.claimantID { items.append(item(req, record, s, side: .claimant)); continue }
            if s.hasAccepted(party) { items.append(item(req, record, s, side: .respondent)); continue }
            items.append(outcome(req, record, s))
        }
        for invitation in unanswered {
            guard let record = records[invitation.caseID], record.accountID != account.id, let s = folded[record.id!] else { continue }
            if s.status == .pending {
                items.append(DisputeItem(href: nil, title: title(req, record), status: "pending", statusLabel: req.t("odr.status.invited"),
                                         next: req.t("odr.next.invited", [s.acceptBy.map(req.day) ?? ""])))
            } else {
                items.append(outcome(req, record, s))
            }
        }
        return items
    }

    /// Every docket of `records` read in one query, and each folded.
    private static func summaries(of records: [OdrCaseRecord], _ req: Request) async throws -> [UUID: OdrSummary] {
        guard !records.isEmpty else { return [:] }
        let all = try await DocketEntryRecord.query(on: req.db).filter(\.$caseID ~~ records.map { $0.id! }).sort(\.$sequence).all()
        let byCase = Dictionary(grouping: all, by: \.caseID)
        var result: [UUID: OdrSummary] = [:]
        for record in records {
            let entries = try (byCase[record.id!] ?? []).map { try $0.odrEntry() }
            result[record.id!] = OdrCases.fold(entries, record, req.application)
        }
        return result
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

    private static func item(_ req: Request, _ record: OdrCaseRecord, _ s: OdrSummary, side: OdrSide) -> DisputeItem {
        DisputeItem(href: OdrAccess.path(record), title: title(req, record), status: s.status.rawValue,
                    statusLabel: req.t("odr.status.\(s.status.rawValue)") + (s.closure.map { " — " + req.t("odr.closure.\($0.rawValue)") } ?? ""),
                    next: OdrPages.next(req, s, side: side))
    }
}
