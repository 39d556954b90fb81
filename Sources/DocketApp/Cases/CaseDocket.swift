import Crypto
import DocketCore
import Fluent
import Foundation

/// Reads and appends a case's docket. Entries are never changed; each stores the SHA-256 of the
/// entry before it, so a changed or removed entry breaks the chain.
enum CaseDocket {
    static let genesis = DocketEnvelope.genesis

    static func records(of caseID: UUID, on db: any Database) async throws -> [DocketEntryRecord] {
        try await DocketRows.read(caseID, on: db)
    }

    /// A court case's entries, in order. An entry that does not decode stops the read: a case is
    /// never shown or decided from part of its docket.
    static func entries(of caseID: UUID, on db: any Database) async throws -> [DocketEntry] {
        try await records(of: caseID, on: db).map { try $0.courtEntry() }
    }

    static func lastSequence(of caseID: UUID, on db: any Database) async throws -> Int {
        try await DocketRows.lastSequence(caseID, on: db)
    }

    /// Appends court `events` in order, on `db` (the caller's transaction); returns the new entries.
    @discardableResult
    static func append(_ events: [DocketEvent], by actor: Actor, to caseID: UUID, at now: Date,
                       on db: any Database) async throws -> [DocketEntryRecord] {
        let last = try await records(of: caseID, on: db).last
        let created = try chain(events, by: actor, to: caseID, at: now, after: last)
        try await DocketRows.insert(created, on: db)
        return created
    }

    /// Appends ODR `events` in order, each naming the party who acted, after `last` (the case's
    /// last entry, read under its lock).
    @discardableResult
    static func append(_ events: [OdrEvent], by side: OdrSide, party: String, actor: UUID?, to caseID: UUID, at now: Date,
                       after last: DocketEntryRecord?, on db: any Database) async throws -> [DocketEntryRecord] {
        let created = try chain(events, kind: .odr, role: side.rawValue, party: party, actor: actor, to: caseID, at: now, after: last)
        try await DocketRows.insert(created, on: db)
        return created
    }

    /// The entries recording court `events` after `last`, chained but not yet written: an act
    /// decides everything it appends first and writes it in one statement.
    static func chain(_ events: [DocketEvent], by actor: Actor, to caseID: UUID, at now: Date,
                      after last: DocketEntryRecord?) throws -> [DocketEntryRecord] {
        try chain(events, kind: .court, role: actor.role.rawValue, party: actor.party?.rawValue, actor: actor.account,
                  to: caseID, at: now, after: last)
    }

    private static func chain<Event: Encodable>(_ events: [Event], kind: CaseKind, role: String, party: String?, actor: UUID?,
                                                to caseID: UUID, at now: Date, after last: DocketEntryRecord?) throws -> [DocketEntryRecord] {
        var created: [DocketEntryRecord] = []
        for event in events {
            created.append(try entry(event, kind: kind, role: role, party: party, actor: actor, to: caseID, at: now,
                                     after: created.last ?? last))
        }
        return created
    }

    /// The entry recording `event` after `last` (nil for the first): its sequence, the previous
    /// entry's hash and its own.
    static func entry<Event: Encodable>(_ event: Event, kind: CaseKind, role: String, party: String?, actor: UUID?,
                                        to caseID: UUID, at time: Date, after last: DocketEntryRecord?) throws -> DocketEntryRecord {
        let record = DocketEntryRecord()
        record.caseID = caseID
        record.caseKind = kind.rawValue
        record.sequence = (last?.sequence ?? 0) + 1
        record.recordedAt = time
        record.byRole = role
        record.actorID = actor
        record.party = party
        record.event = String(decoding: try JSONEncoder.sorted.encode(event), as: UTF8.self)
        record.previousHash = last?.hash ?? genesis
        record.hash = hash(record)
        return record
    }

    /// The entry's hash: the previous hash, case, sequence, time (milliseconds), role, account,
    /// event and party. The case kind is not part of it, as entries made before the column existed
    /// were hashed without it.
    static func hash(_ r: DocketEntryRecord) -> String {
        let fields = [r.previousHash, r.caseID.uuidString, String(r.sequence),
                    String(Int64((r.recordedAt.timeIntervalSince1970 * 1000).rounded())), r.byRole,
                    r.actorID?.uuidString ?? "-", r.event] + (r.party.map { [$0] } ?? [])
        let line = fields.joined(separator: "\n")
        return Tokens.hex(SHA256.hash(data: Data(line.utf8)))
    }

    /// True when every entry follows the one before and its hash matches its content.
    static func chainIsIntact(_ records: [DocketEntryRecord]) -> Bool { firstBreak(records) == nil }

    /// The sequence of the first entry that does not follow the one before it (a gap, a changed
    /// entry, a hash that does not match), or nil when the chain is intact.
    static func firstBreak(_ records: [DocketEntryRecord]) -> Int? {
        var previous = genesis
        for (n, r) in records.enumerated() {
            guard r.sequence == n + 1, r.previousHash == previous, hash(r) == r.hash else { return n + 1 }
            previous = r.hash
        }
        return nil
    }
}
