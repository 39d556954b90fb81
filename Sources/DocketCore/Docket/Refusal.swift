/// Why a command was refused: what the decision found, the rule behind it (when one applies), and
/// the catalogue key of the message a page or the API shows, so both explain it the same way.
public struct Refusal: Error, Equatable, Sendable {
    public enum Reason: String, Sendable, CaseIterable {
        /// The actor's role may not take this step now.
        case notPermitted = "not-permitted"
        /// The step was taken already (a second click, or another person first).
        case alreadyDone = "already-done"
        /// The claim is not ready: a section is missing or the answers were not checked.
        case incomplete
        /// The rules do not allow this claim to be filed.
        case ineligible
        /// No fee schedule covers the filing day.
        case feeUnknown = "fee-unknown"
        /// The fee paid is not the fee the rules ask for now.
        case feeChanged = "fee-changed"
        /// The fee waiver's answers do not meet the thresholds.
        case waiverNotGranted = "waiver-not-granted"
        /// Reasons were required and none were given (or too many characters).
        case reasonsMissing = "reasons-missing"
        /// The case moved on before the step arrived (an offer answered, a case closed).
        case caseMovedOn = "case-moved-on"
    }

    public let reason: Reason
    public let rule: String?

    public init(_ reason: Reason, rule: String? = nil) {
        self.reason = reason; self.rule = rule
    }

    /// The message's key in the string catalogues.
    public var key: String { "refusal." + reason.rawValue }
}
