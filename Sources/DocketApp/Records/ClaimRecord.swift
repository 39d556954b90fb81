import DocketCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// A claim's draft. The content is kept as JSON and changes only while the status is `draft`; once
/// submitted the row never changes again, and everything about the case (its stage, file number,
/// issue date, fee and sealed document) comes from its docket and projection, under the same id.
final class ClaimRecord: Model, @unchecked Sendable {
    static let schema = "claims"

    /// A draft, or submitted (and so frozen). Nothing else about a claim's progress is stored here.
    enum Status: String, Codable { case draft, submitted }
    /// An online Form 7A built in Docket, or a prepared form uploaded as a PDF.
    enum Kind: String, Codable { case online, prepared }

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Field(key: "content") var content: String
    @Field(key: "language") var language: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    private var decoded = DecodedDraft<ClaimDraft>()

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

    /// The draft's content. Pages load claims through `ClaimAccess`, which refuses one whose draft
    /// does not decode (`readableDraft`), so this never hands an empty draft to a save.
    var draft: ClaimDraft {
        get { (try? readableDraft()) ?? ClaimDraft() }
        set { content = String(decoding: (try? JSONEncoder.sorted.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }

    /// The draft, or an error naming the claim when its content cannot be read.
    func readableDraft() throws -> ClaimDraft { try decoded.draft(of: content, id: id) }
}

/// A record's draft as last decoded from its content: a page reads the draft several times, and
/// it is decoded again only when the content changed. A record read afresh (the next request)
/// finds its draft among those decoded lately, when its content is the same.
struct DecodedDraft<Draft: Decodable & Sendable> {
    private var last: (content: String, draft: Draft)?

    /// The draft `content` holds, or an error naming the record `id` when it cannot be read.
    mutating func draft(of content: String, id: UUID?) throws -> Draft {
        if let last, last.content == content { return last.draft }
        do {
            let draft = try RecentDecodings.decode(Draft.self, id: id, from: content)
            last = (content, draft)
            return draft
        } catch {
            throw UnreadableDraft(id: id, underlying: "\(error)")
        }
    }
}

/// JSON decoded lately, by record and type, each with the text it was decoded from: a list of
/// drafts (My account) and a case's docket entries are read on every visit, and decoding them was
/// most of those pages' cost. A kept value is used only for exactly the same text, so it is what
/// decoding the text again would give. Bounded: past it, all are let go.
enum RecentDecodings {
    private struct Key: Hashable {
        let id: UUID
        let type: ObjectIdentifier
    }

    private static let bound = 8_192
    private static let kept = NIOLockedValueBox<[Key: (text: String, value: any Sendable)]>([:])

    /// `text` decoded as `T`; `id` names the record it belongs to (none: decoded, not kept).
    static func decode<T: Decodable & Sendable>(_ type: T.Type, id: UUID?, from text: String) throws -> T {
        guard let id else { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) }
        let key = Key(id: id, type: ObjectIdentifier(T.self))
        if let known = kept.withLockedValue({ $0[key] }), known.text == text, let value = known.value as? T { return value }
        let value = try JSONDecoder().decode(T.self, from: Data(text.utf8))
        kept.withLockedValue {
            if $0.count >= bound { $0.removeAll() }
            $0[key] = (text, value)
        }
        return value
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
    /// `court` or `odr`: which vocabulary `event` speaks.
    @Field(key: "case_kind") var caseKind: String
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

    /// The shared envelope around this entry's event.
    var envelope: DocketEnvelope {
        DocketEnvelope(kind: CaseKind(rawValue: caseKind) ?? .court, sequence: sequence, recordedAt: recordedAt, role: byRole,
                       party: party, account: actorID, previousHash: previousHash)
    }

    /// The court entry this record holds; throws when it holds something else or does not decode.
    func courtEntry() throws -> DocketEntry {
        guard let actor = envelope.courtActor,
              let decoded = try? RecentDecodings.decode(DocketEvent.self, id: id, from: event) else {
            throw UnreadableDocketEntry(caseID: caseID, sequence: sequence)
        }
        return DocketEntry(sequence: sequence, recordedAt: recordedAt, actor: actor, event: decoded)
    }

    /// The ODR entry this record holds; throws when it holds something else or does not decode.
    func odrEntry() throws -> OdrEntry {
        guard caseKind == CaseKind.odr.rawValue, let side = OdrSide(rawValue: byRole),
              let decoded = try? RecentDecodings.decode(OdrEvent.self, id: id, from: event) else {
            throw UnreadableDocketEntry(caseID: caseID, sequence: sequence)
        }
        return OdrEntry(sequence: sequence, at: recordedAt, side: side, party: party ?? "", event: decoded)
    }
}

/// A stored draft that could not be read: shown as an error, never as an empty draft.
struct UnreadableDraft: Error, CustomStringConvertible {
    let id: UUID?
    let underlying: String
    var description: String { "draft \(id?.uuidString ?? "-") cannot be read: \(underlying)" }
}

/// A docket entry that could not be read: the case is not shown or decided from part of its docket.
struct UnreadableDocketEntry: Error, CustomStringConvertible {
    let caseID: UUID
    let sequence: Int
    var description: String { "docket entry \(sequence) of case \(caseID) cannot be read" }
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
