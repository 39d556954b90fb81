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
    /// False once the case is closed for good: the sweep no longer looks at it.
    @Field(key: "open") var open: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// When the other side was last emailed about new messages or evidence.
    @OptionalField(key: "notified_at") var notifiedAt: Date?
    @OptionalField(key: "swept_at") var sweptAt: Date?

    init() {}

    var isDraft: Bool { status == "draft" }

    var draft: OdrDraft {
        get { (try? JSONDecoder().decode(OdrDraft.self, from: Data(content.utf8))) ?? OdrDraft() }
        set { content = String(decoding: (try? JSONEncoder.sorted.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }
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

struct CreateOdr: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(OdrCaseRecord.schema)
            .id()
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("claimant_email", .string, .required)
            .field("claimant_name", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("language", .string, .required)
            .field("open", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .field("notified_at", .datetime)
            .field("swept_at", .datetime)
            .create()
        try await db.schema(OdrInvitationRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(OdrCaseRecord.schema, "id"))
            .field("respondent_email", .string, .required)
            .field("respondent_name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("account_id", .uuid)
            .unique(on: "token_hash")
            .create()
        try await db.schema(OdrRepresentativeRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(OdrCaseRecord.schema, "id"))
            .field("party", .string, .required)
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, "id"))
            .field("added_at", .datetime, .required)
            .unique(on: "case_id", "account_id")
            .create()
        // Who acted in an ODR entry (an email), beside the role.
        try await db.schema(DocketEntryRecord.schema).field("party", .string).update()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "odr_cases_account").on(OdrCaseRecord.schema).column("account_id").run()
            try await sql.create(index: "odr_invitations_email").on(OdrInvitationRecord.schema).column("respondent_email").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(DocketEntryRecord.schema).deleteField("party").update()
        try await db.schema(OdrRepresentativeRecord.schema).delete()
        try await db.schema(OdrInvitationRecord.schema).delete()
        try await db.schema(OdrCaseRecord.schema).delete()
    }
}
