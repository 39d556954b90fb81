import DocketCore
import DocketDocuments
import Vapor

/// What the filer entered, laid out for checking, and docket entries in words.
enum ClaimAnswers {
    static func groups(_ req: Request, _ claim: ClaimRecord, _ d: ClaimDraft, office: String, editable: Bool = true) -> [AnswerGroup] {
        func link(_ rest: String) -> String? { editable ? ClaimAccess.path(claim, rest) : nil }
        func row(_ key: String, _ value: String, _ section: ClaimSection) -> AnswerRow {
            AnswerRow(label: req.t(key), value: value.isEmpty ? req.t("answer.none") : value, change: link(section.rawValue))
        }
        func parties(_ list: [ClaimParty], _ section: ClaimSection) -> [AnswerRow] {
            let side = section == .plaintiffs ? "plaintiff" : "defendant"
            return list.enumerated().map { n, p in
                let lines = [p.fullDescription, p.mailingAddress, p.phone, p.email, p.underDisability ? req.t("field.underDisability") : ""]
                return AnswerRow(label: req.t("claim.\(side).number", [String(n + 1)]), value: lines.filter { !$0.isEmpty }.joined(separator: "\n"),
                                 change: link("\(section.rawValue)/\(n)"), changeLabel: req.t("claim.\(side).change", [p.name]))
            }
        }
        let interest: String
        switch d.interest?.basis {
        case nil: interest = ""
        case .none?: interest = req.t("interestBasis.none")
        case .contract?: interest = req.t("interestBasis.contract") + " — " + (d.interest?.rateBasisPoints.map(ClaimForms.percent) ?? "")
            + (d.interest?.from.map { " — " + req.day($0) } ?? "")
        case .courtsOfJusticeAct?: interest = req.t("interestBasis.courts-of-justice-act") + (d.interest?.from.map { " — " + req.day($0) } ?? "")
        }
        let rep = d.filingForClient == true ? d.representative.map { [$0.name, $0.lawSocietyNumber, $0.firm, $0.address, $0.phone, $0.email]
            .filter { !$0.isEmpty }.joined(separator: "\n") } ?? "" : (d.filingForClient == false ? req.t("filingForClient.no") : "")
        return [
            AnswerGroup(heading: req.t("claim.section.office"), rows: [
                row("field.officeCode", office, .office),
                row("field.venue", d.venue.map { req.t("venue.\($0.rawValue)") } ?? "", .office)]),
            AnswerGroup(heading: req.t("claim.section.plaintiffs"), rows: parties(d.plaintiffs, .plaintiffs)),
            AnswerGroup(heading: req.t("claim.section.defendants"), rows: parties(d.defendants, .defendants)),
            AnswerGroup(heading: req.t("claim.section.representative"), rows: [row("claim.section.representative", rep, .representative)]),
            AnswerGroup(heading: req.t("claim.section.claim"), rows: d.rows.map { row("field.reason", $0.reason + " — " + req.money($0.amount), .claim) }
                + [row("claim.total", req.money(d.total), .claim), row("claim.interest", interest, .claim),
                   row("field.waivesExcess", d.waivesExcess ? req.t("answer.yes") : req.t("answer.no"), .claim)]),
            AnswerGroup(heading: req.t("claim.section.story"), rows: [
                row("field.summary", d.summary, .story),
                row("field.incidentOn", d.incidentOn.map(req.day) ?? "", .story),
                row("field.discoveredOn", d.discoveredOn.map(req.day) ?? "", .story),
                row("claim.timeline", d.timeline.map { req.day($0.on) + " — " + $0.what }.joined(separator: "\n"), .story)]),
            AnswerGroup(heading: req.t("claim.section.documents"), rows: [
                row("claim.section.documents", d.documents.map { $0.title + ($0.fileName.map { " (\($0))" } ?? "") }.joined(separator: "\n"), .documents)]),
        ]
    }

    /// One docket entry in the reader's language; `state` names the parties its events refer to by id.
    static func describe(_ req: Request, _ event: DocketEvent, in state: CaseSummary) -> String {
        func name(_ id: PartyID) -> String { state.defendantNames[id] ?? id.rawValue }
        switch event {
        case let .claimSubmitted(defendants, _): return req.t("docket.claimSubmitted", [defendants.joined(separator: ", ")])
        case let .claimFiled(filed): return req.t("docket.claimFiled", [filed.defendants.map(\.name).joined(separator: ", ")])
        case let .feePaid(amount, reference): return req.t("docket.feePaid", [req.money(amount), reference])
        case .feeWaiverRequested: return req.t("docket.feeWaiver")
        case let .claimReferred(reasons): return req.t("docket.claimReferred", [reasons.map { req.t("review.\($0)") }.joined(separator: "; ")])
        case let .claimRejected(reasons): return req.t("docket.claimRejected", [reasons])
        case let .claimIssued(number, on): return req.t("docket.claimIssued", [number, req.day(on)])
        case .claimSealed: return req.t("docket.claimSealed")
        case let .claimServed(d, _, _): return req.t("docket.claimServed", [name(d)])
        case let .defenceFiled(d, _): return req.t("docket.defenceFiled", [name(d)])
        case let .admissionWithProposal(d, _, _): return req.t("docket.admissionWithProposal", [name(d)])
        case let .notingInDefaultRequested(d, _): return req.t("docket.notingInDefaultRequested", [name(d)])
        case let .notedInDefault(d, _): return req.t("docket.notedInDefault", [name(d)])
        case let .defaultJudgment(d, _): return req.t("docket.defaultJudgment", [name(d)])
        }
    }
}
