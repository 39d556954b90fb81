import Foundation

/// Who acts in a court case. `system` is Docket itself: automatic issue, the sweep.
public enum CaseRole: String, CaseIterable, Sendable, Codable {
    case plaintiff, defendant, clerk, judge, system
}

/// A party named in a claim, with its id inside the case.
public struct CaseParty: Codable, Equatable, Sendable {
    public let id: PartyID
    public let name: String

    public init(id: PartyID, name: String) { self.id = id; self.name = name }
}

/// What a claim says about itself when it is filed: enough for the case's state and its listing
/// (office, parties, amount, the year its filing counts toward for the frequent-claimant fee).
public struct ClaimFiled: Codable, Equatable, Sendable {
    public let office: String
    public let plaintiffs: [CaseParty]
    public let defendants: [CaseParty]
    public let liquidated: Bool
    public let amount: Money
    public let filingYear: Int

    public init(office: String, plaintiffs: [CaseParty], defendants: [CaseParty], liquidated: Bool, amount: Money, filingYear: Int) {
        self.office = office; self.plaintiffs = plaintiffs; self.defendants = defendants
        self.liquidated = liquidated; self.amount = amount; self.filingYear = filingYear
    }
}

/// One thing that happened in a court case. A case is its docket: entries are only ever appended,
/// and everything else about the case (stage, deadlines, what each role may do) is derived from them.
public enum DocketEvent: Sendable, Equatable, Codable {
    /// A claim submitted before parties had ids: its defendants are read as D1, D2, … in order.
    case claimSubmitted(defendants: [String], liquidated: Bool)
    /// A Plaintiff's Claim (Form 7A) submitted online, naming its parties.
    case claimFiled(ClaimFiled)
    /// The filing fee was paid (the gateway's reference), or a fee waiver was asked for.
    case feePaid(amount: Money, reference: String)
    case feeWaiverRequested(ground: String?)
    /// An online claim that cannot issue automatically was sent to a clerk, with the reasons.
    case claimReferred(reasons: [String])
    /// The clerk refused to issue the claim, with reasons the filer sees.
    case claimRejected(reasons: String)
    /// The claim was issued: court file number and issue date (r. 1.05.1, r. 7.03).
    case claimIssued(fileNumber: String, on: CivilDate)
    /// The issued claim's sealed PDF was entered in the register (its SHA-256).
    case claimSealed(sha256: String)
    /// An Affidavit of Service (Form 8A) for one defendant: how and when the claim was served.
    case claimServed(defendant: PartyID, method: ServiceMethod, at: Date)
    /// A Defence (Form 9A) disputing all or part of the claim (r. 9.01).
    case defenceFiled(defendant: PartyID, on: CivilDate)
    /// A Defence admitting all or part of the claim with a proposal of terms of payment (r. 9.03).
    case admissionWithProposal(defendant: PartyID, on: CivilDate, whole: Bool)
    /// A Request to Clerk (Form 9B) to note a defendant in default (r. 11.01).
    case notingInDefaultRequested(defendant: PartyID, on: CivilDate)
    /// The clerk noted the defendant in default (r. 11.01).
    case notedInDefault(defendant: PartyID, on: CivilDate)
    /// Default judgment (Form 11B) signed by the clerk for a debt or liquidated demand (r. 11.02).
    case defaultJudgment(defendant: PartyID, on: CivilDate)
}

/// One entry of a court case's docket: the shared envelope around a court event.
public struct DocketEntry: Sendable, Equatable {
    public let sequence: Int
    public let recordedAt: Date
    public let actor: Actor
    public let event: DocketEvent

    public var by: CaseRole { actor.role }

    public init(sequence: Int, recordedAt: Date, actor: Actor, event: DocketEvent) {
        self.sequence = sequence; self.recordedAt = recordedAt; self.actor = actor; self.event = event
    }

    public init(sequence: Int, recordedAt: Date, by role: CaseRole, event: DocketEvent) {
        self.init(sequence: sequence, recordedAt: recordedAt, actor: Actor(role), event: event)
    }
}
