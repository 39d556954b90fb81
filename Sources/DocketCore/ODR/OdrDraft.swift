/// What an online dispute is about (seed 000: "What is your dispute about?").
public enum DisputeCategory: String, Codable, Sendable, CaseIterable {
    case goodsOrServices = "goods-services"
    case unpaidLoan = "unpaid-loan"
    case rent
    case propertyDamage = "property-damage"
    case contract
    case other
}

/// Someone invited to settle: a name and the email the invitation goes to.
public struct OdrRespondent: Codable, Sendable, Equatable {
    public var name: String
    public var email: String

    public init(name: String, email: String) { self.name = name; self.email = email }
}

/// An online dispute resolution case before it is submitted. Once submitted it is never edited
/// (seed 000); a new case can start as a copy.
public struct OdrDraft: Codable, Sendable, Equatable {
    public var category: DisputeCategory?
    public var description: String = ""
    public var respondents: [OdrRespondent] = []
    public var amount: Money?
    /// When the problem happened; gives the limitation date to show (ODR does not stop it).
    public var incidentOn: CivilDate?

    public init() {}

    public static let maxDescription = 5_000
    public static let maxRespondents = 10

    /// Catalogue keys of what is still needed before the case can be submitted.
    public var missing: [String] {
        var keys: [String] = []
        if category == nil { keys.append("odr.missing.category") }
        if description.isEmpty { keys.append("odr.missing.description") }
        if respondents.isEmpty { keys.append("odr.missing.respondents") }
        if amount == nil { keys.append("odr.missing.amount") }
        return keys
    }

    /// Checks the details a person entered: every problem at once.
    public static func details(category: String, description: String, amount: String, incidentOn: String,
                               today: CivilDate) -> (DisputeCategory?, String, Money?, CivilDate?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let c = DisputeCategory(rawValue: category)
        if c == nil { problems.append(FieldProblem("category", "error.category.missing")) }
        let d = description.trimmed
        if d.isEmpty { problems.append(FieldProblem("description", "error.description.missing")) }
        else if d.count > maxDescription { problems.append(FieldProblem("description", "error.field.tooLong")) }
        let m = Money.parse(amount)
        if m == nil || m! <= .zero || m!.cents > 100_000_000_00 { problems.append(FieldProblem("amount", "error.amount.invalid")) }
        var incident: CivilDate? = nil
        if !incidentOn.trimmed.isEmpty {
            incident = CivilDate(incidentOn.trimmed)
            if incident == nil { problems.append(FieldProblem("incidentOn", "error.date.invalid")) }
            else if incident! > today { problems.append(FieldProblem("incidentOn", "error.date.future")) }
        }
        return (c, d, m, incident, problems)
    }

    public static func respondent(name: String, email: String, existing: [OdrRespondent], claimantEmail: String) -> (OdrRespondent?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let n = name.trimmed
        if let problem = TextField.problem(n, "respondentName", max: 200, missingKey: "error.respondentName.missing") { problems.append(problem) }
        let e = EmailAddress.normalised(email)
        if e == nil { problems.append(FieldProblem("respondentEmail", "error.email.invalid")) }
        else if e == claimantEmail { problems.append(FieldProblem("respondentEmail", "error.respondentEmail.self")) }
        else if existing.contains(where: { $0.email == e }) { problems.append(FieldProblem("respondentEmail", "error.respondentEmail.duplicate")) }
        if existing.count >= maxRespondents { problems.append(FieldProblem("respondentName", "error.parties.tooMany")) }
        return (problems.isEmpty ? OdrRespondent(name: n, email: e!) : nil, problems)
    }
}
