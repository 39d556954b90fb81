import Foundation

/// How the filing fee was settled before the submission was recorded.
public enum FeeSettlement: Equatable, Sendable {
    /// Charged by the payment gateway: the amount and its reference.
    case paid(Money, reference: String)
    /// A fee waiver was asked for (O. Reg. 2/05); no money was taken.
    case waiver
}

/// A plaintiff's claim as it is submitted.
public struct ClaimSubmission: Sendable {
    public let draft: ClaimDraft
    /// Claims the filer already filed at the same office in the filing year (O. Reg. 332/16, s. 1(1)).
    public let priorClaims: Int
    public let fee: FeeSettlement

    public init(draft: ClaimDraft, priorClaims: Int, fee: FeeSettlement) {
        self.draft = draft; self.priorClaims = priorClaims; self.fee = fee
    }
}

/// What an actor asks of a court case. Each is decided by `CourtDecision.decide`.
public enum CourtCommand: Sendable {
    /// The plaintiff submits the claim, its fee settled.
    case submit(ClaimSubmission)
    /// The claim is issued under this court file number: by Docket itself when the rules issue
    /// automatically, or on a clerk's confirmation.
    case issue(fileNumber: String)
    /// A clerk refuses to issue the claim, with reasons the filer sees.
    case reject(reasons: String)
    /// Docket records the sealed PDF of the issued claim.
    case recordSeal(sha256: String)
}
