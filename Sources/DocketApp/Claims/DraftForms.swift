import DocketCore
import DocketDocuments
import Foundation
import Vapor

/// The claim's forms: what each shows, and how what comes back becomes part of the draft.
enum DraftForms {
    static func date(_ raw: String?) -> CivilDate? { raw.flatMap { CivilDate($0.trimmed) } }

    static func radio(_ b: FormBuilder, _ name: String, _ values: [String], prefix: String) -> FieldView {
        b.field(name, "radio", options: values.map { ($0, b.request.t("\(prefix).\($0)")) })
    }

    // MARK: Court office

    static func office(_ b: FormBuilder, offices: [CourtOfficeRecord]) -> [FormSection] {
        let choices = [("", b.request.t("claim.office.choose"))] + offices.map { ($0.code, $0.label(b.request.language)) }
        return [b.section(nil, [b.field("officeCode", "select", options: choices),
                                radio(b, "venue", VenueGround.allCases.map(\.rawValue), prefix: "venue")])]
    }

    static func office(_ v: [String: String], offices: [CourtOfficeRecord], into d: inout ClaimDraft) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let code = v["officeCode"] ?? ""
        if !offices.contains(where: { $0.code == code }) { problems.append(FieldProblem("officeCode", "error.officeCode.missing")) }
        let venue = VenueGround(rawValue: v["venue"] ?? "")
        if venue == nil { problems.append(FieldProblem("venue", "error.venue.missing")) }
        if problems.isEmpty { d.officeCode = code; d.venue = venue }
        return problems
    }

    // MARK: Parties

    static func party(_ b: FormBuilder, side: PartySide) -> [FormSection] {
        var details = [b.field("address", autocomplete: side == .plaintiff ? "street-address" : nil),
                       b.field("city"),
                       b.field("province", "select", options: ContactDetails.provinces.map { ($0, $0) }),
                       b.field("postalCode", required: side == .plaintiff, width: "short"),
                       b.field("phone", "tel", required: side == .plaintiff, width: "medium"),
                       b.field("email", "email", required: false)]
        if side == .defendant { details.append(b.field("underDisability", "checkbox", required: false)) }
        return [b.section("party.name", [radio(b, "partyKind", PartyKind.allCases.map(\.rawValue), prefix: "partyKind"),
                                         b.field("firstName", required: false), b.field("lastName", required: false),
                                         b.field("businessName", required: false),
                                         b.field("alsoKnownAs", "textarea", required: false)]),
                b.section("party.contact", details)]
    }

    static func values(of p: ClaimParty) -> [String: String] {
        ["partyKind": p.kind?.rawValue ?? "", "firstName": p.firstName, "lastName": p.lastName, "businessName": p.businessName,
         "alsoKnownAs": p.alsoKnownAs.joined(separator: "\n"), "address": p.address, "city": p.city, "province": p.province,
         "postalCode": p.postalCode, "phone": p.phone, "email": p.email, "underDisability": p.underDisability ? "on" : ""]
    }

    static func party(_ v: [String: String], side: PartySide) -> (ClaimParty, [FieldProblem]) {
        let p = ClaimParty(kind: PartyKind(rawValue: v["partyKind"] ?? ""), firstName: v["firstName"] ?? "",
                           lastName: v["lastName"] ?? "", businessName: v["businessName"] ?? "",
                           alsoKnownAs: (v["alsoKnownAs"] ?? "").split(whereSeparator: \.isNewline).map(String.init),
                           address: v["address"] ?? "", city: v["city"] ?? "", province: v["province"] ?? "ON",
                           postalCode: v["postalCode"] ?? "", phone: v["phone"] ?? "", email: v["email"] ?? "",
                           underDisability: v["underDisability"] == "on")
        return p.validated(as: side)
    }

    // MARK: Representative

    static func representative(_ b: FormBuilder) -> [FormSection] {
        [b.section(nil, [radio(b, "filingForClient", ["no", "yes"], prefix: "filingForClient")]),
         b.section("representative.details", [b.field("repName", required: false), b.field("lawSocietyNumber", required: false, width: "medium"),
                                              b.field("firm", required: false), b.field("repAddress", required: false),
                                              b.field("repPhone", "tel", required: false, width: "medium"),
                                              b.field("repEmail", "email", required: false)])]
    }

    static func values(of d: ClaimDraft, account: AccountRecord, contact: ContactDetails?) -> [String: String] {
        // Only a lawyer or paralegal is filled in as the representative: a person acting for
        // themselves is not one.
        let isRepresentative = account.kind == AccountKind.representative.rawValue
        let r = d.representative ?? (isRepresentative ? Representative(
            name: contact.map { "\($0.firstName) \($0.lastName)" } ?? "", lawSocietyNumber: account.lawSocietyNumber ?? "",
            firm: contact?.firm ?? "", address: contact?.postalAddress ?? "",
            phone: contact?.phone ?? "", email: account.email)
            : Representative(name: "", lawSocietyNumber: "", firm: "", address: "", phone: "", email: ""))
        return ["filingForClient": d.filingForClient.map { $0 ? "yes" : "no" } ?? (account.kind == AccountKind.representative.rawValue ? "yes" : ""),
                "repName": r.name, "lawSocietyNumber": r.lawSocietyNumber, "firm": r.firm, "repAddress": r.address,
                "repPhone": r.phone, "repEmail": r.email]
    }

    static func representative(_ v: [String: String], into d: inout ClaimDraft) -> [FieldProblem] {
        switch v["filingForClient"] {
        case "no": d.filingForClient = false; d.representative = nil; return []
        case "yes":
            var problems: [FieldProblem] = []
            let r = Representative(name: (v["repName"] ?? "").trimmed, lawSocietyNumber: (v["lawSocietyNumber"] ?? "").trimmed,
                                   firm: (v["firm"] ?? "").trimmed, address: (v["repAddress"] ?? "").trimmed,
                                   phone: (v["repPhone"] ?? "").trimmed, email: EmailAddress.normalised(v["repEmail"] ?? "") ?? "")
            if r.name.isEmpty { problems.append(FieldProblem("repName", "error.repName.missing")) }
            if r.lawSocietyNumber.isEmpty { problems.append(FieldProblem("lawSocietyNumber", "error.lawSocietyNumber.missing")) }
            if r.address.isEmpty { problems.append(FieldProblem("repAddress", "error.repAddress.missing")) }
            if r.phone.isEmpty { problems.append(FieldProblem("repPhone", "error.repPhone.missing")) }
            if r.email.isEmpty { problems.append(FieldProblem("repEmail", "error.email.invalid")) }
            if problems.isEmpty { d.filingForClient = true; d.representative = r }
            return problems
        default: return [FieldProblem("filingForClient", "error.filingForClient.missing")]
        }
    }

    // MARK: The claim

    static func row(_ b: FormBuilder) -> [FormSection] {
        [b.section(nil, [b.field("reason"), b.field("amount", width: "medium")])]
    }

    static func row(_ v: [String: String], into d: inout ClaimDraft) -> [FieldProblem] {
        let reason = (v["reason"] ?? "").trimmed
        var problems: [FieldProblem] = []
        if reason.isEmpty { problems.append(FieldProblem("reason", "error.reason.missing")) }
        else if reason.count > 300 { problems.append(FieldProblem("reason", "error.field.tooLong")) }
        let amount = Money.parse(v["amount"] ?? "")
        if amount == nil || amount! <= .zero || amount!.cents > 100_000_000_00 {
            problems.append(FieldProblem("amount", "error.amount.invalid"))
        }
        if d.rows.count >= 50 { problems.append(FieldProblem("reason", "error.rows.tooMany")) }
        if problems.isEmpty { d.rows.append(ClaimRow(reason: reason, amount: amount!)) }
        return problems
    }

    /// The rate and the start date are needed only for some choices, so they are neither marked
    /// required nor "(optional)": their hints say when they are needed. The waiver names the limit
    /// in force today.
    static func interest(_ b: FormBuilder) -> [FormSection] {
        let limit = b.request.docket.rules.monetaryLimit.on(CivilDate.of(b.request.now)).map { b.request.money($0.value) } ?? "—"
        return [b.section(nil, [radio(b, "interestBasis", InterestBasis.allCases.map(\.rawValue), prefix: "interestBasis"),
                                b.field("interestRate", required: false, width: "short", conditional: true),
                                b.field("interestFrom", "date", required: false, width: "medium", conditional: true)]),
                b.section("claim.limit", [b.field("waivesExcess", "checkbox", required: false, labelArguments: [limit])])]
    }

    static func values(ofInterest d: ClaimDraft) -> [String: String] {
        let i = d.interest
        return ["interestBasis": i?.basis.rawValue ?? "",
                "interestRate": i?.rateBasisPoints.map { ClaimForms.percent($0).replacingOccurrences(of: " %", with: "") } ?? "",
                "interestFrom": i?.from?.description ?? "", "waivesExcess": d.waivesExcess ? "on" : ""]
    }

    static func interest(_ v: [String: String], into d: inout ClaimDraft) -> [FieldProblem] {
        guard let basis = InterestBasis(rawValue: v["interestBasis"] ?? "") else {
            return [FieldProblem("interestBasis", "error.interestBasis.missing")]
        }
        var problems: [FieldProblem] = []
        var claim = InterestClaim(basis: basis)
        if basis != .none {
            claim.from = date(v["interestFrom"])
            if claim.from == nil { problems.append(FieldProblem("interestFrom", "error.interestFrom.missing")) }
        }
        if basis == .contract {
            claim.rateBasisPoints = percentBasisPoints(v["interestRate"] ?? "")
            if claim.rateBasisPoints == nil { problems.append(FieldProblem("interestRate", "error.interestRate.invalid")) }
        } else if !(v["interestRate"] ?? "").trimmed.isEmpty {
            // A rate typed in with another choice would otherwise be dropped without a word.
            problems.append(FieldProblem("interestRate", "error.interestRate.notContract"))
        }
        if problems.isEmpty { d.interest = claim; d.waivesExcess = v["waivesExcess"] == "on" }
        return problems
    }

    /// "12.5", "12,50" or "12.5 %" → 1250; between 0 and 1000 %.
    static func percentBasisPoints(_ raw: String) -> Int? {
        let text = raw.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: ",", with: ".").trimmed
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2, let whole = Int(parts[0].isEmpty ? "0" : parts[0]), whole >= 0, whole <= 1000 else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let f = String(parts[1])
            guard f.count <= 2, f.allSatisfy(\.isNumber), let n = Int(f.isEmpty ? "0" : f) else { return nil }
            fraction = f.count == 1 ? n * 10 : n
        }
        return whole * 100 + fraction
    }

    // MARK: What happened

    static func story(_ b: FormBuilder) -> [FormSection] {
        [b.section(nil, [b.field("summary", "textarea"), b.field("incidentOn", "date", width: "medium"),
                         b.field("discoveredOn", "date", required: false, width: "medium")])]
    }

    static func values(ofStory d: ClaimDraft) -> [String: String] {
        ["summary": d.summary, "incidentOn": d.incidentOn?.description ?? "", "discoveredOn": d.discoveredOn?.description ?? ""]
    }

    static func story(_ v: [String: String], today: CivilDate, into d: inout ClaimDraft) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let summary = (v["summary"] ?? "").trimmed
        if summary.isEmpty { problems.append(FieldProblem("summary", "error.summary.missing")) }
        else if summary.count > 10_000 { problems.append(FieldProblem("summary", "error.field.tooLong")) }
        let incident = date(v["incidentOn"])
        if incident == nil { problems.append(FieldProblem("incidentOn", "error.incidentOn.missing")) }
        else if incident! > today { problems.append(FieldProblem("incidentOn", "error.date.future")) }
        let discoveredRaw = (v["discoveredOn"] ?? "").trimmed
        let discovered = date(discoveredRaw)
        if !discoveredRaw.isEmpty && discovered == nil { problems.append(FieldProblem("discoveredOn", "error.date.invalid")) }
        if let discovered, discovered > today { problems.append(FieldProblem("discoveredOn", "error.date.future")) }
        if let discovered, let incident, discovered < incident { problems.append(FieldProblem("discoveredOn", "error.discoveredOn.beforeIncident")) }
        if problems.isEmpty { d.summary = summary; d.incidentOn = incident; d.discoveredOn = discovered }
        return problems
    }

    static func event(_ b: FormBuilder) -> [FormSection] {
        [b.section(nil, [b.field("eventOn", "date", width: "medium"), b.field("eventText")])]
    }

    static func event(_ v: [String: String], today: CivilDate, into d: inout ClaimDraft) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let on = date(v["eventOn"])
        if on == nil { problems.append(FieldProblem("eventOn", "error.date.invalid")) }
        else if on! > today { problems.append(FieldProblem("eventOn", "error.date.future")) }
        let text = (v["eventText"] ?? "").trimmed
        if text.isEmpty { problems.append(FieldProblem("eventText", "error.eventText.missing")) }
        else if text.count > 500 { problems.append(FieldProblem("eventText", "error.field.tooLong")) }
        if d.timeline.count >= 100 { problems.append(FieldProblem("eventText", "error.rows.tooMany")) }
        if problems.isEmpty {
            d.timeline.append(TimelineEvent(on: on!, what: text))
            d.timeline.sort { $0.on < $1.on }
        }
        return problems
    }
}
