import Foundation

/// Where a case stands overall.
public enum CaseStage: String, Sendable, Codable, CaseIterable {
    /// Submitted, not yet issued.
    case submitted
    /// Issued; not every defendant has been served.
    case awaitingService = "awaiting-service"
    /// Every defendant served; waiting for their responses.
    case awaitingResponse = "awaiting-response"
    /// At least one defendant disputes the claim: on to a settlement conference.
    case defended
    /// Every defendant who answered admitted; the plaintiff weighs the proposed terms.
    case admitted
    /// Every defendant who has not answered is noted in default.
    case inDefault = "in-default"
    /// Judgment signed against every defendant.
    case judgment
    /// The clerk refused to issue the claim.
    case rejected
}

/// Where one defendant stands.
public enum DefendantStage: String, Sendable, Codable {
    case unserved, served, defended, admitted, notedInDefault = "noted-in-default", judgment
}

/// A step in a court case: what someone may do, or must do by a day.
public enum CourtStep: String, Sendable, Codable, CaseIterable {
    case issueClaim = "issue-claim"
    case rejectClaim = "reject-claim"
    case serveClaim = "serve-claim"
    case fileAffidavitOfService = "file-affidavit-of-service"
    case moveToExtendTimeForService = "move-to-extend-time-for-service"
    case fileDefence = "file-defence"
    case fileAdmissionWithProposal = "file-admission-with-proposal"
    case requestNotingInDefault = "request-noting-in-default"
    case noteInDefault = "note-in-default"
    case fileDefendantsClaim = "file-defendants-claim"
    case disputePaymentTerms = "dispute-payment-terms"
    case requestDefaultJudgment = "request-default-judgment"
    case signDefaultJudgment = "sign-default-judgment"
    case requestAssessment = "request-assessment"
    case enforceJudgment = "enforce-judgment"
    case holdSettlementConference = "hold-settlement-conference"
    case scheduleSettlementConference = "schedule-settlement-conference"
}

/// Something someone must do by a day, and the rule that says so.
public struct OpenDeadline: Equatable, Sendable {
    public let what: CourtStep
    public let who: CaseRole
    public let defendant: PartyID?
    public let by: CivilDate
    public let rule: String
    /// True once the day has passed with nothing done.
    public let missed: Bool
}

/// Something a role may do now, for one defendant or for the case.
public struct CaseAction: Hashable, Sendable {
    public let step: CourtStep
    public let defendant: PartyID?

    public init(_ step: CourtStep, _ defendant: PartyID? = nil) { self.step = step; self.defendant = defendant }
}

/// A court case as its docket makes it, at one moment.
public struct CaseSummary: Sendable {
    public var stage: CaseStage = .submitted
    public var filed: ClaimFiled?
    /// When the claim was submitted, and the account that submitted it.
    public var submittedAt: Date?
    public var filerAccount: UUID?
    public var fee: Money?
    public var paymentReference: String?
    public var waiverRequested = false
    public var referralReasons: [String] = []
    public var rejectionReasons: String?
    public var fileNumber: String?
    public var issuedOn: CivilDate?
    public var sealedSHA256: String?
    public var defendants: [PartyID: DefendantStage] = [:]
    /// Each defendant's name by id (from the filed claim, or the names a claim submitted before
    /// parties had ids gave in order).
    public var defendantNames: [PartyID: String] = [:]
    public var deadlines: [OpenDeadline] = []
    public var actions: [CaseRole: Set<CaseAction>] = [:]

    public init() {}

    public func can(_ role: CaseRole, _ step: CourtStep, _ defendant: PartyID? = nil) -> Bool {
        actions[role]?.contains(CaseAction(step, defendant)) == true
    }

    /// The earliest open deadline: what the case waits for next, and from whom.
    public var nextDeadline: OpenDeadline? { deadlines.first }

    /// Who the case waits on now: the clerk for a claim to confirm, Docket for one it issues
    /// itself, otherwise whoever owes the next deadline.
    public var waitingOn: CaseRole? {
        if can(.system, .issueClaim) { return .system }
        if can(.clerk, .issueClaim) { return .clerk }
        return nextDeadline?.who
    }
}
