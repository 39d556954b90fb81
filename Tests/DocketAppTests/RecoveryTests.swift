import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct RecoveryTests {
    func registered(_ app: Application) async throws {
        var form = registration()
        form["recoveryEmail"] = "marie.backup@example.org"
        let b = Browser(app)
        try await b.register(form)
        try await b.signOut()
    }

    func answer(_ app: Application, identifier: String, answers: [String], password: String = "new-quiet-harbour") async throws -> Browser.Page {
        let b = Browser(app)
        try await b.get("/recover/questions")
        let questions = try await b.post("/recover/questions", ["identifier": identifier])
        #expect(questions.status == .ok)
        return try await b.post("/recover/questions/answer", [
            "identifier": identifier, "answer1": answers[0], "answer2": answers[1], "answer3": answers[2],
            "password": password, "passwordConfirmation": password,
        ])
    }

    @Test func theRightAnswersSetANewPassword() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let signedIn = Browser(app)
            try await signedIn.signIn("marie.t", "river-lantern-orbit")
            let b = Browser(app)
            try await b.get("/recover/questions")
            let questions = try await b.post("/recover/questions", ["identifier": "marie.t"])
            #expect(questions.body.contains("What was the name of your first pet?"))
            #expect(questions.body.contains("Where was your first job?"))

            let done = try await answer(app, identifier: "Marie@Example.com", answers: [" rex", "CORNER  bakery", "dune "])
            #expect(done.status == .seeOther)
            #expect(done.location == "/sign-in?done=password-changed")
            #expect(try await Browser(app).signIn("marie.t", "river-lantern-orbit").status == .unprocessableEntity)
            #expect(try await Browser(app).signIn("marie.t", "new-quiet-harbour").status == .seeOther)
            // Sessions that were open are ended.
            #expect(try await signedIn.get("/account").status == .seeOther)
            let notices = try await OutboxRecord.query(on: app.db).filter(\.$subject == "Your Docket password was changed").all()
            #expect(Set(notices.map(\.recipient)) == ["marie@example.com", "marie.backup@example.org"])
        }
    }

    @Test func wrongAnswersChangeNothingAndCountTowardsTheLockout() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let page = try await answer(app, identifier: "marie.t", answers: ["Rex", "Corner Bakery", "Foundation"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("We could not confirm those answers"))
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            #expect(account.failedSignIns == 1)
            #expect(try await Browser(app).signIn("marie.t", "river-lantern-orbit").status == .seeOther)
        }
    }

    @Test func anUnknownIdentifierLooksTheSame() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.get("/recover/questions")
            let first = try await b.post("/recover/questions", ["identifier": "ghost.user"])
            #expect(first.status == .ok)
            #expect(first.body.components(separatedBy: "name=\"answer").count - 1 == 3)
            // The same decoy questions every time, so asking twice does not give it away.
            let again = try await b.post("/recover/questions", ["identifier": "ghost.user"])
            let labels = { (body: String) in body.components(separatedBy: "<label class=\"field-label\"").dropFirst().map { $0.prefix(80) } }
            #expect(labels(first.body) == labels(again.body))
            let page = try await answer(app, identifier: "ghost.user", answers: ["a1", "a2", "a3"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("We could not confirm those answers"))
        }
    }

    @Test func aWeakNewPasswordIsRefusedBeforeAnswersAreChecked() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let page = try await answer(app, identifier: "marie.t", answers: ["Rex", "Corner Bakery", "Dune"], password: "short")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Use at least 12 characters"))
            #expect(try await AccountRecord.query(on: app.db).first()?.failedSignIns == 0)
        }
    }

    func resetLink(_ app: Application, to address: String = "marie@example.com") async throws -> String {
        let mail = try #require(try await OutboxRecord.query(on: app.db).filter(\.$recipient == address)
            .filter(\.$subject == "Set a new Docket password").sort(\.$createdAt, .descending).first())
        let range = try #require(mail.textBody.range(of: #"/recover/reset\?token=[A-Za-z0-9_-]+"#, options: .regularExpression))
        return String(mail.textBody[range])
    }

    @Test func anEmailedLinkWorksOnce() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let b = Browser(app)
            try await b.get("/recover/email")
            let sent = try await b.post("/recover/email", ["email": "MARIE@example.com"])
            #expect(sent.body.contains("If an account uses that address"))
            let link = try await resetLink(app)
            // Only the hash of the token is stored.
            let token = String(link.split(separator: "=").last!)
            let stored = try #require(try await PasswordResetRecord.query(on: app.db).first())
            #expect(stored.tokenHash == Tokens.sha256(token))
            #expect(stored.tokenHash != token)

            #expect(try await b.get(link).status == .ok)
            let done = try await b.post("/recover/reset", ["token": token, "password": "new-quiet-harbour", "passwordConfirmation": "new-quiet-harbour"])
            #expect(done.location == "/sign-in?done=password-changed")
            #expect(try await Browser(app).signIn("marie.t", "new-quiet-harbour").status == .seeOther)

            let reused = try await b.get(link)
            #expect(reused.status == .gone)
            #expect(reused.body.contains("This link cannot be used"))
            let again = try await b.post("/recover/reset", ["token": token, "password": "another-long-phrase", "passwordConfirmation": "another-long-phrase"])
            #expect(again.status == .gone)
            #expect(try await Browser(app).signIn("marie.t", "another-long-phrase").status == .unprocessableEntity)
        }
    }

    @Test func aLinkExpiresAfterThirtyMinutes() async throws {
        try await withDocket { app, clock in
            try await registered(app)
            let b = Browser(app)
            try await b.get("/recover/email")
            try await b.post("/recover/email", ["email": "marie.backup@example.org"])
            let link = try await resetLink(app, to: "marie.backup@example.org")
            clock.advance(by: 29 * 60)
            #expect(try await b.get(link).status == .ok)
            clock.advance(by: 61)
            #expect(try await b.get(link).status == .gone)
            let token = String(link.split(separator: "=").last!)
            #expect(try await b.post("/recover/reset", ["token": token, "password": "new-quiet-harbour", "passwordConfirmation": "new-quiet-harbour"]).status == .gone)
        }
    }

    @Test func aBadTokenAndAWeakPasswordAreRefused() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let b = Browser(app)
            #expect(try await b.get("/recover/reset?token=made-up").status == .gone)
            #expect(try await b.get("/recover/reset").status == .gone)
            try await b.get("/recover/email")
            try await b.post("/recover/email", ["email": "marie@example.com"])
            let link = try await resetLink(app)
            try await b.get(link)
            let token = String(link.split(separator: "=").last!)
            let weak = try await b.post("/recover/reset", ["token": token, "password": "password1234", "passwordConfirmation": "password1234"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.contains("too common"))
        }
    }

    @Test func anUnknownAddressGetsTheSameAnswerAndNoMail() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.get("/recover/email")
            let page = try await b.post("/recover/email", ["email": "nobody@example.com"])
            #expect(page.status == .ok)
            #expect(page.body.contains("If an account uses that address"))
            #expect(try await OutboxRecord.query(on: app.db).count() == 0)
            try await b.get("/recover/email")
            let bad = try await b.post("/recover/email", ["email": "not an address"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Enter an email address like name@example.com."))
        }
    }

    @Test func theSignInIDIsEmailed() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let b = Browser(app)
            try await b.get("/recover/sign-in-id")
            let page = try await b.post("/recover/sign-in-id", ["email": "marie.backup@example.org"])
            #expect(page.body.contains("we have emailed its sign-in ID"))
            let mail = try #require(try await OutboxRecord.query(on: app.db).filter(\.$subject == "Your Docket sign-in ID").first())
            #expect(mail.recipient == "marie.backup@example.org")
            #expect(mail.textBody.contains("marie.t"))
            try await b.get("/recover/sign-in-id")
            try await b.post("/recover/sign-in-id", ["email": "nobody@example.com"])
            #expect(try await OutboxRecord.query(on: app.db).filter(\.$subject == "Your Docket sign-in ID").count() == 1)
        }
    }
}
