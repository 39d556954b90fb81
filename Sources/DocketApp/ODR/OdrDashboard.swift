import DocketCore
import Fluent
import SQLKit
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
    /// One page of the account's disputes (`show` narrows them), after, on the first page, its
    /// drafts and the invitations to its address not answered yet. A fixed number of queries
    /// whatever the number of cases, each on an index: nothing is folded, the projection says it.
    static func items(_ req: Request, _ account: AccountRecord, show: CaseListing.Show, page: Int)
        async throws -> (items: [DisputeItem], total: Int) {
        let accountID = account.id!
        var items: [DisputeItem] = []
        if page == 1 {
            let drafts = try await PlainRows.all(OdrCaseRecord.self, where: """
                account_id = \(bind: accountID) AND status = 'draft' ORDER BY updated_at DESC
                """, on: req.db)
            for record in drafts {
                let missing = !record.draft.missing.isEmpty
                items.append(DisputeItem(href: OdrAccess.path(record), title: title(req, record.claimantName, names(record)),
                                         status: missing ? "incomplete" : "complete",
                                         statusLabel: req.t(missing ? "odr.status.incomplete" : "claim.status.complete"),
                                         next: req.t(missing ? "odr.next.incomplete" : "odr.next.submit")))
            }
            items += try await invitations(req, account)
        }
        let (listed, total) = try await CaseListing.page(account: accountID, kind: .odr, show: show, page: page, on: req.db)
        for row in listed {
            if ParticipantRole(rawValue: row.role ?? "") == .invited {
                items.append(outcome(req, row))
            } else {
                let side: OdrSide = row.party == OdrParticipant.claimantID ? .claimant : .respondent
                items.append(DisputeItem(href: "/odr/\(row.id.uuidString)", title: title(req, row), status: status(row),
                                         statusLabel: statusLabel(req, row), next: next(req, row, side: side)))
            }
        }
        return (items, total)
    }

    /// Invitations to the account's address it has not answered: waiting (with the last day) or
    /// closed. One that was answered from another account, or for a case the account takes part
    /// in, is not shown.
    private static func invitations(_ req: Request, _ account: AccountRecord) async throws -> [DisputeItem] {
        let sql = try req.db.sql
        // One query: the invitations' cases, not those the account takes part in.
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: CaseListing.columns) FROM case_projections c
            WHERE c.id IN (SELECT i.case_id FROM odr_invitations i WHERE i.respondent_email = \(bind: account.email) AND i.used_at IS NULL)
            AND NOT EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.account_id = \(bind: account.id!))
            ORDER BY c.updated_at DESC
            """).all().map(CaseListing.Row.init)
        return rows.map { row in
            guard row.stage == OdrStatus.pending.rawValue else { return outcome(req, row) }
            return DisputeItem(href: nil, title: title(req, row), status: "pending", statusLabel: req.t("odr.status.invited"),
                               next: req.t("odr.next.invited", [row.nextDeadline.flatMap(CivilDate.init).map(req.day) ?? ""]))
        }
    }

    /// A case the person was invited to but did not join: where it ended.
    private static func outcome(_ req: Request, _ row: CaseListing.Row) -> DisputeItem {
        DisputeItem(href: nil, title: title(req, row), status: status(row), statusLabel: statusLabel(req, row), next: req.t("odr.next.notJoined"))
    }

    private static func names(_ record: OdrCaseRecord) -> String { record.draft.respondents.map(\.name).joined(separator: ", ") }

    private static func title(_ req: Request, _ claimant: String, _ respondents: String) -> String {
        req.t("odr.dashboard.title", [claimant, respondents.isEmpty ? "…" : respondents])
    }

    private static func title(_ req: Request, _ row: CaseListing.Row) -> String { title(req, row.firstParty ?? "", row.otherParty ?? "") }

    /// The status a row's stage names (`closed-<how>` is closed).
    private static func status(_ row: CaseListing.Row) -> String {
        row.stage.hasPrefix("closed") ? OdrStatus.closed.rawValue : row.stage
    }

    private static func closure(_ row: CaseListing.Row) -> String? {
        row.stage.hasPrefix("closed-") ? String(row.stage.dropFirst("closed-".count)) : nil
    }

    private static func statusLabel(_ req: Request, _ row: CaseListing.Row) -> String {
        req.t("odr.status.\(status(row))") + (closure(row).map { " — " + req.t("odr.closure.\($0)") } ?? "")
    }

    /// What to do next and by when, from the projection: the same words as the case page's.
    static func next(_ req: Request, _ row: CaseListing.Row, side: OdrSide) -> String {
        let day = row.nextDeadline.flatMap(CivilDate.init).map(req.day) ?? ""
        let balance = req.money(Money(cents: row.balanceCents ?? 0))
        switch OdrStatus(rawValue: status(row)) ?? .closed {
        case .pending: return req.t(side == .claimant ? "odr.next.pending" : "odr.next.pendingRespondent", [day])
        case .active: return req.t(row.nextStep == OdrAction.sign.rawValue ? "odr.next.sign" : "odr.next.active")
        case .settled: return row.nextDeadline == nil ? req.t("odr.next.paid") : req.t("odr.next.settled", [day, balance])
        case .inDefault: return req.t("odr.next.default", [day, balance])
        case .closed: return req.t("odr.next.closed.\(closure(row) ?? "withdrawn")")
        }
    }
}
