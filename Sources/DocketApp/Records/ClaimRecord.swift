import DocketCore
import Fluent
import Foundation
import SQLKit

/// A claim, from first draft to issue. The draft's content is kept as JSON and is changed only while
/// the status is `draft`; once submitted the row changes only through issuance or rejection, and
/// the docket records every step.
final class ClaimRecord: Model, @unchecked Sendable {
    static let schema = "claims"

    enum Status: String, Codable { case draft, referred, issued, rejected }
    /// An online Form 7A built in Docket, or a prepared form uploaded as a PDF.
    enum Kind: String, Codable { case online, prepared }

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Field(key: "content") var content: String
    @Field(key: "language") var language: String
    @OptionalField(key: "office_code") var officeCode: String?
    @OptionalField(key: "filed_year") var filedYear: Int?
    @OptionalField(key: "file_number") var fileNumber: String?
    @OptionalField(key: "issued_on") var issuedOn: String?
    @OptionalField(key: "contact_id") var contactID: UUID?
    @OptionalField(key: "fee_cents") var feeCents: Int64?
    @OptionalField(key: "payment_reference") var paymentReference: String?
    @OptionalField(key: "document_sha256") var documentSHA256: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?

    init() {}

    /// A new draft of `kind` for `account`, in `language`, not yet saved.
    convenience init(draft: ClaimDraft, kind: Kind, accountID: UUID, language: String, at now: Date) {
        self.init()
        self.accountID = accountID
        self.kind = kind.rawValue
        self.status = Status.draft.rawValue
        self.draft = draft
        self.language = language
        self.createdAt = now
        self.updatedAt = now
    }

    var claimStatus: Status { Status(rawValue: status) ?? .draft }
    var isDraft: Bool { claimStatus == .draft }

    var draft: ClaimDraft {
        get { (try? JSONDecoder().decode(ClaimDraft.self, from: Data(content.utf8))) ?? ClaimDraft() }
        set { content = String(decoding: (try? JSONEncoder.sorted.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

/// One docket entry: append-only, hash-chained (each entry's hash covers the one before).
final class DocketEntryRecord: Model, @unchecked Sendable {
    static let schema = "docket_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "sequence") var sequence: Int
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "by_role") var byRole: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// For ODR entries: the email of the party who acted.
    @OptionalField(key: "party") var party: String?
    @Field(key: "event") var event: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    var entry: DocketEntry? {
        guard let role = CaseRole(rawValue: byRole),
              let event = try? JSONDecoder().decode(DocketEvent.self, from: Data(event.utf8)) else { return nil }
        return DocketEntry(sequence: sequence, recordedAt: recordedAt, by: role, event: event)
    }

    var odrEntry: OdrEntry? {
        guard let side = OdrSide(rawValue: byRole),
              let event = try? JSONDecoder().decode(OdrEvent.self, from: Data(event.utf8)) else { return nil }
        return OdrEntry(sequence: sequence, at: recordedAt, side: side, party: party ?? "", event: event)
    }
}

/// The last court file number given at each office in each year.
final class FileNumberCounterRecord: Model, @unchecked Sendable {
    static let schema = "file_number_counters"

    @ID(key: .id) var id: UUID?
    @Field(key: "office_code") var officeCode: String
    @Field(key: "year") var year: Int
    @Field(key: "last") var last: Int

    init() {}
}
