/// A plaintiff or a defendant on a Plaintiff's Claim (Form 7A) or Additional Parties (Form 1A).
public enum PartyKind: String, Codable, Sendable, CaseIterable {
    case individual, business
}

public enum PartySide: String, Codable, Sendable, CaseIterable {
    case plaintiff, defendant

    /// The word used in paths: `plaintiffs`, `defendants`.
    public var plural: String { rawValue + "s" }

    public init?(plural: String) {
        guard let side = PartySide.allCases.first(where: { $0.plural == plural }) else { return nil }
        self = side
    }
}

public struct ClaimParty: Codable, Sendable, Equatable {
    public var kind: PartyKind?
    public var firstName: String
    public var lastName: String
    /// A business is named by its full legal name.
    public var businessName: String
    /// Other names the party is known by, one per line (Form 1A "also known as").
    public var alsoKnownAs: [String]
    public var address: String
    public var city: String
    public var province: String
    public var postalCode: String
    public var phone: String
    public var email: String
    /// A defendant under a legal disability (a minor, or mentally incapable): the claim needs a clerk.
    public var underDisability: Bool

    public init(kind: PartyKind? = nil, firstName: String = "", lastName: String = "", businessName: String = "",
                alsoKnownAs: [String] = [], address: String = "", city: String = "", province: String = "ON",
                postalCode: String = "", phone: String = "", email: String = "", underDisability: Bool = false) {
        self.kind = kind; self.firstName = firstName; self.lastName = lastName; self.businessName = businessName
        self.alsoKnownAs = alsoKnownAs; self.address = address; self.city = city; self.province = province
        self.postalCode = postalCode; self.phone = phone; self.email = email; self.underDisability = underDisability
    }

    public var name: String {
        kind == .business ? businessName : [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The name as it appears on the form, with any other names: "Jane Roe, also known as Jane Doe".
    public var fullDescription: String {
        alsoKnownAs.isEmpty ? name : name + " (a.k.a. " + alsoKnownAs.joined(separator: "; ") + ")"
    }

    /// A person as their account's contact details give them: name, address and phone.
    public init(contact c: ContactDetails, email: String) {
        self.init(kind: .individual, firstName: c.firstName, lastName: c.lastName, address: c.address, city: c.city,
                  province: c.province, postalCode: c.postalCode, phone: c.phone, email: email)
    }

    /// "Paul Roy" → ("Paul", "Roy"); "Marie-Ève de la Fontaine" → ("Marie-Ève", "de la Fontaine")
    /// where a particle starts the surname; a single word is a last name.
    public static func split(fullName: String) -> (first: String, last: String) {
        let words = fullName.trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count > 1 else { return ("", words.first ?? "") }
        let particles: Set<String> = ["de", "du", "des", "la", "le", "van", "von", "der", "den", "di", "da", "del", "st.", "saint", "mac", "o'"]
        var cut = words.count - 1
        while cut > 1, particles.contains(words[cut - 1].lowercased()) { cut -= 1 }
        return (words[..<cut].joined(separator: " "), words[cut...].joined(separator: " "))
    }

    public var mailingAddress: String {
        [address, [city, province].filter { !$0.isEmpty }.joined(separator: ", "), postalCode]
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// Cleans the fields and returns every problem. A plaintiff must give a phone number; a
    /// defendant's phone and email are given when known.
    public func validated(as side: PartySide) -> (ClaimParty, [FieldProblem]) {
        var p = self
        p.firstName = p.firstName.trimmed; p.lastName = p.lastName.trimmed; p.businessName = p.businessName.trimmed
        p.alsoKnownAs = p.alsoKnownAs.map(\.trimmed).filter { !$0.isEmpty }
        p.address = p.address.trimmed; p.city = p.city.trimmed; p.province = p.province.trimmed.uppercased()
        p.postalCode = p.postalCode.trimmed; p.phone = p.phone.trimmed; p.email = p.email.trimmed
        if side == .plaintiff { p.underDisability = false }

        var problems: [FieldProblem] = []
        func require(_ value: String, _ field: String, max: Int = 100) {
            if let problem = TextField.problem(value, field, max: max, missingKey: "error.party.\(field).missing") { problems.append(problem) }
        }
        switch p.kind {
        case nil: problems.append(FieldProblem("partyKind", "error.partyKind.missing"))
        case .individual?:
            require(p.firstName, "firstName"); require(p.lastName, "lastName"); p.businessName = ""
        case .business?:
            require(p.businessName, "businessName", max: 200); p.firstName = ""; p.lastName = ""
        }
        if p.alsoKnownAs.count > 10 || p.alsoKnownAs.contains(where: { $0.count > 200 }) {
            problems.append(FieldProblem("alsoKnownAs", "error.alsoKnownAs.tooMany"))
        } else if let problem = p.alsoKnownAs.lazy.compactMap({ TextField.optionalProblem($0, "alsoKnownAs", max: 200) }).first {
            problems.append(problem)
        }
        require(p.address, "address", max: 200)
        require(p.city, "city")
        if !ContactDetails.provinces.contains(p.province) { problems.append(FieldProblem("province", "error.province.invalid")) }
        if let code = PostalCode.canadian(p.postalCode) { p.postalCode = code }
        else if p.postalCode.isEmpty, side == .defendant { }
        else { problems.append(FieldProblem("postalCode", p.postalCode.isEmpty ? "error.party.postalCode.missing" : "error.postalCode.canadian")) }
        if p.phone.isEmpty {
            if side == .plaintiff { problems.append(FieldProblem("phone", "error.party.phone.missing")) }
        } else if !ContactDetails.isPhone(p.phone) {
            problems.append(FieldProblem("phone", "error.phone.invalid"))
        }
        if !p.email.isEmpty {
            if let email = EmailAddress.normalised(p.email) { p.email = email }
            else { problems.append(FieldProblem("email", "error.email.invalid")) }
        }
        return (p, problems)
    }
}
