import DocketCore
import Foundation
import Testing
@testable import DocketDocuments

@Suite struct ClaimFormsTests {
    let english = FormText(label: { "«\($0)»" }, money: { $0.formatted(french: false) }, date: { $0.description })

    func claim() -> ClaimDraft {
        var d = ClaimDraft()
        d.plaintiffs = [ClaimParty(kind: .individual, firstName: "Marie", lastName: "Tremblay", address: "1 Main Street",
                                   city: "Ottawa", province: "ON", postalCode: "K2P 2K1", phone: "613-555-0100"),
                        ClaimParty(kind: .individual, firstName: "Jean", lastName: "Côté", address: "2 Rue Principale",
                                   city: "Gatineau", province: "QC", postalCode: "J8X 1A1", phone: "819-555-0101")]
        d.defendants = [ClaimParty(kind: .business, businessName: "Rénovations Lavoie Inc.", alsoKnownAs: ["Lavoie Reno"],
                                   address: "400 Queen Street West", city: "Toronto", province: "ON", postalCode: "M5V 2A8")]
        d.filingForClient = true
        d.representative = Representative(name: "Aisha Khan", lawSocietyNumber: "12345P", firm: "Khan LLP", address: "1 Bay St",
                                          phone: "416-555-0199", email: "aisha@example.com")
        d.rows = [ClaimRow(reason: "Deposit for unfinished work", amount: Money(cents: 750_000)),
                  ClaimRow(reason: "Cost to repair the counter", amount: Money(cents: 123_456))]
        d.interest = InterestClaim(basis: .contract, rateBasisPoints: 1250, from: CivilDate("2026-03-15"))
        d.summary = String(repeating: "The defendant took a deposit and did not finish the kitchen. ", count: 80)
        d.incidentOn = CivilDate("2026-03-15")
        d.timeline = [TimelineEvent(on: CivilDate("2026-02-01")!, what: "Contract signed")]
        d.documents = [ClaimDocument(title: "Contract", fileName: "contract.pdf")]
        return d
    }

    let seal = SealBlock(courtName: "Toronto Small Claims Court", officeAddress: "47 Sheppard Avenue East, Toronto M2N 5N1",
                         fileNumber: "TOR47-SC-26-000001", issuedOn: CivilDate("2026-11-23")!)

    @Test func theFormIsTheSameBytesEveryTime() {
        #expect(ClaimForms.plaintiffsClaim(claim(), seal: seal, text: english) == ClaimForms.plaintiffsClaim(claim(), seal: seal, text: english))
        #expect(ClaimForms.percent(1250) == "12.50 %")
        #expect(ClaimForms.percent(5) == "0.05 %")
    }

    @Test(.enabled(if: pdfToolsAvailable, "needs pdftotext and qpdf (apt-get install poppler-utils qpdf)"))
    func form7AShowsEveryPartyTheClaimAndTheSealBlock() throws {
        let pdf = ClaimForms.plaintiffsClaim(claim(), seal: seal, text: english)
        let path = NSTemporaryDirectory() + "docket-7a-\(UUID().uuidString).pdf"
        try pdf.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let check = try #require(tool("qpdf", ["--check", path]))
        #expect(check.status == 0, "\(check.output)")
        let text = try #require(tool("pdftotext", ["-enc", "UTF-8", path, "-"])).output
        for expected in ["«pdf.claim.title»", "Toronto Small Claims Court", "TOR47-SC-26-000001", "2026-11-23",
                         "Marie Tremblay", "Jean Côté", "Rénovations Lavoie Inc.", "Lavoie Reno", "«pdf.claim.additionalParties»",
                         "Aisha Khan", "12345P", "$7,500.00", "$1,234.56", "$8,734.56", "12.50 %", "2026-03-15",
                         "Contract signed", "Contract (contract.pdf)", "«pdf.seal.issuedOn»: 2026-11-23"] {
            #expect(text.contains(expected), "\(expected)")
        }
        let pages = try #require(tool("pdfinfo", [path])).output
        #expect(pages.range(of: "Pages: +[2-9]\n", options: .regularExpression) != nil, "the long summary runs onto a second page")
    }

    @Test(.enabled(if: pdfToolsAvailable, "needs pdftotext and qpdf (apt-get install poppler-utils qpdf)"))
    func theCoverPageNamesTheUploadedFilesHash() throws {
        let hash = String(repeating: "ab", count: 32)
        let pdf = ClaimForms.coverPage(documentTitle: "Statement of Claim", fileName: "claim.pdf", uploadSHA256: hash,
                                       parties: ["Plaintiff: Marie Tremblay", "Defendant: Paul Roy"], seal: seal, text: english)
        let path = NSTemporaryDirectory() + "docket-cover-\(UUID().uuidString).pdf"
        try pdf.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try #require(tool("qpdf", ["--check", path])).status == 0)
        let text = try #require(tool("pdftotext", ["-enc", "UTF-8", path, "-"])).output
        for expected in [hash, "Statement of Claim", "claim.pdf", "Defendant: Paul Roy", "TOR47-SC-26-000001"] {
            #expect(text.contains(expected), "\(expected)")
        }
    }
}
