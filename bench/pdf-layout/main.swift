// Time to lay out and render court documents with PDFDocumentBuilder, in a release build:
//   swift run -c release docket-bench-pdf-layout [runs] [length]
// Each case is run `runs` times (default 7) and the median is printed in milliseconds. `length`
// (default 10,000) is the number of characters of the unbroken word and of the paragraph.
import DocketCore
import DocketDocuments
import Foundation

let runs = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 7
let length = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 10_000

let unbroken = String(repeating: "x", count: length)
let paragraph: String = {
    let words = ["the", "defendant", "agreed", "to", "pay", "for", "work", "and", "did", "not;", "plaintiff",
                 "asks", "amount", "owing", "with", "interest", "under", "Courts", "of", "Justice", "Act."]
    var text = ""
    var i = 0
    while text.count < length {
        text += (text.isEmpty ? "" : " ") + words[i % words.count]
        i += 7
    }
    return String(text.prefix(length))
}()

func claim() -> ClaimDraft {
    var d = ClaimDraft()
    d.plaintiffs = [ClaimParty(kind: .individual, firstName: "Marie", lastName: "Tremblay", address: "1 Main Street",
                               city: "Ottawa", province: "ON", postalCode: "K2P 2K1", phone: "613-555-0100"),
                    ClaimParty(kind: .individual, firstName: "Jean", lastName: "Côté", address: "2 Rue Principale",
                               city: "Gatineau", province: "QC", postalCode: "J8X 1A1", phone: "819-555-0101")]
    d.defendants = [ClaimParty(kind: .business, businessName: "Rénovations Lavoie Inc.", alsoKnownAs: ["Lavoie Reno"],
                               address: "400 Queen Street West", city: "Toronto", province: "ON", postalCode: "M5V 2A8")]
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
                     fileNumber: "TORONTO-47-SHEPPARD-SC-26-000001", issuedOn: CivilDate("2026-11-23")!)
let english = FormText(label: { $0 }, money: { $0.formatted(french: false) }, date: { $0.description })

func measure(_ name: String, _ body: () -> Data) {
    var times: [Double] = []
    var bytes = 0
    for _ in 0..<max(runs, 1) {
        let start = DispatchTime.now().uptimeNanoseconds
        bytes = body().count
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    let median = times[times.count / 2]
    print("\(name): median \(String(format: "%.2f", median)) ms over \(times.count) runs (min \(String(format: "%.2f", times[0])), max \(String(format: "%.2f", times[times.count - 1]))); \(bytes) bytes")
}

measure("unbroken word, \(length) characters") {
    var pdf = PDFDocumentBuilder(title: "Bench")
    pdf.text(unbroken)
    return pdf.render()
}
measure("paragraph, \(paragraph.count) characters") {
    var pdf = PDFDocumentBuilder(title: "Bench")
    pdf.text(paragraph)
    return pdf.render()
}
measure("Plaintiff's Claim (Form 7A)") {
    ClaimForms.plaintiffsClaim(claim(), seal: seal, text: english)
}
