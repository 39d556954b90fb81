import Foundation

/// A court office where a claim can be filed. The list starts from data shipped with Docket and is
/// kept by administrators: offices are added, corrected and retired without a code change.
public struct CourtOffice: Equatable, Sendable {
    public var code: String
    public var name: String
    /// The office's name in French, as French pages, documents and mail give it.
    public var nameFr: String
    /// A short code for court file numbers (`TOR47-SC-26-000001`), unique and fixed once given.
    public var shortCode: String
    public var streetAddress: String
    public var city: String
    public var postalCode: String
    public var phone: String
    /// How sure the source is that Small Claims Court sits here: "confirmed" or "likely …".
    public var smallClaims: String
    public var locationID: String

    public init(code: String, name: String, nameFr: String = "", shortCode: String = "", streetAddress: String, city: String,
                postalCode: String, phone: String = "", smallClaims: String = "confirmed", locationID: String = "") {
        self.code = code; self.name = name; self.streetAddress = streetAddress; self.city = city
        self.postalCode = postalCode; self.phone = phone; self.smallClaims = smallClaims; self.locationID = locationID
        self.nameFr = nameFr.isEmpty ? Self.frenchName(of: name) : nameFr
        self.shortCode = shortCode.isEmpty ? Self.shortCode(of: code) : shortCode
    }

    /// The name in `french` or English.
    public func name(french: Bool) -> String { french ? nameFr : name }

    /// The postal address on one line, province included (every office is in Ontario).
    public var fullAddress: String { "\(streetAddress), \(city) ON \(postalCode)" }

    /// A French name made from the English one, for offices listed without one: "Toronto Small
    /// Claims Court" → "Cour des petites créances de Toronto", "Ottawa Courthouse" → "Palais de
    /// justice d'Ottawa". Administrators can correct it.
    public static func frenchName(of english: String) -> String {
        let kinds = [("Small Claims Court", "Cour des petites créances"), ("Courthouse", "Palais de justice")]
        guard let (suffix, kind) = kinds.first(where: { english.contains($0.0) }),
              let range = english.range(of: suffix) else { return english }
        let place = String(english[..<range.lowerBound]).trimmed
        let after = String(english[range.upperBound...]).trimmed
        let qualifiers = ["(filing office)": "(bureau de dépôt)", "(courtrooms)": "(salles d'audience)",
                          "(administration office)": "(bureau administratif)"]
        let elide = place.first.map { "AEIOUÉÈÊHaeiouéèêh".contains($0) } ?? false
        let name = kind + (elide ? " d'" : " de ") + place
        return after.isEmpty ? name : name + " " + (qualifiers[after] ?? after)
    }

    /// "toronto-47-sheppard" → "TOR47": three letters of the place and the street number.
    public static func shortCode(of code: String) -> String {
        let parts = code.uppercased().split(separator: "-")
        let letters = parts.first.map { String($0.filter(\.isLetter).prefix(3)) } ?? ""
        let number = parts.first { $0.allSatisfy(\.isASCIIDigit) }.map(String.init) ?? ""
        return String((letters + number).prefix(12))
    }

    /// Trims and checks an office as entered by an administrator; every problem at once.
    public func validated() -> (CourtOffice, [FieldProblem]) {
        var o = self
        o.code = o.code.trimmed.lowercased(); o.name = o.name.trimmed; o.streetAddress = o.streetAddress.trimmed
        o.nameFr = o.nameFr.trimmed; o.shortCode = o.shortCode.trimmed.uppercased()
        if o.nameFr.isEmpty { o.nameFr = Self.frenchName(of: o.name) }
        if o.shortCode.isEmpty { o.shortCode = Self.shortCode(of: o.code) }
        o.city = o.city.trimmed; o.phone = o.phone.trimmed; o.smallClaims = o.smallClaims.trimmed
        o.locationID = o.locationID.trimmed
        var problems: [FieldProblem] = []
        if o.code.isEmpty { problems.append(FieldProblem("code", "error.office.code.missing")) }
        else if !(3...60).contains(o.code.count) || !o.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append(FieldProblem("code", "error.office.code.invalid"))
        }
        if let problem = TextField.problem(o.name, "name", max: 200, missingKey: "error.office.name.missing") { problems.append(problem) }
        if let problem = TextField.optionalProblem(o.nameFr, "nameFr", max: 200) { problems.append(problem) }
        if !(2...12).contains(o.shortCode.count) || !o.shortCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            problems.append(FieldProblem("shortCode", "error.office.shortCode.invalid"))
        }
        if o.streetAddress.isEmpty { problems.append(FieldProblem("streetAddress", "error.address.missing")) }
        if o.city.isEmpty { problems.append(FieldProblem("city", "error.city.missing")) }
        if let code = PostalCode.canadian(o.postalCode) { o.postalCode = code }
        else { problems.append(FieldProblem("postalCode", "error.postalCode.canadian")) }
        if o.phone.count > 80 { problems.append(FieldProblem("phone", "error.field.tooLong")) }
        if o.smallClaims.isEmpty { o.smallClaims = "confirmed" }
        if !o.locationID.isEmpty && !o.locationID.allSatisfy(\.isASCIIDigit) {
            problems.append(FieldProblem("locationID", "error.office.locationID.invalid"))
        }
        return (o, problems)
    }
}

/// Reads the shipped office list: comma-separated values with a header row
/// (`code,name,street_address,city,postal_code,phone,small_claims,ontario_ca_location_id`) and
/// double-quoted fields where a value holds a comma.
public enum CourtOfficeCSV {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func parse(_ text: String) throws -> [CourtOffice] {
        let rows = records(text)
        guard let header = rows.first else { return [] }
        let expected = ["code", "name", "street_address", "city", "postal_code", "phone", "small_claims", "ontario_ca_location_id"]
        guard header == expected else { throw Problem(line: 1, reason: "the header must be \(expected.joined(separator: ","))") }
        return try rows.dropFirst().enumerated().compactMap { index, fields in
            if fields.allSatisfy(\.isEmpty) { return nil }
            guard fields.count == expected.count else {
                throw Problem(line: index + 2, reason: "expected \(expected.count) fields, found \(fields.count)")
            }
            return CourtOffice(code: fields[0], name: fields[1], streetAddress: fields[2], city: fields[3], postalCode: fields[4],
                               phone: fields[5], smallClaims: fields[6], locationID: fields[7])
        }
    }

    /// Splits CSV text into records of fields (RFC 4180: quotes around fields, "" for a quote).
    static func records(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n": row.append(field); rows.append(row); row = []; field = ""
            case "\r": break
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
