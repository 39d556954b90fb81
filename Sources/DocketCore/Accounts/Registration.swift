import Foundation

/// Who an account is for (seed 002: "You are: a lawyer / an individual representing myself").
public enum AccountKind: String, Codable, Sendable, CaseIterable {
    case individual
    case representative

    /// Staff roles are never chosen at registration; see `StaffRole`.
}

public enum StaffRole: String, Codable, Sendable, CaseIterable {
    case clerk, judge, admin
}

/// The security questions a person may choose from (seed 002: three questions and answers).
/// The keys name entries in the string catalogues ("question.<id>").
public enum SecurityQuestion {
    public static let all = ["firstPet", "childhoodStreet", "favouriteTeacher", "parentsMet",
                             "firstJob", "favouriteBook", "firstConcert", "childhoodFriend"]
    public static let count = 3

    /// Answers are compared after trimming, folding runs of white space to one space, and case
    /// and accent folding, so "  Rex " and "rex" match.
    public static func normalise(_ answer: String) -> String {
        answer.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

public enum EmailAddress {
    /// The address in the form used for comparison (trimmed, lower case), or nil if it cannot be
    /// an address.
    public static func normalised(_ raw: String) -> String? {
        let t = raw.trimmed.lowercased()
        guard t.count <= 254, !t.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) else { return nil }
        let parts = t.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return nil }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return nil }
        return t
    }
}

public enum SignInID {
    /// 4 to 40 letters, digits, dots, hyphens or underscores, starting with a letter or digit.
    public static func normalised(_ raw: String) -> String? {
        let t = raw.trimmed
        guard (4...40).contains(t.count), let first = t.first, first.isASCII, first.isLetter || first.isNumber,
              t.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") })
        else { return nil }
        return t.lowercased()
    }
}

/// Everything a registration form carries.
public struct RegistrationForm: Sendable {
    public var kind: String = ""
    public var lawSocietyNumber: String = ""
    public var contact = ContactDetails()
    public var email: String = ""
    public var recoveryEmail: String = ""
    public var signInID: String = ""
    public var password: String = ""
    public var passwordConfirmation: String = ""
    public var questions: [String] = ["", "", ""]
    public var answers: [String] = ["", "", ""]
    public var acceptsTerms: Bool = false

    public init() {}
}

/// A registration that passed every check, ready to be stored.
public struct Registration: Sendable {
    public let kind: AccountKind
    public let lawSocietyNumber: String?
    public let contact: ContactDetails
    public let email: String
    public let recoveryEmail: String?
    public let signInID: String
    public let password: String
    public let questions: [String]
    /// Already normalised with `SecurityQuestion.normalise`.
    public let answers: [String]
}

extension RegistrationForm {
    public func validated(passwords: PasswordPolicy) -> Result<Registration, RegistrationProblems> {
        var problems: [FieldProblem] = []
        let kind = AccountKind(rawValue: kind)
        if kind == nil { problems.append(FieldProblem("kind", "error.kind.missing")) }
        let lso = lawSocietyNumber.trimmed.uppercased()
        if kind == .representative {
            if lso.isEmpty { problems.append(FieldProblem("lawSocietyNumber", "error.lawSocietyNumber.missing")) }
            else if !(3...10).contains(lso.count) || !lso.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                problems.append(FieldProblem("lawSocietyNumber", "error.lawSocietyNumber.invalid"))
            }
        }
        let (contact, contactProblems) = contact.validated()
        problems += contactProblems

        let email = EmailAddress.normalised(email)
        if self.email.trimmed.isEmpty { problems.append(FieldProblem("email", "error.email.missing")) }
        else if email == nil { problems.append(FieldProblem("email", "error.email.invalid")) }
        var recovery: String? = nil
        if !recoveryEmail.trimmed.isEmpty {
            recovery = EmailAddress.normalised(recoveryEmail)
            if recovery == nil { problems.append(FieldProblem("recoveryEmail", "error.email.invalid")) }
        }
        let id = SignInID.normalised(signInID)
        if signInID.trimmed.isEmpty { problems.append(FieldProblem("signInID", "error.signInID.missing")) }
        else if id == nil { problems.append(FieldProblem("signInID", "error.signInID.invalid")) }

        problems += passwords.problems(password: password, confirmation: passwordConfirmation,
                                       personal: [signInID.trimmed, contact.lastName, contact.firstName,
                                                  String(self.email.trimmed.split(separator: "@").first ?? "")])

        var chosen: [String] = []
        for i in 0..<SecurityQuestion.count {
            let q = i < questions.count ? questions[i] : ""
            let a = i < answers.count ? SecurityQuestion.normalise(answers[i]) : ""
            if !SecurityQuestion.all.contains(q) { problems.append(FieldProblem("question\(i + 1)", "error.question.missing")) }
            else if chosen.contains(q) { problems.append(FieldProblem("question\(i + 1)", "error.question.repeated")) }
            chosen.append(q)
            if a.count < 2 { problems.append(FieldProblem("answer\(i + 1)", "error.answer.missing")) }
            else if a.count > 100 { problems.append(FieldProblem("answer\(i + 1)", "error.field.tooLong")) }
        }
        if !acceptsTerms { problems.append(FieldProblem("acceptsTerms", "error.terms.missing")) }

        guard problems.isEmpty, let kind, let email, let id else { return .failure(RegistrationProblems(problems)) }
        return .success(Registration(
            kind: kind, lawSocietyNumber: kind == .representative ? lso : nil, contact: contact,
            email: email, recoveryEmail: recovery, signInID: id, password: password,
            questions: chosen, answers: answers.prefix(SecurityQuestion.count).map(SecurityQuestion.normalise)))
    }
}

public struct RegistrationProblems: Error, Sendable {
    public let problems: [FieldProblem]
    public init(_ problems: [FieldProblem]) { self.problems = problems }
}
