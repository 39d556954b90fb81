/// How an online claim gets its issue date.
public enum IssuanceMode: String, Sendable, CaseIterable {
    /// Issued by Docket when submitted: the same day if filed before 17:00 on a day the office is
    /// open, else the next such day (seed 002; RULES.md §2). Docket's default.
    case automatic
    /// Issued only when a clerk confirms it, on the day of the confirmation: Ontario's rule for
    /// online documents from 2025-06-08 (O. Reg. 153/25; RULES-court-life.md §13–14).
    case onClerkConfirmation = "clerk-confirmation"
}

/// The periods of a court case after filing, each with the rule that sets it.
public struct CourtPeriods: Sendable {
    public struct Period: Sendable {
        public let count: Int
        public let rule: String
        public init(_ count: Int, _ rule: String) { self.count = count; self.rule = rule }
    }

    /// Months to serve the claim after it is issued.
    public var serviceMonths = Period(6, "r. 8.01(2)")
    /// Days after service to file a defence.
    public var defenceDays = Period(20, "r. 9.01")
    /// Days after the defence for the plaintiff to dispute a proposal of terms of payment.
    public var disputeTermsDays = Period(20, "r. 9.03")
    /// Days after the defence to file a defendant's claim without leave.
    public var defendantsClaimDays = Period(20, "r. 10.01")
    /// Days after the first defence within which a settlement conference is held.
    public var settlementConferenceDays = Period(90, "r. 13.01")

    public init() {}
}

/// The periods of an online dispute (seed 000): days a respondent has to accept the invitation,
/// and the days after it on which an unanswered respondent is reminded.
public struct OdrPeriods: Sendable {
    public var acceptDays = 14
    public var reminderDays = [7, 12]
    public let source = "seed 000 (online dispute resolution)"

    public init() {}
}
