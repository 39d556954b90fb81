import DocketCore
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// How many queries each page makes, counted from the database's own log of the request (its
/// request id): a count, not a time, so it is the same on every machine. A page over its budget
/// fails here before it is slow anywhere.
@Suite struct QueryBudgetTests {
    /// Loads `path` in `browser` and counts the statements the database ran for it.
    static func queries(_ browser: Browser, _ path: String) async throws -> Int {
        let id = "budget-" + UUID().uuidString
        let page = try await browser.get(path, extra: ["X-Request-ID": id])
        #expect(page.status == .ok, "\(path): \(page.status)")
        let lines = CapturedLogs.all.split(separator: "\n").filter { $0.contains(id) && $0.contains("Executing query") }
        if ProcessInfo.processInfo.environment["DOCKET_SHOW_QUERIES"] != nil { print(lines.map { String($0.prefix(300)) }.joined(separator: "\n")) }
        return lines.count
    }

    @Test func aDisputePageStaysWithinItsQueryBudget() async throws {
        try await withDocket { app, _ in
            let (claimant, path) = try await submittedDispute(app)
            // The session with its account, the case, its docket, its invitations, its representatives.
            let count = try await Self.queries(claimant, path)
            #expect(count <= 5, "dispute page: \(count) queries, budget 5")
            #expect(count >= 1, "the database's log of the request was not found")
        }
    }

    @Test func myAccountMakesAsManyQueriesForFiveDisputesAsForOne() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let (claimant, _) = try await submittedDispute(app)
            _ = try await respondentAccepts(app, mail)
            let one = try await Self.queries(claimant, "/account")
            for n in 2...5 {
                let path = try await claimant.openDispute(respondents: [("Respondent \(n)", "r\(n)@example.com")])
                try await claimant.get(path)
                try await claimant.expectRedirect(claimant.post(path + "/submit", [:]))
            }
            _ = try await claimant.openDispute()   // and a draft
            let five = try await Self.queries(claimant, "/account")
            #expect(five == one, "My account: \(one) queries with one dispute, \(five) with five and a draft")
            #expect(try await claimant.get("/account").body.components(separatedBy: "Marie Tremblay and Respondent").count == 5)
        }
    }

    @Test func eachPageStaysWithinItsQueryBudget() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            let draftCount = try await Self.queries(b, path)
            try await b.expectRedirect(b.submitClaim(path))
            let counts: [(String, Int, Int)] = [
                ("home", try await Self.queries(Browser(app), "/"), 0),
                ("sign-in", try await Self.queries(Browser(app), "/sign-in"), 0),
                ("claim task list", draftCount, 2),
                ("issued claim", try await Self.queries(b, path), 4),
                ("My account", try await Self.queries(b, "/account"), 8),
                ("transactions", try await Self.queries(b, "/account/transactions"), 4),
                // The session, the count, the page of the queue from the projection, the offices' names.
                ("clerks' queue", try await Self.queries(try await signedInClerk(app), "/staff/claims"), 4),
            ]
            for (page, count, budget) in counts {
                #expect(count <= budget, "\(page): \(count) queries, budget \(budget)")
                // A signed-in page reads at least the session with its account: the log is being counted.
                if budget > 0 { #expect(count >= 1, "\(page): the database's log of the request was not found") }
            }
        }
    }
}
