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

/// The settlement agreement reached online, as PDF.
public enum SettlementForm {
    public static func agreement(claimant: String, respondents: [String], dispute: String, terms: SettlementTerms,
                                 schedule: [ScheduledPayment], signatures: [TypedSignature], seal: SealBlock, text t: FormText) -> Data {
        var pdf = ClaimForms.start(t.label("pdf.agreement.title") + " — " + seal.fileNumber, seal: seal, text: t)
        pdf.heading(t.label("pdf.agreement.title"), size: 16)
        ClaimForms.sealBlock(&pdf, seal, t)
        pdf.heading(t.label("pdf.agreement.parties"), size: 12)
        pdf.text(t.label("pdf.agreement.claimant") + ": " + claimant)
        for r in respondents { pdf.text(t.label("pdf.agreement.respondent") + ": " + r) }
        pdf.heading(t.label("pdf.agreement.recitals"), size: 12)
        pdf.text(t.label("pdf.agreement.recital"))
        pdf.text(dispute, indent: 12)
        pdf.heading(t.label("pdf.agreement.terms"), size: 12)
        pdf.text(t.label("pdf.agreement.amount") + ": " + t.money(terms.amount))
        for (n, payment) in schedule.enumerated() {
            let moved = payment.payBy == payment.due ? "" : " (" + t.label("pdf.agreement.payBy") + " " + t.date(payment.payBy) + ")"
            pdf.text("\(n + 1). " + t.date(payment.due) + moved + " — " + t.money(payment.amount), indent: 12)
        }
        pdf.heading(t.label("pdf.agreement.default"), size: 12)
        if terms.balanceDueOnDefault { pdf.text("• " + t.label("pdf.agreement.balanceDue")) }
        if terms.claimOnDefault { pdf.text("• " + t.label("pdf.agreement.mayClaim")) }
        if let rate = terms.defaultInterestBasisPoints { pdf.text("• " + t.label("pdf.agreement.interest") + " " + ClaimForms.percent(rate)) }
        pdf.heading(t.label("pdf.agreement.law"), size: 12)
        pdf.text(t.label("pdf.agreement.lawText"))
        pdf.heading(t.label("pdf.agreement.signatures"), size: 12)
        for s in signatures {
            pdf.field(s.party, s.name + " — " + s.at + " — " + s.address)
        }
        return pdf.render()
    }
}
