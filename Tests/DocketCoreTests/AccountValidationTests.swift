import Foundation
import Testing
@testable import DocketCore

@Suite struct PostalCodeTests {
    @Test(arguments: [("K2P 2K1", "K2P 2K1"), ("k2p2k1", "K2P 2K1"), (" m5v-3l9 ", "M5V 3L9"), ("T2X 1V4", "T2X 1V4")])
    func acceptsCanadianCodes(raw: String, standard: String) {
        #expect(PostalCode.canadian(raw) == standard)
    }

    @Test(arguments: ["", "K2P", "K2P 2K", "K2P 2K11", "D2P 2K1", "W2P 2K1", "Z1A 1A1", "K2O 2K1", "KKP 2K1", "12345", "K2P 2KI"])
    func refusesOthers(raw: String) {
        #expect(PostalCode.canadian(raw) == nil)
    }

    @Test func zipCodes() {
        #expect(PostalCode.usZIP("12345") == "12345")
        #expect(PostalCode.usZIP("12345-6789") == "12345-6789")
        #expect(PostalCode.usZIP("1234") == nil)
        #expect(PostalCode.usZIP("12345-678") == nil)
        #expect(PostalCode.usZIP("ABCDE") == nil)
    }
}

@Suite struct IdentifierTests {
    @Test func emailsAreNormalised() {
        #expect(EmailAddress.normalised("  Marie@Example.COM ") == "marie@example.com")
        for bad in ["", "marie", "marie@", "@example.com", "marie@example", "ma rie@example.com", "a@b@c.com", "marie@.com", "marie@example..com"] {
            #expect(EmailAddress.normalised(bad) == nil, "\(bad)")
        }
    }

    @Test func signInIDs() {
        #expect(SignInID.normalised("Marie.T") == "marie.t")
        #expect(SignInID.normalised("abc") == nil)
        #expect(SignInID.normalised(".marie") == nil)
        #expect(SignInID.normalised("marie t") == nil)
        #expect(SignInID.normalised("marié") == nil)
        #expect(SignInID.normalised(String(repeating: "a", count: 41)) == nil)
    }

    @Test func securityAnswersIgnoreCaseAccentsAndSpacing() {
        #expect(SecurityQuestion.normalise("  Corner   BAKERY ") == "corner bakery")
        #expect(SecurityQuestion.normalise("Montréal") == SecurityQuestion.normalise("montreal"))
    }
}

@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy(commonPasswords: ["password", "qwertyuiop", "iloveyou", "q1w2e3r4t5y6"])

    @Test func acceptsALongUncommonPassword() {
        #expect(policy.problems(password: "river-lantern-orbit", confirmation: "river-lantern-orbit").isEmpty)
    }

    @Test func refusesShortPasswords() {
        #expect(policy.problems(password: "Tr0ub4dor&3", confirmation: nil) == [FieldProblem("password", "error.password.short")])
    }

    @Test(arguments: ["q1w2e3r4t5y6", "Q1W2E3R4T5Y6", "password1234", "Password123!", "!!qwertyuiop!!", "aaaaaaaaaaaa", "abababababab"])
    func refusesCommonPasswords(password: String) {
        #expect(policy.problems(password: password, confirmation: nil) == [FieldProblem("password", "error.password.common")])
    }

    @Test func refusesPersonalInformation() {
        #expect(policy.problems(password: "tremblay-2026-x", confirmation: nil, personal: ["Tremblay"])
            == [FieldProblem("password", "error.password.personal")])
    }

    @Test func refusesAMismatchedConfirmation() {
        #expect(policy.problems(password: "river-lantern-orbit", confirmation: "river-lantern-orbi")
            == [FieldProblem("passwordConfirmation", "error.password.mismatch")])
    }

    @Test func refusesEmptyAndOverlongPasswords() {
        #expect(policy.problems(password: "", confirmation: nil) == [FieldProblem("password", "error.password.missing")])
        #expect(policy.problems(password: String(repeating: "xy-z", count: 40), confirmation: nil)
            == [FieldProblem("password", "error.password.long")])
    }
}

@Suite struct ContactDetailsTests {
    func valid() -> ContactDetails {
        ContactDetails(lastName: " Tremblay ", firstName: "Marie", address: "1 Main Street", city: "Ottawa",
                       province: "on", country: "ca", postalCode: "k2p2k1", phone: "613-555-0100")
    }

    @Test func cleansValidDetails() {
        let (c, problems) = valid().validated()
        #expect(problems.isEmpty)
        #expect(c.lastName == "Tremblay")
        #expect(c.province == "ON")
        #expect(c.country == "CA")
        #expect(c.postalCode == "K2P 2K1")
    }

    @Test func reportsEveryProblemAtOnce() {
        let (_, problems) = ContactDetails().validated()
        #expect(Set(problems.map(\.field)) == ["lastName", "firstName", "address", "city", "province", "postalCode", "phone"])
    }

    @Test func checksPostalCodeByCountry() {
        var c = valid()
        c.postalCode = "12345"
        #expect(c.validated().1 == [FieldProblem("postalCode", "error.postalCode.canadian")])
        c.country = "US"; c.province = "NY"
        #expect(c.validated().1.isEmpty)
        c.postalCode = "K2P 2K1"
        #expect(c.validated().1 == [FieldProblem("postalCode", "error.postalCode.zip")])
        c.country = "OTHER"; c.province = "Île-de-France"; c.postalCode = "75001"
        #expect(c.validated().1.isEmpty)
    }

