import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

extension Browser {
    /// Opens a complete ODR draft from My account against `respondents` (name, email); returns its path.
    func openDispute(respondents: [(String, String)] = [("Paul Roy", "paul@example.com")], amount: String = "1,200.00") async throws -> String {
        try await get("/account")
        let created = try await post("/odr", [:])
        let details = try #require(created.location)
        let path = String(details.dropLast("/details".count))
        try await get(details)
        try await expectRedirect(post(details, ["category": "goods-services", "description": "A sofa was paid for and never delivered.",
                                                "amount": amount, "incidentOn": "2026-10-01"]))
        for (name, email) in respondents {
            try await get(path)
            try await expectRedirect(post(path + "/respondents", ["respondentName": name, "respondentEmail": email]))
        }
        return path
    }
}

/// The invitation link sent to `email`, as a path.
func invitationPath(_ mail: RecordingTransport, to email: String, app: Application) async throws -> String {
    try await app.mailWorker.runOnce(now: app.docket.clock.now())
    let message = try #require(mail.messages.last { $0.to == email && $0.text.contains("/odr/invitations/") })
    let line = try #require(message.text.split(separator: "\n").first { $0.contains("/odr/invitations/") })
    return String(line.dropFirst(app.docket.settings.baseURL.count))
}

/// Registers the respondent, opens the invitation and accepts; returns their browser.
func respondentAccepts(_ app: Application, _ mail: RecordingTransport, id: String = "paul.r", email: String = "paul@example.com") async throws -> Browser {
    let link = try await invitationPath(mail, to: email, app: app)
    let b = Browser(app)
    try await b.register(registration(id, email: email))
    try await b.get(link)
    let accepted = try await b.post(link + "/accept", [:])
    #expect(accepted.status == .seeOther, "\(accepted.body.prefix(2000))")
    return b
}

/// Marie registers, opens a complete dispute against Paul and submits it.
func submittedDispute(_ app: Application) async throws -> (Browser, String) {
    let claimant = Browser(app)
    try await claimant.register()
    let path = try await claimant.openDispute()
    try await claimant.get(path)
    try await claimant.expectRedirect(claimant.post(path + "/submit", [:]))
    return (claimant, path)
}
