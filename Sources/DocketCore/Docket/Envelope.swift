import Foundation

/// Which vocabulary a case's docket speaks: a court case (a claim and what follows it) or an
/// online dispute. Both share the envelope: sequence, time, actor, previous hash.
public enum CaseKind: String, Codable, Sendable, CaseIterable {
    case court, odr
}

/// A party's stable id inside one case: `P1`, `P2` for plaintiffs, `D1`, `D2` for defendants, in the
/// order the claim names them. Events name parties by id, never by name or email.
public struct PartyID: RawRepresentable, Hashable, Codable, Sendable, Comparable, ExpressibleByStringLiteral,
                       CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
    public static func < (a: PartyID, b: PartyID) -> Bool {
        (a.rawValue.count, a.rawValue) < (b.rawValue.count, b.rawValue)
    }

    public static func plaintiff(_ n: Int) -> PartyID { PartyID(rawValue: "P\(n)") }
    public static func defendant(_ n: Int) -> PartyID { PartyID(rawValue: "D\(n)") }
}

/// Who acts on a case: a role in it, the party they act as (for plaintiffs and defendants), and
/// the account that signed in; or the system itself (the sweep, automatic issue).
public struct Actor: Equatable, Sendable {
    public let role: CaseRole
    public let party: PartyID?
    public let account: UUID?

    public init(_ role: CaseRole, party: PartyID? = nil, account: UUID? = nil) {
        self.role = role; self.party = party; self.account = account
    }

    public static let system = Actor(.system)
}

/// What every docket entry has, whatever the kind of case: its place in the case's chain (its
/// sequence, and the hash of the entry before it), when it was recorded, and who acted (a role in
/// the case's vocabulary — a court role or an ODR side — or `system`; the party's id in the case;
/// the account signed in). Court and ODR entries wrap it around their own events.
public struct DocketEnvelope: Sendable, Equatable {
    public static let genesis = String(repeating: "0", count: 64)

    public let kind: CaseKind
    public let sequence: Int
    public let recordedAt: Date
    public let role: String
    public let party: String?
    public let account: UUID?
    public let previousHash: String

    public init(kind: CaseKind, sequence: Int, recordedAt: Date, role: String, party: String?, account: UUID?, previousHash: String) {
        self.kind = kind; self.sequence = sequence; self.recordedAt = recordedAt
        self.role = role; self.party = party; self.account = account; self.previousHash = previousHash
    }

    /// The court actor this envelope names, when it is a court entry.
    public var courtActor: Actor? {
        guard kind == .court, let role = CaseRole(rawValue: role) else { return nil }
        return Actor(role, party: party.map(PartyID.init(rawValue:)), account: account)
    }
}
