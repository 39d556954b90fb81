import DocketCore
import Foundation

/// How a form speaks: its labels (by key, from the caller's string catalogue), money and dates in
/// the filer's language.
public struct FormText: Sendable {
    public let label: @Sendable (String) -> String
    public let money: @Sendable (Money) -> String
    public let date: @Sendable (CivilDate) -> String

    public init(label: @escaping @Sendable (String) -> String, money: @escaping @Sendable (Money) -> String,
                date: @escaping @Sendable (CivilDate) -> String) {
        self.label = label; self.money = money; self.date = date
    }
}

/// The seal block every issued document carries (r. 1.05.1): the court, the file number, the date.
public struct SealBlock: Sendable {
    public let courtName: String
    public let officeAddress: String
    public let fileNumber: String
    public let issuedOn: CivilDate
    /// The full address where anyone can check the document, such as https://docket.example/verify.
    public let verifyURL: String

    public init(courtName: String, officeAddress: String, fileNumber: String, issuedOn: CivilDate, verifyURL: String = "") {
        self.courtName = courtName; self.officeAddress = officeAddress; self.fileNumber = fileNumber; self.issuedOn = issuedOn
        self.verifyURL = verifyURL
    }
}

/// Court forms laid out as PDF.
public enum ClaimForms {
    /// Plaintiff's Claim (Form 7A), with Additional Parties (Form 1A) when there is more than one
    /// plaintiff or defendant or a party has other names.
    public static func plaintiffsClaim(_ claim: ClaimDraft, seal: SealBlock, text t: FormText) -> Data {
        var pdf = start(t.label("pdf.claim.title") + " — " + seal.fileNumber, seal: seal, text: t)
        pdf.heading(t.label("pdf.claim.title"), size: 16)
        pdf.text(t.label("pdf.claim.form"), size: 9)
        sealBlock(&pdf, seal, t)

        parties(&pdf, claim.plaintiffs, heading: t.label("pdf.claim.plaintiffs"), t)
        if let rep = claim.representative, claim.filingForClient == true {
            pdf.heading(t.label("pdf.claim.representative"), size: 12)
            pdf.field(t.label("pdf.field.name"), rep.name)
            pdf.field(t.label("pdf.field.lawSocietyNumber"), rep.lawSocietyNumber)
            if !rep.firm.isEmpty { pdf.field(t.label("pdf.field.firm"), rep.firm) }
            pdf.field(t.label("pdf.field.address"), rep.address)
            pdf.field(t.label("pdf.field.contact"), [rep.phone, rep.email].filter { !$0.isEmpty }.joined(separator: " · "))
        }
        parties(&pdf, claim.defendants, heading: t.label("pdf.claim.defendants"), t)

        pdf.heading(t.label("pdf.claim.reasons"), size: 12)
        pdf.text(claim.summary)
        if let incident = claim.incidentOn { pdf.space(4); pdf.field(t.label("pdf.claim.incident"), t.date(incident)) }
        if !claim.timeline.isEmpty {
            pdf.text(t.label("pdf.claim.timeline"), font: .bold, size: 10)
            for event in claim.timeline { pdf.text(t.date(event.on) + " — " + event.what, indent: 12) }
        }
        pdf.text(t.label("pdf.claim.documents"), font: .bold, size: 10)
        if claim.documents.isEmpty { pdf.text(t.label("pdf.claim.documents.none"), indent: 12) }
        for doc in claim.documents {
            pdf.text("• " + doc.title + (doc.fileName.map { " (\($0))" } ?? ""), indent: 12)
        }

        pdf.heading(t.label("pdf.claim.amount"), size: 12)
        for row in claim.rows { pdf.text(row.reason + ": " + t.money(row.amount), indent: 12) }
        pdf.text(t.label("pdf.claim.total") + ": " + t.money(claim.total), font: .bold)
        if claim.waivesExcess { pdf.text(t.label("pdf.claim.waiver")) }
        pdf.text(interest(claim.interest, t))
        pdf.text(t.label("pdf.claim.costs"))
        return pdf.render()
    }

