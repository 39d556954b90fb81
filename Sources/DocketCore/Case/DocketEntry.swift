import Foundation

/// Who acts in a case.
public enum CaseRole: String, CaseIterable, Sendable, Codable {
    case plaintiff, defendant, clerk, judge
}

/// One thing that happened in a case. A case is its docket: entries are only ever appended, and
/// everything else about the case (stage, deadlines, what each role may do) is derived from them.
public enum DocketEvent: Sendable, Equatable, Codable {
    /// A Plaintiff's Claim (Form 7A) submitted online at an instant; it names its defendants.
    case claimSubmitted(defendants: [String], liquidated: Bool)
    /// The filing fee was paid (the gateway's reference), or a fee waiver was asked for.
    case feePaid(amount: Money, reference: String)
    case feeWaiverRequested(ground: String?)
    /// An online claim that cannot issue automatically was sent to a clerk, with the reasons.
    case claimReferred(reasons: [String])
    /// The clerk refused to issue the claim, with reasons the filer sees.
    case claimRejected(reasons: String)
    /// The clerk issued the claim: court file number and issue date (r. 1.05.1, r. 7.03).
    case claimIssued(fileNumber: String, on: CivilDate)
    /// An Affidavit of Service (Form 8A) for one defendant: how and when the claim was served.
    case claimServed(defendant: String, method: ServiceMethod, at: Date)
    /// A Defence (Form 9A) disputing all or part of the claim (r. 9.01).
    case defenceFiled(defendant: String, on: CivilDate)
    /// A Defence admitting all or part of the claim with a proposal of terms of payment (r. 9.03).
    case admissionWithProposal(defendant: String, on: CivilDate, whole: Bool)
    /// A Request to Clerk (Form 9B) to note a defendant in default (r. 11.01).
    case notingInDefaultRequested(defendant: String, on: CivilDate)
    /// The clerk noted the defendant in default (r. 11.01).
    case notedInDefault(defendant: String, on: CivilDate)
    /// Default judgment (Form 11B) signed by the clerk for a debt or liquidated demand (r. 11.02).
    case defaultJudgment(defendant: String, on: CivilDate)
}

public struct DocketEntry: Sendable, Equatable, Codable {
    public let sequence: Int
    public let recordedAt: Date
    public let by: CaseRole
    public let event: DocketEvent

    public init(sequence: Int, recordedAt: Date, by: CaseRole, event: DocketEvent) {
        self.sequence = sequence; self.recordedAt = recordedAt; self.by = by; self.event = event
    }
}
