/// The sections of a claim in progress, in the order of the task list.
public enum ClaimSection: String, Codable, Sendable, CaseIterable {
    case office, plaintiffs, defendants, representative, claim, story, documents, check, fee
    /// The interest and limit page, part of the claim section on the task list.
    case interest

    /// The sections the task list shows, in order.
    public static let tasks: [ClaimSection] = [.office, .plaintiffs, .defendants, .representative, .claim, .story, .documents, .check, .fee]
}

public enum TaskStatus: String, Sendable, Codable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case completed
}

/// Something required that is not there yet, and the section where it is entered.
public struct MissingItem: Equatable, Sendable {
    public let section: ClaimSection
    public let messageKey: String
}

extension ClaimDraft {
    public func status(of section: ClaimSection) -> TaskStatus {
        func state(_ done: Bool, _ started: Bool) -> TaskStatus { done ? .completed : started ? .inProgress : .notStarted }
        switch section {
        case .office: return state(officeCode != nil && venue != nil, officeCode != nil || venue != nil)
        case .plaintiffs: return state(!plaintiffs.isEmpty, false)
        case .defendants: return state(!defendants.isEmpty, false)
        case .representative:
            return state(filingForClient == false || (filingForClient == true && representative != nil), filingForClient != nil)
        case .claim, .interest: return state(!rows.isEmpty && interest != nil, !rows.isEmpty || interest != nil)
        case .story:
            return state(!summary.isEmpty && incidentOn != nil, !summary.isEmpty || incidentOn != nil || !timeline.isEmpty)
        case .documents: return state(documentsDone, !documents.isEmpty)
        case .check: return state(answersChecked && missing.isEmpty, false)
        case .fee: return state(feeChoice == .pay || (feeChoice == .waiver && waiverAnswers != nil), feeChoice != nil)
        }
    }

    /// Every required item not yet given, each with the section that asks for it. Check your
    /// answers and the fee come after these and are not listed.
    public var missing: [MissingItem] {
        var items: [MissingItem] = []
        func need(_ ok: Bool, _ section: ClaimSection, _ key: String) {
            if !ok { items.append(MissingItem(section: section, messageKey: "claim.missing.\(key)")) }
        }
        need(officeCode != nil, .office, "office")
        need(venue != nil, .office, "venue")
        need(!plaintiffs.isEmpty, .plaintiffs, "plaintiffs")
        need(!defendants.isEmpty, .defendants, "defendants")
        need(filingForClient != nil, .representative, "representative")
        need(filingForClient != true || representative != nil, .representative, "representativeDetails")
        need(!rows.isEmpty, .claim, "rows")
        need(interest != nil, .claim, "interest")
        need(!summary.isEmpty, .story, "summary")
        need(incidentOn != nil, .story, "incident")
        need(documentsDone, .documents, "documents")
        return items
    }

    /// Complete and eligible: every item given and nothing in the rules blocks filing on `filing`.
    public func readyToSubmit(rules: RuleSet, filing: CivilDate) -> Bool {
        missing.isEmpty && answersChecked && status(of: .fee) == .completed
            && rules.eligibility(of: facts, filing: filing).canFile
    }
}
