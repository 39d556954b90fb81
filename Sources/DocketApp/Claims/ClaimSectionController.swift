import DocketCore
import Fluent
import Vapor

/// The sections of a claim in progress. Every form saves to the draft as soon as it is sent, so
/// nothing entered is lost to a time-out; a form with problems saves nothing and says what to fix.
struct ClaimSectionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let claim = routes.grouped(RequireAccountMiddleware(), RequireFilerMiddleware()).grouped("claims", ":claimID")
        claim.get("office", use: officeShow)
        claim.post("office", use: officeSave)
        claim.get("representative", use: representativeShow)
        claim.post("representative", use: representativeSave)
        claim.get("claim", use: claimList)
        claim.get("claim", "new", use: rowShow)
        claim.post("claim", "new", use: rowSave)
        claim.post("claim", ":index", "remove", use: rowRemove)
        claim.get("interest", use: interestShow)
        claim.post("interest", use: interestSave)
        claim.get("story", use: storyShow)
        claim.post("story", use: storySave)
        claim.get("timeline", use: timelineList)
        claim.get("timeline", "new", use: eventShow)
        claim.post("timeline", "new", use: eventSave)
        claim.post("timeline", ":index", "remove", use: eventRemove)
        for side in PartySide.allCases {
            claim.get(.constant(side.plural), use: { try await partyList($0, side) })
            claim.get(.constant(side.plural), "new", use: { try await partyShow($0, side) })
            claim.post(.constant(side.plural), "new", use: { try await partySave($0, side) })
            claim.get(.constant(side.plural), ":index", use: { try await partyShow($0, side) })
            claim.post(.constant(side.plural), ":index", use: { try await partySave($0, side) })
            claim.post(.constant(side.plural), ":index", "remove", use: { try await partyRemove($0, side) })
        }
    }

    /// Renders a section's form: 200 when shown, 422 when sent back with problems.
    static func step(_ req: Request, _ claim: ClaimRecord, titleKey: String, action: String, values: [String: String],
                     problems: [FieldProblem], multipart: Bool = false, sections: (FormBuilder) -> [FormSection]) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: ClaimAccess.path(claim, action), submitKey: "button.saveContinue", sections: sections(b), multipart: multipart)
        let introKey = titleKey + ".intro"
        let body = StepBody(form: form, intro: req.docket.catalogue.has(introKey, req.language) ? req.t(introKey) : nil,
                            back: LinkView(href: ClaimAccess.path(claim), label: req.t("claim.back")))
        return try await req.page("claim/step", titleKey: titleKey, body, status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Saves `change` into the draft and goes to `next`, or shows the form again with its problems.
    static func save(_ req: Request, titleKey: String, action: String, next: String, multipart: Bool = false,
                     sections: (FormBuilder) -> [FormSection], _ change: (inout ClaimDraft) -> [FieldProblem]) async throws -> Response {
        let values = req.formValues()
        let (claim, problems) = try await ClaimAccess.update(req, change)
        if problems.isEmpty { return req.redirect(to: ClaimAccess.path(claim, next)) }
        return try await step(req, claim, titleKey: titleKey, action: action, values: values, problems: problems,
                              multipart: multipart, sections: sections)
    }

    static func list(_ req: Request, _ claim: ClaimRecord, titleKey: String, items: [ListItem], addPath: String?,
                     links: [LinkView] = [], form: FormView? = nil, done: LinkView? = nil, doneIsPost: Bool = false) async throws -> Response {
        let introKey = titleKey + ".intro"
        let body = ListBody(intro: req.docket.catalogue.has(introKey, req.language) ? req.t(introKey) : nil,
                            items: items, hasItems: !items.isEmpty, empty: req.t(titleKey + ".empty"),
                            add: addPath.map { LinkView(href: ClaimAccess.path(claim, $0), label: req.t(titleKey + ".add")) },
                            links: links, form: form,
                            done: done ?? LinkView(href: ClaimAccess.path(claim), label: req.t("claim.back")),
                            doneIsPost: doneIsPost, back: LinkView(href: ClaimAccess.path(claim), label: req.t("claim.back")))
        return try await req.page("claim/list", titleKey: titleKey, body)
    }

    static func remove(_ req: Request, next: String, _ change: @escaping (inout ClaimDraft, Int) -> Bool) async throws -> Response {
        let n = try req.listIndex()
        let (claim, _) = try await ClaimAccess.update(req) { draft in change(&draft, n) ? [] : [FieldProblem("index", "error.notFound")] }
        return req.redirect(to: ClaimAccess.path(claim, next))
    }

    // MARK: Court office

    func officeShow(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        let offices = try await CourtOffices.open(on: req.db)
        return try await Self.step(req, claim, titleKey: "claim.section.office", action: "office",
                                   values: ["officeCode": claim.draft.officeCode ?? "", "venue": claim.draft.venue?.rawValue ?? ""],
                                   problems: []) { DraftForms.office($0, offices: offices) }
    }

    func officeSave(req: Request) async throws -> Response {
        let offices = try await CourtOffices.open(on: req.db)
        let values = req.formValues()
        return try await Self.save(req, titleKey: "claim.section.office", action: "office", next: "",
                                   sections: { DraftForms.office($0, offices: offices) }) { DraftForms.office(values, offices: offices, into: &$0) }
    }

    // MARK: Parties

    func partyList(_ req: Request, _ side: PartySide) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        let items = claim.draft.party(side).enumerated().map { n, p in
            ListItem(title: p.fullDescription, lines: [p.mailingAddress, p.phone, p.email].filter { !$0.isEmpty },
                     changeURL: ClaimAccess.path(claim, "\(side.plural)/\(n)"), removeURL: ClaimAccess.path(claim, "\(side.plural)/\(n)/remove"))
        }
        return try await Self.list(req, claim, titleKey: "claim.section.\(side.plural)", items: items, addPath: "\(side.plural)/new")
    }

    func partyShow(_ req: Request, _ side: PartySide) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        let list = claim.draft.party(side)
        var values = DraftForms.values(of: ClaimParty())
        // A person filing for themselves is the first plaintiff: start from their account's details.
        if side == .plaintiff, list.isEmpty, req.parameters.get("index") == nil, let account = req.account,
           account.kind != AccountKind.representative.rawValue, let c = try await account.currentContact(on: req.db)?.details {
            values = DraftForms.values(of: ClaimParty(contact: c, email: account.email))
        }
        var action = "\(side.plural)/new"
        if req.parameters.get("index") != nil {
            let n = try req.listIndex()
            guard n < list.count else { throw Abort(.notFound) }
            values = DraftForms.values(of: list[n]); action = "\(side.plural)/\(n)"
        }
        return try await Self.step(req, claim, titleKey: "claim.party.\(side.rawValue)", action: action, values: values,
                                   problems: []) { DraftForms.party($0, side: side) }
    }

    func partySave(_ req: Request, _ side: PartySide) async throws -> Response {
        let position = req.parameters.get("index") == nil ? nil : try req.listIndex()
        let (party, problems) = DraftForms.party(req.formValues(), side: side)
        return try await Self.save(req, titleKey: "claim.party.\(side.rawValue)",
                                   action: position.map { "\(side.plural)/\($0)" } ?? "\(side.plural)/new", next: side.plural,
                                   sections: { DraftForms.party($0, side: side) }) { draft in
            guard problems.isEmpty else { return problems }
            var list = draft.party(side)
            if let position {
                guard position < list.count else { return [FieldProblem("partyKind", "error.notFound")] }
                list[position] = party
            } else {
                guard list.count < 25 else { return [FieldProblem("partyKind", "error.parties.tooMany")] }
                list.append(party)
            }
            draft.setParties(side, list)
            return []
        }
    }

    func partyRemove(_ req: Request, _ side: PartySide) async throws -> Response {
        try await Self.remove(req, next: side.plural) { draft, n in
            var list = draft.party(side)
            guard n < list.count else { return false }
            list.remove(at: n); draft.setParties(side, list)
            return true
        }
    }

    // MARK: Representative

    func representativeShow(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        guard let account = req.account else { throw Abort(.unauthorized) }
        let contact = try await account.currentContact(on: req.db)?.details
        return try await Self.step(req, claim, titleKey: "claim.section.representative", action: "representative",
                                   values: DraftForms.values(of: claim.draft, account: account, contact: contact), problems: [],
                                   sections: DraftForms.representative)
    }

    func representativeSave(req: Request) async throws -> Response {
        let values = req.formValues()
        return try await Self.save(req, titleKey: "claim.section.representative", action: "representative", next: "",
                                   sections: DraftForms.representative) { DraftForms.representative(values, into: &$0) }
    }

    // MARK: The claim: rows and interest

    func claimList(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        let d = claim.draft
        let items = d.rows.enumerated().map { n, r in
            ListItem(title: r.reason, lines: [req.money(r.amount)], changeURL: nil, removeURL: ClaimAccess.path(claim, "claim/\(n)/remove"))
        }
        let interest = LinkView(href: ClaimAccess.path(claim, "interest"),
                                label: req.t(d.interest == nil ? "claim.interest.add" : "claim.interest.change"))
        return try await Self.list(req, claim, titleKey: "claim.section.claim", items: items, addPath: "claim/new",
                                   links: [LinkView(href: "", label: req.t("claim.total") + ": " + req.money(d.total)), interest])
    }

    func rowShow(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        return try await Self.step(req, claim, titleKey: "claim.row", action: "claim/new", values: [:], problems: [], sections: DraftForms.row)
    }

    func rowSave(req: Request) async throws -> Response {
        let values = req.formValues()
        return try await Self.save(req, titleKey: "claim.row", action: "claim/new", next: "claim",
                                   sections: DraftForms.row) { DraftForms.row(values, into: &$0) }
    }

    func rowRemove(req: Request) async throws -> Response {
        try await Self.remove(req, next: "claim") { draft, n in
            guard n < draft.rows.count else { return false }
            draft.rows.remove(at: n); return true
        }
    }

    func interestShow(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        return try await Self.step(req, claim, titleKey: "claim.interest", action: "interest",
                                   values: DraftForms.values(ofInterest: claim.draft), problems: [], sections: DraftForms.interest)
    }

    func interestSave(req: Request) async throws -> Response {
        let values = req.formValues()
        return try await Self.save(req, titleKey: "claim.interest", action: "interest", next: "claim",
                                   sections: DraftForms.interest) { DraftForms.interest(values, into: &$0) }
    }

    // MARK: What happened

    func storyShow(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        return try await Self.step(req, claim, titleKey: "claim.section.story", action: "story",
                                   values: DraftForms.values(ofStory: claim.draft), problems: [], sections: DraftForms.story)
    }

    func storySave(req: Request) async throws -> Response {
        let values = req.formValues()
        let today = CivilDate.of(req.now)
        return try await Self.save(req, titleKey: "claim.section.story", action: "story", next: "timeline",
                                   sections: DraftForms.story) { DraftForms.story(values, today: today, into: &$0) }
    }

    func timelineList(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        let items = claim.draft.timeline.enumerated().map { n, e in
            ListItem(title: req.day(e.on), lines: [e.what], changeURL: nil, removeURL: ClaimAccess.path(claim, "timeline/\(n)/remove"))
        }
        return try await Self.list(req, claim, titleKey: "claim.timeline", items: items, addPath: "timeline/new")
    }

    func eventShow(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        return try await Self.step(req, claim, titleKey: "claim.event", action: "timeline/new", values: [:], problems: [], sections: DraftForms.event)
    }

    func eventSave(req: Request) async throws -> Response {
        let values = req.formValues()
        let today = CivilDate.of(req.now)
        return try await Self.save(req, titleKey: "claim.event", action: "timeline/new", next: "timeline",
                                   sections: DraftForms.event) { DraftForms.event(values, today: today, into: &$0) }
    }

    func eventRemove(req: Request) async throws -> Response {
        try await Self.remove(req, next: "timeline") { draft, n in
            guard n < draft.timeline.count else { return false }
            draft.timeline.remove(at: n); return true
        }
    }
}