    /// A cover page for a form the filer prepared, bound to the uploaded file by its SHA-256.
    public static func coverPage(documentTitle: String, fileName: String, uploadSHA256: String, parties: [String],
                                 seal: SealBlock, text t: FormText) -> Data {
        var pdf = start(t.label("pdf.cover.title") + " — " + seal.fileNumber, seal: seal, text: t)
        pdf.heading(t.label("pdf.cover.title"), size: 16)
        sealBlock(&pdf, seal, t)
        pdf.field(t.label("pdf.cover.document"), documentTitle)
        pdf.field(t.label("pdf.cover.file"), fileName)
        pdf.field(t.label("pdf.cover.parties"), parties.joined(separator: "\n"))
        pdf.field(t.label("pdf.cover.sha256"), uploadSHA256)
        pdf.text(t.label("pdf.cover.binding"))
        return pdf.render()
    }

    static func start(_ title: String, seal: SealBlock, text t: FormText) -> PDFDocumentBuilder {
        var pdf = PDFDocumentBuilder(title: title)
        pdf.footerText = seal.courtName + " · " + seal.fileNumber
        let pageWord = t.label("pdf.page")
        let ofWord = t.label("pdf.of")
        pdf.pageLabel = { "\(pageWord) \($0) \(ofWord) \($1)" }
        pdf.text(t.label("pdf.court"), font: .bold, size: 11)
        return pdf
    }

    static func sealBlock(_ pdf: inout PDFDocumentBuilder, _ seal: SealBlock, _ t: FormText) {
        pdf.space(6)
        pdf.text(t.label("pdf.seal.heading"), font: .bold, size: 11)
        pdf.text(seal.courtName, indent: 12)
        pdf.text(seal.officeAddress, indent: 12)
        pdf.text(t.label("pdf.seal.fileNumber") + ": " + seal.fileNumber, font: .bold, indent: 12)
        pdf.text(t.label("pdf.seal.issuedOn") + ": " + t.date(seal.issuedOn), font: .bold, indent: 12)
        pdf.text(t.label("pdf.seal.verify").replacingOccurrences(of: "{0}", with: seal.verifyURL.isEmpty ? "/verify" : seal.verifyURL),
                 size: 8, indent: 12)
        pdf.space(6)
    }

    private static func parties(_ pdf: inout PDFDocumentBuilder, _ list: [ClaimParty], heading: String, _ t: FormText) {
        pdf.heading(heading, size: 12)
        if list.count > 1 { pdf.text(t.label("pdf.claim.additionalParties"), size: 9) }
        for (n, party) in list.enumerated() {
            pdf.text("\(n + 1). " + party.name, font: .bold)
            if !party.alsoKnownAs.isEmpty {
                pdf.text(t.label("pdf.field.alsoKnownAs") + ": " + party.alsoKnownAs.joined(separator: "; "), indent: 12)
            }
            pdf.text(party.mailingAddress, indent: 12)
            let reach = [party.phone, party.email].filter { !$0.isEmpty }.joined(separator: " · ")
            if !reach.isEmpty { pdf.text(reach, indent: 12) }
            if party.underDisability { pdf.text(t.label("pdf.field.underDisability"), indent: 12) }
        }
    }

    private static func interest(_ interest: InterestClaim?, _ t: FormText) -> String {
        guard let interest, interest.basis != .none else { return t.label("pdf.interest.none") }
        let from = interest.from.map { " " + t.label("pdf.interest.from") + " " + t.date($0) } ?? ""
        if interest.basis == .contract, let rate = interest.rateBasisPoints {
            return t.label("pdf.interest.contract") + " " + percent(rate) + from
        }
        return t.label("pdf.interest.cja") + from
    }

    /// 1250 → "12.50 %".
    public static func percent(_ basisPoints: Int) -> String {
        String(format: "%d.%02d %%", basisPoints / 100, basisPoints % 100)
    }
}
