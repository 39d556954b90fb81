import DocketCore
import Fluent
import Foundation

/// A court office. Retired offices stay (filings point at them) but are no longer offered.
final class CourtOfficeRecord: Model, @unchecked Sendable {
    static let schema = "court_offices"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "name_fr") var nameFr: String
    @Field(key: "short_code") var shortCode: String
    @Field(key: "street_address") var streetAddress: String
    @Field(key: "city") var city: String
    @Field(key: "postal_code") var postalCode: String
    @Field(key: "phone") var phone: String
    @Field(key: "small_claims") var smallClaims: String
    @Field(key: "location_id") var locationID: String
    @OptionalField(key: "retired_at") var retiredAt: Date?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ office: CourtOffice, at: Date) {
        update(from: office, at: at)
    }

    func name(_ language: Language) -> String { language == .fr ? nameFr : name }

    /// The name and street, so offices with the same name can be told apart.
    func label(_ language: Language) -> String { "\(name(language)) — \(streetAddress), \(city)" }

    func update(from o: CourtOffice, at: Date) {
        code = o.code; name = o.name; nameFr = o.nameFr; shortCode = o.shortCode; streetAddress = o.streetAddress; city = o.city; postalCode = o.postalCode
        phone = o.phone; smallClaims = o.smallClaims; locationID = o.locationID; updatedAt = at
    }

    var office: CourtOffice {
        CourtOffice(code: code, name: name, nameFr: nameFr, shortCode: shortCode, streetAddress: streetAddress, city: city, postalCode: postalCode,
                    phone: phone, smallClaims: smallClaims, locationID: locationID)
    }
}
