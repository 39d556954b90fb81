import DocketCore
import DocketDocuments
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

let office = "toronto-47-sheppard"

/// A small valid PDF, as a person's scanned invoice would be.
func invoicePDF(_ text: String = "Invoice 1042") -> Data {
    var b = PDFDocumentBuilder(title: text)
    b.heading(text)
    b.text("Renovation work at 12 Elm Street, Toronto.")
    return b.render()
}

extension Browser {
    /// Starts a claim from My account and returns its path, e.g. `/claims/<id>`.
    func startClaim() async throws -> String {
        try await get("/account")
        let page = try await post("/claims", [:])
        #expect(page.status == .seeOther)
        return try #require(page.location)
    }

    /// Fills every section of the claim at `path` with valid answers; `changes` alter the defaults.
    func fillClaim(_ path: String, amount: String = "7,500.00", defendant: [String: String] = [:],
                   interest: [String: String] = ["interestBasis": "none"]) async throws {
        try await get(path + "/office")
        try await expectRedirect(post(path + "/office", ["officeCode": office, "venue": "defendant-resides"]))
        try await get(path + "/plaintiffs/new")
        try await expectRedirect(post(path + "/plaintiffs/new", [
            "partyKind": "individual", "firstName": "Marie", "lastName": "Tremblay", "address": "1 Main Street",
            "city": "Ottawa", "province": "ON", "postalCode": "K2P 2K1", "phone": "613-555-0100", "email": "marie@example.com"]))
        try await get(path + "/defendants/new")
        try await expectRedirect(post(path + "/defendants/new", [
            "partyKind": "business", "businessName": "Renovations Lavoie Inc.", "alsoKnownAs": "Lavoie Reno\nRénos Lavoie",
            "address": "400 Queen Street West", "city": "Toronto", "province": "ON", "postalCode": "M5V 2A8"]
            .merging(defendant) { $1 }))
        try await get(path + "/representative")
        try await expectRedirect(post(path + "/representative", ["filingForClient": "no"]))
        try await get(path + "/claim/new")
        try await expectRedirect(post(path + "/claim/new", ["reason": "Unfinished renovation work paid in advance", "amount": amount]))
        try await get(path + "/interest")
        try await expectRedirect(post(path + "/interest", interest))
        try await get(path + "/story")
        try await expectRedirect(post(path + "/story", [
            "summary": "I paid the defendant in advance for a kitchen renovation. The work was never finished.",
            "incidentOn": "2026-03-15"]))
        try await get(path + "/timeline/new")
        try await expectRedirect(post(path + "/timeline/new", ["eventOn": "2026-02-01", "eventText": "Contract signed and deposit paid"]))
        try await get(path + "/documents")
        try await expectRedirect(upload(path + "/documents", fields: ["documentTitle": "Invoice 1042"],
                                        file: ("file", "invoice.pdf", "application/pdf", invoicePDF())))
        try await get(path + "/documents")
        try await expectRedirect(post(path + "/documents/done", [:]))
    }

    /// Confirms the answers and submits with the fee paid; returns the page after submitting.
    func submitClaim(_ path: String, fee: [String: String] = ["feeChoice": "pay"]) async throws -> Page {
        try await get(path + "/check")
        try await expectRedirect(post(path + "/check", [:]))
        try await get(path + "/fee")
        return try await post(path + "/fee", fee.merging(["declaration": "on"]) { $1 })
    }

    func expectRedirect(_ page: Page, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(page.status == .seeOther, "\(page.status): \(page.body.prefix(3000))", sourceLocation: sourceLocation)
    }
}

func claimID(_ path: String) -> UUID {
    let parts = path.split(separator: "/")
    return parts.count > 1 ? UUID(uuidString: String(parts[1])) ?? UUID() : UUID()
}

func claimRecord(_ app: Application, _ path: String) async throws -> ClaimRecord {
    try #require(try await ClaimRecord.find(claimID(path), on: app.db))
}

/// A submitted claim's case as its docket makes it now.
func filed(_ app: Application, _ path: String) async throws -> CaseSummary {
    try await filed(app, claimID(path))
}

func filed(_ app: Application, _ id: UUID) async throws -> CaseSummary {
    try await CourtActs.state(of: id, app: app, on: app.db)
}

/// A person who registered and started a claim: their browser and the claim's path.
func filerWithClaim(_ app: Application) async throws -> (Browser, String) {
    let b = Browser(app)
    try await b.register()
    return (b, try await b.startClaim())
}

/// A clerk made with `docket staff add`, who has set a password from the emailed link and signed in.
func signedInClerk(_ app: Application) async throws -> Browser {
    let link = try await StaffAccounts.add(email: "clerk@example.com", role: "clerk", app: app)
    let clerk = Browser(app)
    try await clerk.get(String(link.dropFirst(app.docket.settings.baseURL.count)))
    try await clerk.post("/recover/reset", ["token": String(link.split(separator: "=").last!),
                                            "password": "amber-harbour-quill", "passwordConfirmation": "amber-harbour-quill"])
    try await clerk.signIn("clerk@example.com", "amber-harbour-quill")
    return clerk
}
