import Foundation

/// How a person or firm is reached: what goes on every filing made from the account. A filing keeps a
/// copy of the details it was filed with (seed 002: edits apply to future filings only).
public struct ContactDetails: Equatable, Sendable, Codable {
    public var lastName: String
    public var firstName: String
    public var firm: String
    public var address: String
    public var city: String
    public var province: String
    public var country: String
    public var postalCode: String
    public var phone: String
    public var phoneExtension: String
    public var fax: String

    public init(lastName: String = "", firstName: String = "", firm: String = "", address: String = "",
                city: String = "", province: String = "", country: String = "CA", postalCode: String = "",
                phone: String = "", phoneExtension: String = "", fax: String = "") {
        self.lastName = lastName; self.firstName = firstName; self.firm = firm; self.address = address
        self.city = city; self.province = province; self.country = country; self.postalCode = postalCode
        self.phone = phone; self.phoneExtension = phoneExtension; self.fax = fax
    }

    /// The postal address on one line, as the person gave it.
    public var postalAddress: String {
        [address, [city, province, postalCode].filter { !$0.isEmpty }.joined(separator: " ")].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// Countries a person can choose; addresses elsewhere use "OTHER".
    public static let countries = ["CA", "US", "OTHER"]

    /// Canadian provinces and territories by their postal abbreviation.
    public static let provinces = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]

    /// Trims every field and puts postal codes and provinces in standard form; returns the cleaned
    /// details and every problem found.
    public func validated() -> (ContactDetails, [FieldProblem]) {
        var c = self
        c.lastName = c.lastName.trimmed; c.firstName = c.firstName.trimmed; c.firm = c.firm.trimmed
        c.address = c.address.trimmed; c.city = c.city.trimmed; c.province = c.province.trimmed
        c.country = c.country.trimmed.uppercased(); c.postalCode = c.postalCode.trimmed
        c.phone = c.phone.trimmed; c.phoneExtension = c.phoneExtension.trimmed; c.fax = c.fax.trimmed

        var problems: [FieldProblem] = []
        func require(_ value: String, _ field: String, max: Int = 100) {
            if let problem = TextField.problem(value, field, max: max, missingKey: "error.\(field).missing") { problems.append(problem) }
        }
        require(c.lastName, "lastName")
        require(c.firstName, "firstName")
        if let problem = TextField.optionalProblem(c.firm, "firm", max: 150) { problems.append(problem) }
        require(c.address, "address", max: 200)
        require(c.city, "city")
        if !Self.countries.contains(c.country) { problems.append(FieldProblem("country", "error.country.invalid")) }
        if c.country == "CA" {
            let p = c.province.uppercased()
            if c.province.isEmpty { problems.append(FieldProblem("province", "error.province.missing")) }
            else if !Self.provinces.contains(p) { problems.append(FieldProblem("province", "error.province.invalid")) }
            else { c.province = p }
        } else {
            require(c.province, "province")
        }
        if c.postalCode.isEmpty {
            problems.append(FieldProblem("postalCode", "error.postalCode.missing"))
        } else if c.country == "CA" {
            if let code = PostalCode.canadian(c.postalCode) { c.postalCode = code }
            else { problems.append(FieldProblem("postalCode", "error.postalCode.canadian")) }
        } else if c.country == "US" {
            if PostalCode.usZIP(c.postalCode) == nil { problems.append(FieldProblem("postalCode", "error.postalCode.zip")) }
        }
        if c.phone.isEmpty { problems.append(FieldProblem("phone", "error.phone.missing")) }
        else if !Self.isPhone(c.phone) { problems.append(FieldProblem("phone", "error.phone.invalid")) }
        if !c.phoneExtension.isEmpty, !(c.phoneExtension.count <= 6 && c.phoneExtension.allSatisfy(\.isASCIIDigit)) {
            problems.append(FieldProblem("phoneExtension", "error.phoneExtension.invalid"))
        }
        if !c.fax.isEmpty, !Self.isPhone(c.fax) { problems.append(FieldProblem("fax", "error.fax.invalid")) }
        return (c, problems)
    }

    /// 10 to 15 digits, with the usual separators allowed.
    static func isPhone(_ text: String) -> Bool {
        let allowed = Set("0123456789 +-().")
        guard text.allSatisfy({ allowed.contains($0) }) else { return false }
        let digits = text.filter(\.isASCIIDigit).count
        return (10...15).contains(digits)
    }
}

extension String {
    public var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