    @Test func checksProvincePhoneExtensionAndFax() {
        var c = valid()
        c.province = "Ontario"; c.phone = "555-0100"; c.phoneExtension = "12a"; c.fax = "12"
        #expect(Set(c.validated().1) == [FieldProblem("province", "error.province.invalid"),
                                         FieldProblem("phone", "error.phone.invalid"),
                                         FieldProblem("phoneExtension", "error.phoneExtension.invalid"),
                                         FieldProblem("fax", "error.fax.invalid")])
    }

    @Test func refusesAnUnknownCountry() {
        var c = valid()
        c.country = "FR"
        #expect(c.validated().1.contains(FieldProblem("country", "error.country.invalid")))
    }
}

@Suite struct RegistrationFormTests {
    let policy = PasswordPolicy(commonPasswords: ["password"])

    func form() -> RegistrationForm {
        var f = RegistrationForm()
        f.kind = "individual"
        f.contact = ContactDetails(lastName: "Tremblay", firstName: "Marie", address: "1 Main Street", city: "Ottawa",
                                   province: "ON", country: "CA", postalCode: "K2P 2K1", phone: "613-555-0100")
        f.email = "Marie@Example.com"
        f.signInID = "Marie.T"
        f.password = "river-lantern-orbit"
        f.passwordConfirmation = "river-lantern-orbit"
        f.questions = ["firstPet", "firstJob", "favouriteBook"]
        f.answers = ["Rex", " Corner  Bakery", "Dune"]
        f.acceptsTerms = true
        return f
    }

    @Test func acceptsACompleteForm() throws {
        let r = try form().validated(passwords: policy).get()
        #expect(r.email == "marie@example.com")
        #expect(r.signInID == "marie.t")
        #expect(r.kind == .individual)
        #expect(r.lawSocietyNumber == nil)
        #expect(r.answers == ["rex", "corner bakery", "dune"])
    }

    @Test func aLawyerNeedsALawSocietyNumber() throws {
        var f = form()
        f.kind = "representative"
        #expect(problems(f) == [FieldProblem("lawSocietyNumber", "error.lawSocietyNumber.missing")])
        f.lawSocietyNumber = "12-34"
        #expect(problems(f) == [FieldProblem("lawSocietyNumber", "error.lawSocietyNumber.invalid")])
        f.lawSocietyNumber = "p12345"
        #expect(try f.validated(passwords: policy).get().lawSocietyNumber == "P12345")
    }

    @Test func staffIsNotAKindOfRegistration() {
        var f = form()
        f.kind = "staff"
        #expect(problems(f) == [FieldProblem("kind", "error.kind.missing")])
    }

    @Test func questionsMustDifferAndAnswersMustBeGiven() {
        var f = form()
        f.questions = ["firstPet", "firstPet", "nonsense"]
        f.answers = ["Rex", "", "x"]
        #expect(Set(problems(f)) == [FieldProblem("question2", "error.question.repeated"),
                                     FieldProblem("answer2", "error.answer.missing"),
                                     FieldProblem("question3", "error.question.missing"),
                                     FieldProblem("answer3", "error.answer.missing")])
    }

    @Test func termsMustBeAccepted() {
        var f = form()
        f.acceptsTerms = false
        #expect(problems(f) == [FieldProblem("acceptsTerms", "error.terms.missing")])
    }

    @Test func reportsEverythingAtOnce() {
        let all = problems(RegistrationForm())
        for field in ["kind", "lastName", "email", "signInID", "password", "question1", "answer1", "acceptsTerms"] {
            #expect(all.contains { $0.field == field }, "\(field)")
        }
    }

    @Test func badEmailsAndIDs() {
        var f = form()
        f.email = "marie"; f.recoveryEmail = "also bad"; f.signInID = "m"
        #expect(Set(problems(f)) == [FieldProblem("email", "error.email.invalid"), FieldProblem("recoveryEmail", "error.email.invalid"),
                                     FieldProblem("signInID", "error.signInID.invalid")])
    }

    func problems(_ f: RegistrationForm) -> [FieldProblem] {
        if case .failure(let p) = f.validated(passwords: policy) { return p.problems }
        return []
    }
}

@Suite struct ClockTests {
    @Test func fixedClockMovesOnlyWhenTold() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let clock = FixedClock(start)
        #expect(clock.now() == start)
        clock.advance(by: 90)
        #expect(clock.now() == start.addingTimeInterval(90))
    }

    @Test func localInstantsAreTorontoTime() {
        // 10:00 in Toronto on 2026-11-23 (EST, UTC−5) is 15:00 UTC.
        #expect(CourtTime.localInstant("2026-11-23T10:00") == Date(timeIntervalSince1970: 1_795_446_000))
        // Summer time (EDT, UTC−4).
        #expect(CourtTime.localInstant("2026-07-01T12:00:00") == Date(timeIntervalSince1970: 1_782_921_600))
        #expect(CourtTime.localInstant("2026-02-30T10:00") == nil)
        #expect(CourtTime.localInstant("2026-11-23") == nil)
    }
}
