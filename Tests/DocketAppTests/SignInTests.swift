import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct SignInTests {
    func registered(_ app: Application) async throws {
        let b = Browser(app)
        try await b.register()
        try await b.signOut()
    }

    @Test func signInWithIDOrEmail() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let byID = try await Browser(app).signIn("Marie.T", "river-lantern-orbit")
            #expect(byID.status == .seeOther)
            #expect(byID.location == "/account")
            let byEmail = Browser(app)
            let page = try await byEmail.signIn("MARIE@example.com", "river-lantern-orbit")
            #expect(page.location == "/account")
            #expect(try await byEmail.follow(page).body.contains("Marie Tremblay"))
        }
    }

    @Test func aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let wrong = try await Browser(app).signIn("marie.t", "not-the-password")
            let unknown = try await Browser(app).signIn("nobody.here", "not-the-password")
            #expect(wrong.status == .unprocessableEntity)
            #expect(unknown.status == .unprocessableEntity)
            let message = "We could not sign you in with that sign-in ID and password."
            #expect(wrong.body.contains(message))
            #expect(unknown.body.contains(message))
        }
    }

    @Test func missingFieldsAreNamed() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.get("/sign-in")
            let page = try await b.post("/sign-in", ["signInID": " ", "password": ""])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Enter a sign-in ID."))
            #expect(page.body.contains("Enter a password."))
        }
    }

    @Test func fiveFailuresLockTheAccountForFifteenMinutes() async throws {
        try await withDocket { app, clock in
            try await registered(app)
            for _ in 1...5 { try await Browser(app).signIn("marie.t", "wrong-password-here") }
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            #expect(account.lockedUntil == clock.now().addingTimeInterval(15 * 60))

            // Locked: even the right password does not sign in, and the answer does not say so.
            let locked = try await Browser(app).signIn("marie.t", "river-lantern-orbit")
            #expect(locked.status == .unprocessableEntity)
            #expect(locked.body.contains("We could not sign you in"))

            clock.advance(by: 14 * 60)
            #expect(try await Browser(app).signIn("marie.t", "river-lantern-orbit").status == .unprocessableEntity)
            clock.advance(by: 61)
            let after = try await Browser(app).signIn("marie.t", "river-lantern-orbit")
            #expect(after.status == .seeOther)
            #expect(after.location == "/account")
        }
    }

    @Test func oneAddressIsThrottledAcrossAccounts() async throws {
        try await withDocket { app, clock in
            for i in 1...SignInGuard.addressRule.limit {
                try await Browser(app).signIn("nobody\(i)", "whatever-password")
            }
            let blocked = try await Browser(app).signIn("someone.else", "whatever-password")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.body.contains("Too many attempts"))
            clock.advance(by: 15 * 60 + 1)
            #expect(try await Browser(app).signIn("someone.else", "whatever-password").status == .unprocessableEntity)
        }
    }

    @Test func oldAttemptsAreForgotten() async throws {
        try await withDocket { app, clock in
            for _ in 1...3 { try await Browser(app).signIn("nobody", "whatever-password") }
            let sql = try #require(app.db as? any SQLDatabase)
            func windows() async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM rate_limits").first()?.decode(column: "n", as: Int.self) ?? -1
            }
            #expect(try await windows() == 1)
            clock.advance(by: 86_401)
            try await RateLimiter.prune(now: clock.now(), on: app.db)
            #expect(try await windows() == 0)
        }
    }

    @Test func signingOutEndsTheSessionForGood() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            let token = try #require(b.cookies["docket_session"])
            try await b.signOut()
            #expect(b.cookies["docket_session"] == nil)
            let session = try #require(try await AccountSessionRecord.query(on: app.db).first())
            #expect(session.endReason == "signed-out")
            // Replaying the old cookie does not get back in.
            let replay = Browser(app)
            replay.cookies["docket_session"] = token
            let page = try await replay.get("/account")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func nextGoesOnlyToAPathOnThisSite() async throws {
        try await withDocket { app, _ in
            try await registered(app)
            let b = Browser(app)
            try await b.get("/sign-in")
            let page = try await b.post("/sign-in", ["signInID": "marie.t", "password": "river-lantern-orbit", "next": "//evil.example/"])
            #expect(page.location == "/account")
            let c = Browser(app)
            let form = try await c.get("/sign-in?next=%2Faccount%2Fcontact")
            #expect(form.body.contains("<input type=\"hidden\" name=\"next\" value=\"/account/contact\">"))
            let ok = try await c.post("/sign-in", ["signInID": "marie.t", "password": "river-lantern-orbit", "next": "/account/contact"])
            #expect(ok.location == "/account/contact")
        }
    }

    @Test func aClientCannotClaimHTTPSForItself() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            b.headers.add(name: "X-Forwarded-Proto", value: "https")
            let page = try await b.register()
            let cookie = try #require(page.headers[.setCookie].first { $0.hasPrefix("docket_session=") })
            #expect(!cookie.contains("Secure"))
        }
    }

    @Test func theSignInHintMatchesItsLabel() async throws {
        try await withDocket { app, _ in
            let page = try await Browser(app).get("/sign-in")
            #expect(page.body.contains("The sign-in ID you chose, or the email address of your account."))
            #expect(!page.body.contains("4 to 40 letters"))
            #expect(!page.body.contains("At least 12 characters"))
        }
    }

    @Test func nextAcceptsOnlyAStrictSameSitePath() {
        #expect(SignInController.safeNext("/account") == "/account")
        #expect(SignInController.safeNext("/odr/invitations/AbC-_9?lang=fr") == "/odr/invitations/AbC-_9?lang=fr")
        for bad in ["/account\r\nSet-Cookie: x=y", "/account\n", "/\t/evil.example", "//evil.example", "/\\evil.example",
                    "https://evil.example", "account", "/a b", "/account?x=<script>", String(repeating: "/a", count: 300)] {
            #expect(SignInController.safeNext(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct SessionTests {
    @Test func aSessionEndsAfterFifteenIdleMinutes() async throws {
        try await withDocket { app, clock in
            let b = Browser(app)
            try await b.register()
            clock.advance(by: 14 * 60)
            #expect(try await b.get("/account").status == .ok)
            // Activity moved the idle clock: 14 more minutes are still fine.
            clock.advance(by: 14 * 60)
            #expect(try await b.get("/account").status == .ok)
            clock.advance(by: 15 * 60 + 1)
            let page = try await b.get("/account")
            #expect(page.status == .seeOther)
            #expect(page.location == "/sign-in?next=%2Faccount&expired=1")
            #expect(b.cookies["docket_session"] == nil)
            let notice = try await b.follow(page)
            #expect(notice.body.contains("You were signed out after a period without activity"))
            let session = try #require(try await AccountSessionRecord.query(on: app.db).first())
            #expect(session.endReason == "idle")
        }
    }

    @Test func stayingSignedInRefreshesTheSession() async throws {
        try await withDocket { app, clock in
            let b = Browser(app)
            try await b.register()
            try await b.get("/account")
            clock.advance(by: 13 * 60)
            let extend = try await b.post("/session/extend", [:], extra: ["X-CSRF-Token": b.csrfToken ?? ""])
            #expect(extend.status == .noContent)
            clock.advance(by: 13 * 60)
            #expect(try await b.get("/account").status == .ok)
        }
    }

    @Test func theIdleTimeIsConfigurable() async throws {
        try await withDocket(settings: { $0.sessionIdleMinutes = 5 }) { app, clock in
            let b = Browser(app)
            try await b.register()
            let page = try await b.get("/account")
            #expect(page.body.contains("data-idle-seconds=\"300\""))
            #expect(page.body.contains("signed out after 5 minutes"))
            clock.advance(by: 301)
            #expect(try await b.get("/account").status == .seeOther)
        }
    }

    @Test func theDefaultIdleTimeIsFifteenMinutes() {
        #expect(Settings(environment: [:]).sessionIdleMinutes == 15)
        #expect(Settings(environment: ["DOCKET_SESSION_IDLE_MINUTES": "20"]).sessionIdleMinutes == 20)
    }

    @Test func extendingWithoutASessionIsRefused() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.get("/sign-in")
            let page = try await b.post("/session/extend", [:])
            #expect(page.status == .unauthorized)
        }
    }

    @Test func signedOutPeopleAreSentToSignIn() async throws {
        try await withDocket { app, _ in
            let page = try await Browser(app).get("/account/contact")
            #expect(page.status == .seeOther)
            #expect(page.location == "/sign-in?next=%2Faccount%2Fcontact")
        }
    }
}
