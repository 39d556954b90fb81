/// Why a claim may be started in a particular Small Claims Court office (r. 6.01).
public enum VenueGround: String, CaseIterable, Sendable, Codable {
    /// Where the event or problem that led to the claim happened.
    case causeArose = "cause-arose"
    /// Where a defendant lives or carries on business.
    case defendantResides = "defendant-resides"
    /// The court nearest to where a defendant lives or carries on business.
    case nearestCourt = "nearest-court"
}

/// What a plaintiff says about a claim, enough to tell whether it can be filed.
public struct ClaimFacts: Sendable {
    public var amount: Money
    /// The plaintiff expressly gives up whatever is over the limit (Courts of Justice Act, s. 23).
    public var waivesExcess: Bool
    /// The day the claim was discovered (presumed the day of the act, Limitations Act, s. 5(2)).
    public var discovered: CivilDate?
    public var actOn: CivilDate?
    public var venue: VenueGround?

    public init(amount: Money, waivesExcess: Bool = false, discovered: CivilDate? = nil, actOn: CivilDate? = nil,
                venue: VenueGround? = nil) {
        self.amount = amount; self.waivesExcess = waivesExcess; self.discovered = discovered
        self.actOn = actOn; self.venue = venue
    }
}

/// One finding about a claim: a stable code for machines, a catalogue key for people, whether it
/// stops filing, the rule it comes from, and the field (in a section of the claim) to change.
public struct EligibilityFinding: Equatable, Sendable {
    public enum Severity: String, Sendable { case blocking, warning }
    public let code: String
    public let messageKey: String
    public let severity: Severity
    public let rule: String

    /// The form field that fixes it, and the section of the claim where that field is.
    public var field: String {
        switch code {
        case "amount.over-limit", "amount.excess-waived": "waivesExcess"
        case let c where c.hasPrefix("amount."): "amount"
        case let c where c.hasPrefix("limitation."): "incidentOn"
        default: "venue"
        }
    }

    public var section: ClaimSection {
        switch code {
        case "amount.over-limit", "amount.excess-waived": .interest
        case let c where c.hasPrefix("amount."): .claim
        case let c where c.hasPrefix("limitation."): .story
        default: .office
        }
    }

    /// A finding that only says something has not been entered yet; the list of missing items
    /// says that already, so pages do not show it as a problem before anything is entered.
    public var awaitsInput: Bool { ["amount.missing", "limitation.unknown", "venue.missing"].contains(code) }
}

public struct EligibilityReport: Sendable {
    public let findings: [EligibilityFinding]
    /// The amount the claim can be filed for: the amount, or the limit when the excess is waived.
    public let claimableAmount: Money
    public let limit: Money?
    public let limitation: LimitationCheck?

    public var canFile: Bool { !findings.contains { $0.severity == .blocking } }
}

extension RuleSet {
    /// Every finding about `facts` for a claim filed on `filing`, all at once (not the first failure).
    public func eligibility(of facts: ClaimFacts, filing: CivilDate) -> EligibilityReport {
        var findings: [EligibilityFinding] = []
        var claimable = facts.amount
        let limitEntry = monetaryLimit.on(filing)
        if facts.amount <= .zero {
            findings.append(.init(code: "amount.missing", messageKey: "eligibility.amount.missing", severity: .blocking, rule: "r. 7.01"))
        } else if let limitEntry, facts.amount > limitEntry.value {
            if facts.waivesExcess {
                claimable = limitEntry.value
                findings.append(.init(code: "amount.excess-waived", messageKey: "eligibility.amount.waived", severity: .warning,
                                      rule: "Courts of Justice Act, s. 23(2); " + limitEntry.source))
            } else {
                findings.append(.init(code: "amount.over-limit", messageKey: "eligibility.amount.overLimit", severity: .blocking,
                                      rule: limitEntry.source))
            }
        } else if limitEntry == nil {
            findings.append(.init(code: "amount.no-limit-known", messageKey: "eligibility.amount.noLimit", severity: .blocking, rule: id))
        }
        var limitationCheck: LimitationCheck? = nil
        if let discovered = facts.discovered {
            if discovered > filing {
                findings.append(.init(code: "limitation.future", messageKey: "eligibility.limitation.future", severity: .blocking,
                                      rule: limitationSource))
            } else {
                let check = limitation(discovered: discovered, actOn: facts.actOn, today: filing)
                limitationCheck = check
                switch check.status {
                case .expired:
                    findings.append(.init(code: "limitation.expired", messageKey: "eligibility.limitation.expired", severity: .blocking, rule: check.source))
                case .expiresSoon:
                    findings.append(.init(code: "limitation.expires-soon", messageKey: "eligibility.limitation.soon", severity: .warning, rule: check.source))
                case .open: break
                }
            }
        } else {
            findings.append(.init(code: "limitation.unknown", messageKey: "eligibility.limitation.unknown", severity: .blocking, rule: limitationSource))
        }
        if facts.venue == nil {
            findings.append(.init(code: "venue.missing", messageKey: "eligibility.venue.missing", severity: .blocking, rule: "r. 6.01"))
        }
        return EligibilityReport(findings: findings, claimableAmount: claimable, limit: limitEntry?.value, limitation: limitationCheck)
    }
}
