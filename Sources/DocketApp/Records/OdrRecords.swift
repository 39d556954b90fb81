import DocketCore
import Fluent
import Foundation
import SQLKit

/// An online dispute resolution case. The draft's content changes only while it is a draft; after
/// submission everything that happens is a docket entry.
final class OdrCaseRecord: Model, @unchecked Sendable {
    static let schema = "odr_cases"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "claimant_email") var claimantEmail: String
    @Field(key: "claimant_name") var claimantName: String
    @Field(key: "status") var status: String
    @Field(key: "content") var content: String
    @Field(key: "language") var language: String
    /// Kept for databases made before the projection; the sweep now finds its work there instead.
    @Field(key: "open") var open: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// When the other side was last emailed about new messages or evidence.
    @OptionalField(key: "notified_at") var notifiedAt: Date?
    @OptionalField(key: "swept_at") var sweptAt: Date?

    private var decoded = DecodedDraft<OdrDraft>()

    init() {}

    var isDraft: Bool { status == "draft" }

    var draft: OdrDraft {
        get { (try? readableDraft()) ?? OdrDraft() }
        set { content = String(decoding: (try? JSONEncoder.sorted.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }

    /// The draft, or an error naming the case when its content cannot be read (`OdrAccess` refuses
    /// such a case, so no save writes over it with an empty draft).
    func readableDraft() throws -> OdrDraft { try decoded.draft(of: content, id: id) }
}

/// An invitation to a respondent: only the SHA-256 of its single-use token is kept.
final class OdrInvitationRecord: Model, @unchecked Sendable {
    static let schema = "odr_invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "respondent_email") var respondentEmail: String
    @Field(key: "respondent_name") var respondentName: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// The account that answered the invitation.
    @OptionalField(key: "account_id") var accountID: UUID?

    init() {}
}

/// A lawyer or paralegal a party has added to their side of a case: they see it and act for that party.
final class OdrRepresentativeRecord: Model, @unchecked Sendable {
    static let schema = "odr_representatives"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    /// The party represented, by the email that names them on the docket.
    @Field(key: "party") var party: String
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "added_at") var addedAt: Date

    init() {}
}
