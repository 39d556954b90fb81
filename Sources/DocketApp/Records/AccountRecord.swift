import DocketCore
import Fluent
import Foundation

/// A person who signs in: a party, a lawyer or paralegal, or court staff.
final class AccountRecord: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "sign_in_id") var signInID: String
    @Field(key: "email") var email: String
    @OptionalField(key: "recovery_email") var recoveryEmail: String?
    /// `individual`, `representative`, or `staff`.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "staff_role") var staffRole: String?
    @OptionalField(key: "law_society_number") var lawSocietyNumber: String?
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "terms_version") var termsVersion: String
    @OptionalField(key: "terms_accepted_at") var termsAcceptedAt: Date?
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalParent(key: "contact_id") var contact: ContactRecord?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var role: StaffRole? { staffRole.flatMap(StaffRole.init(rawValue:)) }
    var isStaff: Bool { kind == "staff" }
}

/// One version of an account's contact details. Never changed: an edit adds a version and moves the
/// account's pointer, so a filing that points at a version keeps what it was filed with.
final class ContactRecord: Model, @unchecked Sendable {
    static let schema = "contact_details"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "last_name") var lastName: String
    @Field(key: "first_name") var firstName: String
    @Field(key: "firm") var firm: String
    @Field(key: "address") var address: String
    @Field(key: "city") var city: String
    @Field(key: "province") var province: String
    @Field(key: "country") var country: String
    @Field(key: "postal_code") var postalCode: String
    @Field(key: "phone") var phone: String
    @Field(key: "phone_extension") var phoneExtension: String
    @Field(key: "fax") var fax: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(accountID: UUID, details c: ContactDetails, at: Date) {
        self.accountID = accountID
        lastName = c.lastName; firstName = c.firstName; firm = c.firm; address = c.address; city = c.city
        province = c.province; country = c.country; postalCode = c.postalCode; phone = c.phone
        phoneExtension = c.phoneExtension; fax = c.fax; recordedAt = at
    }

    var details: ContactDetails {
        ContactDetails(lastName: lastName, firstName: firstName, firm: firm, address: address, city: city,
                       province: province, country: country, postalCode: postalCode, phone: phone,
                       phoneExtension: phoneExtension, fax: fax)
    }
}

final class SecurityAnswerRecord: Model, @unchecked Sendable {
    static let schema = "security_answers"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "question") var question: String
    /// bcrypt of the normalised answer.
    @Field(key: "answer_hash") var answerHash: String

    init() {}
    init(accountID: UUID, position: Int, question: String, answerHash: String) {
        self.accountID = accountID; self.position = position; self.question = question; self.answerHash = answerHash
    }
}
