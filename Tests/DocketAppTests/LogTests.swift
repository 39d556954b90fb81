import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct LogTests {
    @Test func noPasswordAnswerTokenOrSessionIsLogged() async throws {
        try await withDocket { app, _ in
            let password = "unique-secret-" + UUID().uuidString
            let answer = "answer-" + UUID().uuidString
            var form = registration("log.tester", email: "log@example.com", password: password)
            form["answer1"] = answer
            let b = Browser(app)
            try await b.register(form)
            let session = try #require(b.cookies["docket_session"])
            let csrf = try #require(b.cookies["docket_csrf"])
            try await b.signOut()
            try await Browser(app).signIn("log.tester", "wrong-" + password)
            try await b.get("/recover/email")
            try await b.post("/recover/email", ["email": "log@example.com"])
            let mail = try #require(try await OutboxRecord.query(on: app.db).filter(\.$subject == "Set a new Docket password").first())
            let range = try #require(mail.textBody.range(of: "token=[A-Za-z0-9_-]+", options: .regularExpression))
            let token = String(mail.textBody[range].dropFirst(6))
            try await b.get("/recover/reset?token=" + token)

            let logs = CapturedLogs.all
            #expect(logs.contains("account registered"))
            for secret in [password, answer, answer.lowercased(), session, csrf, token] {
                #expect(!logs.contains(secret))
            }
        }
    }
}
