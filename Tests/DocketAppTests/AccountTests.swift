import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct MyAccountTests {
    @Test func myAccountShowsTheServicesAndSections() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            let page = try await b.get("/account")
            for text in ["Services", "Drafts", "Transactions", "Contact information", "Terms of use",
                         "You accepted version \(AccountStore.termsVersion)"] {
                #expect(page.body.contains(text), "\(text)")
            }
        }
    }

    @Test func aContactEditAddsAVersionAndKeepsTheOldOne() async throws {
        try await withDocket { app, clock in
            let b = Browser(app)
            try await b.register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            let firstVersion = try #require(account.$contact.id)
            let form = try await b.get("/account/contact")
            #expect(form.body.contains("value=\"1 Main Street\""))

            clock.advance(by: 60)
            var values = registration()
            values["address"] = "99 Elgin Street"
            values["postalCode"] = "k1p 5k7"
            let saved = try await b.post("/account/contact", values)
            #expect(saved.location == "/account?saved=1")
            #expect(try await b.follow(saved).body.contains("It will be used on your future filings."))

            let versions = try await ContactRecord.query(on: app.db).sort(\.$recordedAt).all()
            #expect(versions.count == 2)
            #expect(versions[0].id == firstVersion)
            #expect(versions[0].address == "1 Main Street")
            #expect(versions[1].address == "99 Elgin Street")
            #expect(versions[1].postalCode == "K1P 5K7")
            let updated = try #require(try await AccountRecord.find(account.id, on: app.db))
            #expect(updated.$contact.id == versions[1].id)
        }
    }

    @Test func aBadContactEditChangesNothing() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            try await b.get("/account/contact")
            var values = registration()
            values["phone"] = "12"
            values["city"] = ""
            let page = try await b.post("/account/contact", values)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Enter a phone number with 10 to 15 digits"))
            #expect(page.body.contains("Enter your city, town or village."))
            #expect(try await ContactRecord.query(on: app.db).count() == 1)
        }
    }
}

@Suite struct StaffTests {
    @Test func staffAreAddedByCommandAndSetTheirPasswordByLink() async throws {
        try await withDocket { app, _ in
            let link = try await StaffAccounts.add(email: "Clerk@Court.example", role: "clerk", app: app)
            let staff = try #require(try await AccountRecord.query(on: app.db).filter(\.$kind == "staff").first())
            #expect(staff.email == "clerk@court.example")
            #expect(staff.role == .clerk)
            let mail = try #require(try await OutboxRecord.query(on: app.db).first())
            #expect(mail.recipient == "clerk@court.example")

            let path = String(link.dropFirst(app.docket.settings.baseURL.count))
            let b = Browser(app)
            let setPassword = try await b.get(path)
            #expect(setPassword.status == .ok)
            #expect(setPassword.body.contains("<h1>Set your password</h1>"))
            #expect(!setPassword.body.contains("Every signed-in session"))
            let token = String(path.split(separator: "=").last!)
            try await b.post("/recover/reset", ["token": token, "password": "court-clerk-passphrase", "passwordConfirmation": "court-clerk-passphrase"])
            let signIn = try await b.signIn("clerk@court.example", "court-clerk-passphrase")
            #expect(signIn.location == "/staff")
            let home = try await b.get("/staff")
            #expect(home.status == .ok)
            #expect(home.body.contains("Signed in as clerk."))
            // A clerk is not an administrator.
            #expect(try await b.get("/staff/accounts").status == .forbidden)
            // Staff have no party account page.
            #expect(try await b.get("/account").location == "/staff")
        }
    }

    @Test func anAdministratorSeesTheStaffList() async throws {
        try await withDocket { app, _ in
            let link = try await StaffAccounts.add(email: "admin@court.example", role: "admin", app: app)
            _ = try await StaffAccounts.add(email: "judge@court.example", role: "judge", app: app)
            let b = Browser(app)
            let token = String(link.split(separator: "=").last!)
            try await b.get("/recover/reset?token=" + token)
            try await b.post("/recover/reset", ["token": token, "password": "admin-long-passphrase", "passwordConfirmation": "admin-long-passphrase"])
            try await b.signIn("admin@court.example", "admin-long-passphrase")
            let page = try await b.get("/staff/accounts")
            #expect(page.status == .ok)
            #expect(page.body.contains("judge@court.example"))
        }
    }

    @Test func aPartyOnAStaffPageGets403() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            let page = try await b.get("/staff")
            #expect(page.status == .forbidden)
            #expect(page.body.contains("You cannot see this page"))
            #expect(try await b.get("/staff/accounts").status == .forbidden)
        }
    }

    @Test func anonymousVisitorsAreSentToSignIn() async throws {
        try await withDocket { app, _ in
            let page = try await Browser(app).get("/staff")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func badStaffCommandsAreRefusedWithTheFix() async throws {
        try await withDocket { app, _ in
            await #expect(throws: UsageError.self) { try await StaffAccounts.add(email: "not-an-email", role: "clerk", app: app) }
            do {
                _ = try await StaffAccounts.add(email: "x@court.example", role: "bailiff", app: app)
                Issue.record("accepted an unknown role")
            } catch let error as UsageError {
                #expect(error.description.contains("--role"))
            }
            _ = try await StaffAccounts.add(email: "x@court.example", role: "judge", app: app)
            await #expect(throws: UsageError.self) { try await StaffAccounts.add(email: "X@court.example", role: "clerk", app: app) }
            #expect(try await AccountRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func staffCannotRegisterThemselves() async throws {
        try await withDocket { app, _ in
            var form = registration()
            form["kind"] = "staff"
            let page = try await Browser(app).register(form)
            #expect(page.status == .unprocessableEntity)
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
        }
    }
}
