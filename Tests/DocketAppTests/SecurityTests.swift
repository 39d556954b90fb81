import DocketCore
import Fluent
import SQLKit
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct SecurityTests {
    @Test func aPostWithoutACSRFTokenIsRefusedAndChangesNothing() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.get("/register")
            let page = try await b.post("/register", registration(), csrf: "")
            #expect(page.status == .forbidden)
            #expect(page.body.contains("This form has expired"))
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func aForgedOrForeignTokenIsRefused() async throws {
        try await withDocket { app, _ in
            let victim = Browser(app)
            try await victim.get("/register")
            #expect(try await victim.post("/register", registration(), csrf: "forged-token").status == .forbidden)
            // A token taken from another browser's page does not fit this browser's cookie.
            let attacker = Browser(app)
            try await attacker.get("/register")
            let stolen = try #require(attacker.csrfToken)
            #expect(try await victim.post("/register", registration(), csrf: stolen).status == .forbidden)
            // No cookie at all.
            let bare = Browser(app)
            #expect(try await bare.post("/sign-in", ["signInID": "x", "password": "y"], csrf: stolen).status == .forbidden)
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func signOutNeedsAToken() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            #expect(try await b.post("/sign-out", [:], csrf: "").status == .forbidden)
            #expect(try await b.get("/account").status == .ok)
        }
    }

    @Test func theTokenChangesAtSignIn() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.get("/register")
            let before = try #require(b.csrfToken)
            try await b.post("/register", registration())
            try await b.get("/account")
            let after = try #require(b.csrfToken)
            #expect(before != after)
            #expect(try await b.post("/account/contact", [:], csrf: before).status == .forbidden)
        }
    }

    @Test(arguments: ["/", "/sign-in", "/nope", "/account"])
    func everyResponseCarriesTheSecurityHeaders(path: String) async throws {
        try await withDocket { app, _ in
            let page = try await Browser(app).get(path)
            let csp = try #require(page.headers.first(name: "Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
        }
    }

    @Test func pagesHaveNoInlineScript() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            for path in ["/", "/account", "/sign-in", "/register"] {
                let body = try await b.get(path).body
                #expect(!body.contains("<script>"), "\(path)")
                #expect(!body.contains(" onclick="), "\(path)")
            }
        }
    }

    @Test func aServerErrorShowsNoInternals() async throws {
        try await withDocket { app, _ in
            struct Broken: Error, CustomStringConvertible { var description: String { "secret-internal-detail at /srv/db" } }
            app.get("boom") { _ -> String in throw Broken() }
            let page = try await Browser(app).get("/boom")
            #expect(page.status == .internalServerError)
            #expect(page.body.contains("Sorry, something went wrong"))
            #expect(!page.body.contains("secret-internal-detail"))
            #expect(!page.body.contains("Broken"))
            #expect(page.body.contains("quote this reference"))
            let fr = try await Browser(app).get("/boom?lang=fr")
            #expect(fr.body.contains("Désolés, une erreur s'est produite") || fr.body.contains("Désolés, une erreur s&#39;est produite"))
        }
    }

    @Test func notFoundInBothLanguages() async throws {
        try await withDocket { app, _ in
            let en = try await Browser(app).get("/no-such-page")
            #expect(en.status == .notFound)
            #expect(en.body.contains("Page not found"))
            let fr = try await Browser(app).get("/no-such-page?lang=fr")
            #expect(fr.status == .notFound)
            #expect(fr.body.contains("Page introuvable"))
            #expect(fr.body.contains("<html lang=\"fr\">"))
        }
    }

    @Test func healthAndReadiness() async throws {
        try await withDocket { app, _ in
            #expect(try await Browser(app).get("/health").status == .ok)
            let ready = try await Browser(app).get("/ready")
            #expect(ready.status == .ok)
            #expect(ready.body == "ready\n")
        }
    }

    @Test func readinessFailsWhenTheDatabaseIsGone() async throws {
        // A database server that is not there: nothing listens on port 1 of the loopback address.
        let app = try await Application.make(.testing)
        var settings = Settings(environment: [:], workingDirectory: packageRoot)
        settings.dataDirectory = NSTemporaryDirectory() + "docket-test-" + UUID().uuidString
        settings.databaseURL = "postgres://docket@127.0.0.1:1/none?sslmode=disable"
        do {
            try await configure(app, settings: settings, clock: FixedClock(testStart), mailTransport: RecordingTransport(), migrate: false)
            let ready = try await Browser(app).get("/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.body == "database unavailable\n")
            #expect(try await Browser(app).get("/health").status == .ok)
        } catch {
            Issue.record(error)
        }
        try await app.asyncShutdown()
        try? FileManager.default.removeItem(atPath: settings.dataDirectory)
    }

    @Test func theDevelopmentMailboxDoesNotExistInProduction() async throws {
        try await withDocket(environment: .production) { app, _ in
            let page = try await Browser(app).get("/dev/mailbox")
            #expect(page.status == .notFound)
        }
        try await withDocket(environment: .development) { app, _ in
            let b = Browser(app)
            try await b.register()
            let page = try await b.get("/dev/mailbox")
            #expect(page.status == .ok)
            #expect(page.body.contains("Your Docket account"))
        }
    }
}

@Suite struct DatabaseChoiceTests {
    /// CI runs the suite twice; this proves the second run really is on PostgreSQL.
    @Test func theSuiteRunsOnTheDatabaseItWasGiven() async throws {
        try await withDocket { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let expected = (ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty ? "sqlite" : "postgresql"
            #expect(sql.dialect.name == expected)
        }
    }
}
