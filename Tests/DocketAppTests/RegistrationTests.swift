import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct RegistrationTests {
    @Test func registeringCreatesTheAccountSignsInAndQueuesAWelcome() async throws {
        try await withDocket { app, _ in
            let browser = Browser(app)
            let page = try await browser.register()
            #expect(page.status == .seeOther)
            #expect(page.location == "/account?welcome=1")
            let cookie = try #require(page.headers[.setCookie].first { $0.hasPrefix("docket_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))

            let home = try await browser.follow(page)
            #expect(home.status == .ok)
            #expect(home.body.contains("Marie Tremblay"))
            #expect(home.body.contains("Your account has been created."))

            let account = try #require(try await AccountRecord.query(on: app.db).first())
            #expect(account.email == "marie@example.com")
            #expect(account.signInID == "marie.t")
            #expect(account.passwordHash.hasPrefix("$2"))
            #expect(account.termsVersion == AccountStore.termsVersion)
            #expect(account.termsAcceptedAt == testStart)
            let answers = try await SecurityAnswerRecord.query(on: app.db).sort(\.$position).all()
            #expect(answers.map(\.question) == ["firstPet", "firstJob", "favouriteBook"])
            #expect(answers.allSatisfy { $0.answerHash.hasPrefix("$2") && !$0.answerHash.contains("Rex") })
            let contact = try #require(try await account.$contact.get(on: app.db))
            #expect(contact.postalCode == "K2P 2K1")
            let mail = try await OutboxRecord.query(on: app.db).all()
            #expect(mail.map(\.recipient) == ["marie@example.com"])
            #expect(mail.first?.textBody.contains("marie.t") == true)
        }
    }

    @Test func aLawyerRegistersWithALawSocietyNumber() async throws {
        try await withDocket { app, _ in
            var form = registration()
            form["kind"] = "representative"
            form["lawSocietyNumber"] = "P12345"
            form["firm"] = "Tremblay Legal"
            let page = try await Browser(app).register(form)
            #expect(page.status == .seeOther)
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            #expect(account.kind == "representative")
            #expect(account.lawSocietyNumber == "P12345")
        }
    }

    @Test func aDuplicateEmailIsRefusedWhateverItsCase() async throws {
        try await withDocket { app, _ in
            try await Browser(app).register()
            let page = try await Browser(app).register(registration("other.id", email: "MARIE@example.com"))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("An account already uses this email address"))
            #expect(try await AccountRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func aDuplicateSignInIDIsRefused() async throws {
        try await withDocket { app, _ in
            try await Browser(app).register()
            let page = try await Browser(app).register(registration("MARIE.T", email: "other@example.com"))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("This sign-in ID is taken"))
            #expect(try await AccountRecord.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: [
        ("short-pw", "Use at least 12 characters"),
        ("password1234", "This password is too common"),
        ("1q2w3e4r5t6y", "This password is too common"),
    ])
    func weakPasswordsAreRefused(password: String, message: String) async throws {
        try await withDocket { app, _ in
            let page = try await Browser(app).register(registration(password: password))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains(message))
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
            #expect(try await OutboxRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func aBadPostalCodeIsRefusedWithTheFieldAndTheFix() async throws {
        try await withDocket { app, _ in
            var form = registration()
            form["postalCode"] = "90210"
            let page = try await Browser(app).register(form)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("There is a problem"))
            #expect(page.body.contains("href=\"#postalCode\""))
            #expect(page.body.contains("Enter a Canadian postal code like K2P 2K1."))
            #expect(page.body.contains("aria-invalid=\"true\" aria-describedby=\"postalCode-error\""))
            // What was entered is kept, except passwords.
            #expect(page.body.contains("value=\"Tremblay\""))
            #expect(!page.body.contains("river-lantern-orbit"))
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func anEmptyFormListsEveryMissingField() async throws {
        try await withDocket { app, _ in
            let browser = Browser(app)
            try await browser.get("/register")
            let page = try await browser.post("/register", [:])
            #expect(page.status == .unprocessableEntity)
            for anchor in ["#kind", "#lastName", "#email", "#signInID", "#password", "#question1", "#answer3", "#acceptsTerms"] {
                #expect(page.body.contains("href=\"\(anchor)\""), "\(anchor)")
            }
        }
    }

    @Test func aSignedInPersonIsSentToTheirAccount() async throws {
        try await withDocket { app, _ in
            let browser = Browser(app)
            try await browser.register()
            let page = try await browser.get("/register")
            #expect(page.status == .seeOther)
            #expect(page.location == "/account")
        }
    }
}
