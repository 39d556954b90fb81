import DocketCore
import DocketDocuments
import Fluent
import Vapor

/// The ODR pages: a draft being prepared, and the case both sides share.
enum OdrPages {
    struct DraftBody: Encodable {
        let voluntary: String
        let limitation: String?
        let details: [AnswerRow]
        let respondents: [ListItem]
        let hasRespondents: Bool
        let missing: [LinkView]
        let hasMissing: Bool
        let form: FormView
        let submitAction: String
        let deleteAction: String
    }

    static func limitationNote(_ req: Request, _ draft: OdrDraft) -> String? {
        guard let incident = draft.incidentOn else { return nil }
        let check = req.docket.rules.limitation(discovered: incident, today: CivilDate.of(req.now))
        return req.t("odr.limitation", [req.day(check.lastDay)])
    }

    static func draft(_ req: Request, _ record: OdrCaseRecord, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let d = record.draft
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: OdrAccess.path(record, "respondents"), submitKey: "button.addRespondent",
                          sections: [b.section(nil, [b.field("respondentName"), b.field("respondentEmail", "email")])])
        let details = [
            AnswerRow(label: req.t("field.category"), value: d.category.map { req.t("category.\($0.rawValue)") } ?? req.t("answer.none"), change: OdrAccess.path(record, "details")),
            AnswerRow(label: req.t("field.description"), value: d.description.isEmpty ? req.t("answer.none") : d.description, change: OdrAccess.path(record, "details")),
            AnswerRow(label: req.t("field.amount"), value: d.amount.map(req.money) ?? req.t("answer.none"), change: OdrAccess.path(record, "details")),
        ]
        let respondents = d.respondents.enumerated().map { n, r in
            ListItem(title: r.name, lines: [r.email], changeURL: nil, removeURL: OdrAccess.path(record, "respondents/\(n)/remove"))
        }
        let missing = d.missing.map { LinkView(href: $0 == "odr.missing.respondents" ? "#respondentName" : OdrAccess.path(record, "details"), label: req.t($0)) }
        let body = DraftBody(voluntary: req.t("odr.voluntary"), limitation: limitationNote(req, d), details: details,
                             respondents: respondents, hasRespondents: !respondents.isEmpty, missing: missing, hasMissing: !missing.isEmpty,
                             form: form, submitAction: OdrAccess.path(record, "submit"), deleteAction: OdrAccess.path(record, "delete"))
        return try await req.page("odr/draft", titleKey: "odr.draft.title", body, status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    struct ThreadItem: Encodable {
        let who: String
        let when: String
        let text: String
        let file: LinkView?
    }

    struct OfferView: Encodable {
        let number: Int
        let from: String
        let summary: [String]
        let acceptAction: String
        let rejectAction: String
    }

    struct PaymentView: Encodable {
        let text: String
        let confirmAction: String?
    }

    struct CaseBody: Encodable {
        let status: String
        let statusLabel: String
        let next: String
        let voluntary: String
        let limitation: String?
        let details: [AnswerRow]
        let parties: [String]
        let thread: [ThreadItem]
        let hasThread: Bool
        let openOffer: OfferView?
        let canAnswerOffer: Bool
        let canOffer: Bool
        let agreement: LinkView?
        let schedule: [String]
        let hasSchedule: Bool
        let payments: [PaymentView]
        let canMessage: Bool
        let canRecordPayment: Bool
        let canWithdraw: Bool
        let canFileClaim: Bool
        /// The claim would be for an agreement's unpaid balance (else for the amount in dispute).
        let claimForBalance: Bool
        let isClaimant: Bool
        let canAddRepresentative: Bool
        let representatives: [String]
        let errors: [ErrorItem]
        let hasErrors: Bool
        let fieldErrors: [String: String]
        let values: [String: String]
        let base: String
    }

    static func describe(_ req: Request, _ entry: OdrEntry, names: [String: String], evidenceIndex: inout Int, base: String) -> ThreadItem? {
        // Docket's own entries: by the system, or (before the system had a side) as party "docket".
        let byDocket = entry.side == .system || entry.party == "docket"
        let who = byDocket ? "Docket" : names[entry.party] ?? entry.party
        let when = DateText.long(entry.at, req.language)
        func item(_ key: String, _ args: [String] = [], file: LinkView? = nil) -> ThreadItem {
            ThreadItem(who: who, when: when, text: req.t(key, args), file: file)
        }
        switch entry.event {
        case .submitted, .opened: return item("odr.event.submitted")
        case .accepted: return item("odr.event.accepted")
        case .declined: return item("odr.event.declined")
        case let .answeredByAnotherAccount(r, accountEmail): return item("odr.event.otherAccount", [names[r] ?? r, accountEmail])
        case let .reminded(r, day): return item("odr.event.reminded", [names[r] ?? r, String(day)])
        case .lapsed: return item("odr.event.lapsed")
        case let .message(text): return ThreadItem(who: who, when: when, text: text, file: nil)
        case let .evidence(title, fileName, _, _, _):
            defer { evidenceIndex += 1 }
            return item("odr.event.evidence", [title], file: LinkView(href: base + "/evidence/\(evidenceIndex)", label: fileName))
        case let .offer(n, terms): return item("odr.event.offer", [String(n), termsText(req, terms)])
        case let .offerAccepted(n): return item("odr.event.offerAccepted", [String(n)])
        case let .offerRejected(n): return item("odr.event.offerRejected", [String(n)])
        case let .signed(name, _): return item("odr.event.signed", [name])
        case .agreementSealed: return item("odr.event.sealed")
        case let .paymentRecorded(_, amount, on): return item("odr.event.payment", [req.money(amount), req.day(on)])
        case let .paymentConfirmed(n): return item("odr.event.paymentConfirmed", [String(n)])
        case .defaultNoticed: return item("odr.event.default")
        case .withdrawn: return item("odr.event.withdrawn")
        }
    }

    /// Every term of an offer, one line each: amount and schedule, method, what happens on a missed
    /// payment, and whether liability is admitted. What a person sees before deciding.
    static func termsLines(_ req: Request, _ terms: SettlementTerms) -> [String] {
        var lines = [termsText(req, terms)]
        if terms.balanceDueOnDefault { lines.append(req.t("pdf.agreement.balanceDue")) }
        if terms.claimOnDefault { lines.append(req.t("pdf.agreement.mayClaim")) }
        if let rate = terms.defaultInterestBasisPoints { lines.append(req.t("pdf.agreement.interest") + " " + ClaimForms.percent(rate)) }
        if !terms.balanceDueOnDefault && !terms.claimOnDefault && terms.defaultInterestBasisPoints == nil {
            lines.append(req.t("pdf.agreement.noDefaultTerms"))
        }
        lines.append(req.t(terms.admitsLiability == true ? "pdf.agreement.admitted" : "odr.terms.withoutAdmission"))
        return lines
    }

    static func termsText(_ req: Request, _ terms: SettlementTerms) -> String {
        let plan: String
        switch terms.plan {
        case let .lumpSum(by): plan = req.t("odr.terms.lump", [req.day(by)])
        case let .instalments(each, every, first): plan = req.t("odr.terms.instalments", [req.money(each), req.t("frequency.\(every.rawValue)"), req.day(first)])
        }
        let method = terms.method.map { ", " + req.t("method.\($0.rawValue)") } ?? ""
        return req.money(terms.amount) + ", " + plan + method
    }

    static func next(_ req: Request, _ s: OdrSummary, side: OdrSide) -> String {
        switch s.status {
        case .pending: return req.t(side == .claimant ? "odr.next.pending" : "odr.next.pendingRespondent", [s.acceptBy.map(req.day) ?? ""])
        case .active: return req.t(s.agreed == nil ? "odr.next.active" : "odr.next.sign")
        case .settled:
            guard let next = s.nextPayment else { return req.t("odr.next.paid") }
            return req.t("odr.next.settled", [req.day(next.payBy), req.money(s.balance)])
        case .inDefault: return req.t("odr.next.default", [s.defaultSince.map(req.day) ?? "", req.money(s.balance)])
        case .closed: return req.t("odr.next.closed.\(s.closure?.rawValue ?? "withdrawn")")
        }
    }

    /// Each party's name, by id and by the email they take part with (entries made before ids
    /// name parties by email).
    static func partyNames(_ record: OdrCaseRecord, _ s: OdrSummary, _ invitations: [OdrInvitationRecord]) -> [String: String] {
        var names = [OdrParticipant.claimantID: record.claimantName, record.claimantEmail: record.claimantName]
        for i in invitations {
            names[i.respondentEmail] = i.respondentName
            if let id = s.party(for: i.respondentEmail) { names[id] = i.respondentName }
        }
        return names
    }

    static func representativeNames(_ file: OdrCaseFile, names: [String: String]) -> [String] {
        file.representatives.map { $0.email + " → " + (names[$0.party] ?? $0.party) }
    }

    static func `case`(_ req: Request, _ viewer: OdrViewer, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let record = viewer.record
        let file: OdrCaseFile
        if let known = viewer.file { file = known } else { file = try await OdrCaseFile.load(record, req) }
        let (entries, s, invitations) = (file.entries, file.summary, file.invitations)
        let names = partyNames(record, s, invitations)
        let base = OdrAccess.path(record)
        var evidenceIndex = 0
        let thread = entries.compactMap { describe(req, $0, names: names, evidenceIndex: &evidenceIndex, base: base) }
        let parties = [req.t("odr.party.claimant", [record.claimantName])] + invitations.map { i in
            let id = s.party(for: i.respondentEmail) ?? ""
            let state = s.accepted.contains(id) ? "accepted" : s.declined.contains(id) ? "declined" : "waiting"
            return req.t("odr.party.respondent", [i.respondentName, req.t("odr.party.\(state)")])
        }
        let (side, party) = (viewer.side, viewer.party)
        let b = FormBuilder(req, values: values, problems: problems)
        let d = record.draft
        let body = CaseBody(
            status: s.status.rawValue, statusLabel: req.t("odr.status.\(s.status.rawValue)") + (s.closure.map { " — " + req.t("odr.closure.\($0.rawValue)") } ?? ""),
            next: next(req, s, side: side), voluntary: req.t("odr.voluntary"), limitation: limitationNote(req, d),
            details: [AnswerRow(label: req.t("field.category"), value: d.category.map { req.t("category.\($0.rawValue)") } ?? "", change: nil),
                      AnswerRow(label: req.t("field.description"), value: d.description, change: nil),
                      AnswerRow(label: req.t("field.amount"), value: d.amount.map(req.money) ?? "", change: nil)],
            parties: parties, thread: thread, hasThread: !thread.isEmpty,
            openOffer: s.openOffer.map { OfferView(number: $0.number, from: names[$0.party] ?? $0.party, summary: termsLines(req, $0.terms),
                                                   acceptAction: base + "/offers/\($0.number)/accept", rejectAction: base + "/offers/\($0.number)/reject") },
            canAnswerOffer: s.can(side, party, .acceptOffer), canOffer: s.can(side, party, .offer),
            agreement: s.agreed == nil ? nil : LinkView(href: base + "/agreement", label: req.t(s.sealed ? "odr.agreement.view" : "odr.agreement.open")),
            schedule: s.instalments.map { req.day($0.payment.payBy) + " — " + req.money($0.payment.amount) + " — " + req.t("instalment.\($0.state.rawValue)") },
            hasSchedule: !s.schedule.isEmpty,
            payments: s.payments.map { p in
                PaymentView(text: req.t(p.confirmed ? "odr.payment.confirmed" : "odr.payment.unconfirmed", [req.money(p.amount), req.day(p.on)]),
                            confirmAction: !p.confirmed && s.can(side, party, .confirmPayment) ? base + "/payments/\(p.number)/confirm" : nil)
            },
            canMessage: s.can(side, party, .message), canRecordPayment: s.can(side, party, .recordPayment),
            canWithdraw: s.can(side, party, .withdraw), canFileClaim: s.can(side, party, .fileClaim),
            claimForBalance: s.status == .inDefault, isClaimant: side == .claimant && !viewer.representative,
            canAddRepresentative: !viewer.representative && s.status != .closed,
            representatives: representativeNames(file, names: names),
            errors: b.errors, hasErrors: !problems.isEmpty,
            fieldErrors: Dictionary(problems.map { ($0.field, req.t($0.messageKey)) }, uniquingKeysWith: { a, _ in a }),
            values: values, base: base)
        return try await req.page("odr/case", titleKey: "odr.case.title", body, status: problems.isEmpty ? .ok : .unprocessableEntity,
                                  notice: (try? req.query.get(String.self, at: "submitted")) == "1" ? req.t("odr.submitted.notice") : nil)
    }
}
