import DocketCore
import Foundation

/// One signature on an agreement: the typed name, when, and from which network address.
public struct TypedSignature: Sendable {
    public let party: String
    public let name: String
    public let at: String
    public let address: String

    public init(party: String, name: String, at: String, address: String) {
        self.party = party; self.name = name; self.at = at; self.address = address
    }
}

/// A party to an agreement: the full name and address as they gave them.
public struct AgreementParty: Sendable {
    public let name: String
    public let address: String

    public init(name: String, address: String) { self.name = name; self.address = address }
}

/// How Docket seals a record of what the parties signed. It is the platform's record, never a
/// court's: no court name, no file number, no court seal.
public struct RecordSeal: Sendable {
    /// The platform's reference for the case, such as ODR-1A2B3C4D.
    public let reference: String
    public let sealedOn: CivilDate
    /// The full address where anyone can check the record.
    public let verifyURL: String

    public init(reference: String, sealedOn: CivilDate, verifyURL: String) {
        self.reference = reference; self.sealedOn = sealedOn; self.verifyURL = verifyURL
    }
}

/// The settlement agreement reached online, as PDF: a private agreement between the parties,
/// recorded and sealed by Docket, and said plainly not to be a court document.
public enum SettlementForm {
    public static func agreement(claimant: AgreementParty, respondents: [AgreementParty], dispute: String, terms: SettlementTerms,
                                 schedule: [ScheduledPayment], signatures: [TypedSignature], seal: RecordSeal, text t: FormText) -> Data {
        var pdf = PDFDocumentBuilder(title: t.label("pdf.agreement.title") + " — " + seal.reference)
        pdf.footerText = seal.reference
        let pageWord = t.label("pdf.page"), ofWord = t.label("pdf.of")
        pdf.pageLabel = { "\(pageWord) \($0) \(ofWord) \($1)" }
        pdf.text(t.label("pdf.agreement.platform"), font: .bold, size: 11)
        pdf.heading(t.label("pdf.agreement.title"), size: 16)
        pdf.text(t.label("pdf.agreement.notCourt"), size: 9)

        pdf.heading(t.label("pdf.agreement.parties"), size: 12)
        pdf.field(t.label("pdf.agreement.claimant"), claimant.name + "\n" + claimant.address)
        for r in respondents { pdf.field(t.label("pdf.agreement.respondent"), r.name + "\n" + r.address) }

        pdf.heading(t.label("pdf.agreement.recitals"), size: 12)
        pdf.text(t.label("pdf.agreement.recital").replacingOccurrences(of: "{0}", with: claimant.name))
        pdf.text(dispute, indent: 12)
        pdf.text(t.label(terms.admitsLiability == true ? "pdf.agreement.admitted" : "pdf.agreement.withoutAdmission"))

        let payers = respondents.map(\.name).joined(separator: ", ")
        pdf.heading(t.label("pdf.agreement.terms"), size: 12)
        pdf.text(t.label("pdf.agreement.pays").replacingOccurrences(of: "{0}", with: payers)
            .replacingOccurrences(of: "{1}", with: claimant.name).replacingOccurrences(of: "{2}", with: t.money(terms.amount))
            .replacingOccurrences(of: "{3}", with: t.label("method.\(terms.method?.rawValue ?? "other")")))
        for (n, payment) in schedule.enumerated() {
            let moved = payment.payBy == payment.due ? "" : " (" + t.label("pdf.agreement.payBy") + " " + t.date(payment.payBy) + ")"
            pdf.text("\(n + 1). " + t.date(payment.due) + moved + " — " + t.money(payment.amount), indent: 12)
        }
        pdf.heading(t.label("pdf.agreement.default"), size: 12)
        if terms.balanceDueOnDefault { pdf.text("• " + t.label("pdf.agreement.balanceDue")) }
        if terms.claimOnDefault { pdf.text("• " + t.label("pdf.agreement.mayClaim")) }
        if let rate = terms.defaultInterestBasisPoints { pdf.text("• " + t.label("pdf.agreement.interest") + " " + ClaimForms.percent(rate)) }
        if !terms.balanceDueOnDefault && !terms.claimOnDefault && terms.defaultInterestBasisPoints == nil {
            pdf.text("• " + t.label("pdf.agreement.noDefaultTerms"))
        }
        pdf.heading(t.label("pdf.agreement.law"), size: 12)
        pdf.text(t.label("pdf.agreement.lawText"))
        pdf.heading(t.label("pdf.agreement.signatures"), size: 12)
        for s in signatures {
            pdf.field(s.party, s.name + " — " + s.at + " — " + s.address)
        }
        pdf.heading(t.label("pdf.record.heading"), size: 11)
        pdf.text(t.label("pdf.record.text").replacingOccurrences(of: "{0}", with: t.date(seal.sealedOn))
            .replacingOccurrences(of: "{1}", with: seal.reference).replacingOccurrences(of: "{2}", with: seal.verifyURL), size: 9)
        return pdf.render()
    }
}
