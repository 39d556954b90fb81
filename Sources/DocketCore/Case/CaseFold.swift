import Foundation

/// Where a case stands overall.
public enum CaseStage: String, Sendable, Codable {
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

/// Something someone must do by a day, and the rule that says so.
public struct OpenDeadline: Equatable, Sendable {
    public let what: String
    public let who: CaseRole
    public let defendant: String?
    public let by: CivilDate
    public let rule: String
    /// True once the day has passed with nothing done.
    public let missed: Bool
}

/// Something a role may do now.
public struct CaseAction: Hashable, Sendable {
    public let name: String
    public let defendant: String?
}

public struct CaseSummary: Sendable {
    public let stage: CaseStage
    public let fileNumber: String?
    public let issuedOn: CivilDate?
    public let defendants: [String: DefendantStage]
    public let deadlines: [OpenDeadline]
    public let actions: [CaseRole: Set<CaseAction>]

    public func can(_ role: CaseRole, _ name: String, _ defendant: String? = nil) -> Bool {
        actions[role]?.contains(CaseAction(name: name, defendant: defendant)) == true
    }
}

/// The pure fold from a case's docket, the rules and the time to its state. A deadline that passes
/// needs no job to run for this answer to be right.
public enum CaseFold {
    static let defenceDays = 20          // r. 9.01
    static let disputeTermsDays = 20     // r. 9.03
    static let defendantsClaimDays = 20  // r. 10.01
    static let serviceMonths = 6         // r. 8.01(2)

    struct Defendant {
        var stage: DefendantStage = .unserved
        var servedEffective: CivilDate?
        var answeredOn: CivilDate?
        var notingRequested = false
    }

    public static func fold(_ entries: [DocketEntry], rules: RuleSet, now: Date) -> CaseSummary {
        let today = CivilDate.of(now)
        let periods = rules.periods
        var order: [String] = []
        var parties: [String: Defendant] = [:]
        var fileNumber: String?
        var issuedOn: CivilDate?
        var liquidated = false
        var rejected = false

        for entry in entries.sorted(by: { $0.sequence < $1.sequence }) {
            switch entry.event {
            case let .claimSubmitted(defendants, isLiquidated):
                order = defendants
                liquidated = isLiquidated
                for d in defendants { parties[d] = Defendant() }
            case .feePaid, .feeWaiverRequested, .claimReferred:
                continue
            case .claimRejected:
                if issuedOn == nil { rejected = true }
            case let .claimIssued(number, on):
                guard !rejected else { continue }
                fileNumber = number; issuedOn = on
            case let .claimServed(d, method, at):
                guard parties[d]?.stage == .unserved else { continue }
                parties[d]?.stage = .served
                parties[d]?.servedEffective = periods.serviceEffective(method, sent: at)
            case let .defenceFiled(d, on):
                // A defence is accepted until the defendant is noted in default (r. 11.01).
                guard let p = parties[d], p.stage == .served || p.stage == .unserved else { continue }
                parties[d]?.stage = .defended; parties[d]?.answeredOn = on
            case let .admissionWithProposal(d, on, _):
                guard let p = parties[d], p.stage == .served || p.stage == .unserved else { continue }
                parties[d]?.stage = .admitted; parties[d]?.answeredOn = on
            case let .notingInDefaultRequested(d, _):
                parties[d]?.notingRequested = true
            case let .notedInDefault(d, _):
                guard parties[d]?.stage == .served else { continue }
                parties[d]?.stage = .notedInDefault
            case let .defaultJudgment(d, _):
                guard parties[d]?.stage == .notedInDefault else { continue }
                parties[d]?.stage = .judgment
            }
        }

        var deadlines: [OpenDeadline] = []
        var actions: [CaseRole: Set<CaseAction>] = [:]
        func allow(_ role: CaseRole, _ name: String, _ d: String? = nil) {
            actions[role, default: []].insert(CaseAction(name: name, defendant: d))
        }
        func due(_ what: String, _ who: CaseRole, _ d: String?, _ by: CivilDate, _ rule: String) {
            deadlines.append(OpenDeadline(what: what, who: who, defendant: d, by: by, rule: rule, missed: today > by))
        }

        guard !order.isEmpty else {
            return CaseSummary(stage: .submitted, fileNumber: nil, issuedOn: nil, defendants: [:], deadlines: [], actions: [:])
        }
        if rejected {
            return CaseSummary(stage: .rejected, fileNumber: nil, issuedOn: nil, defendants: parties.mapValues(\.stage),
                               deadlines: [], actions: [:])
        }
        guard let issued = issuedOn else {
            allow(.clerk, "issue-claim")
            allow(.clerk, "reject-claim")
            return CaseSummary(stage: .submitted, fileNumber: nil, issuedOn: nil,
                               defendants: parties.mapValues(\.stage), deadlines: [], actions: actions)
        }

        let serveBy = periods.lastDay(from: issued, months: serviceMonths)
        for d in order {
            guard let p = parties[d] else { continue }
            switch p.stage {
            case .unserved:
                due("serve-claim", .plaintiff, d, serveBy, "r. 8.01(2)")
                if today <= serveBy { allow(.plaintiff, "file-affidavit-of-service", d) }
                else { allow(.plaintiff, "move-to-extend-time-for-service", d) }
                allow(.defendant, "file-defence", d)
            case .served:
                let defenceBy = periods.lastDay(from: p.servedEffective!, days: defenceDays)
                due("file-defence", .defendant, d, defenceBy, "r. 9.01")
                allow(.defendant, "file-defence", d)
                allow(.defendant, "file-admission-with-proposal", d)
                if today > defenceBy {
                    if p.notingRequested { allow(.clerk, "note-in-default", d) }
                    else { allow(.plaintiff, "request-noting-in-default", d) }
                }
            case .defended:
                due("file-defendants-claim", .defendant, d, periods.lastDay(from: p.answeredOn!, days: defendantsClaimDays), "r. 10.01")
                if today <= periods.lastDay(from: p.answeredOn!, days: defendantsClaimDays) {
                    allow(.defendant, "file-defendants-claim", d)
                }
            case .admitted:
                let disputeBy = periods.lastDay(from: p.answeredOn!, days: disputeTermsDays)
                due("dispute-payment-terms", .plaintiff, d, disputeBy, "r. 9.03")
                if today <= disputeBy { allow(.plaintiff, "dispute-payment-terms", d) }
            case .notedInDefault:
                if liquidated { allow(.plaintiff, "request-default-judgment", d); allow(.clerk, "sign-default-judgment", d) }
                else { allow(.plaintiff, "request-assessment", d) }
            case .judgment:
                allow(.plaintiff, "enforce-judgment", d)
            }
        }
        // A settlement conference is held within 90 days after the first defence (r. 13.01).
        if let firstDefence = order.compactMap({ parties[$0]?.stage == .defended ? parties[$0]?.answeredOn : nil }).min() {
            due("hold-settlement-conference", .clerk, nil, periods.lastDay(from: firstDefence, days: 90), "r. 13.01")
            allow(.clerk, "schedule-settlement-conference")
        }

        let stages = order.compactMap { parties[$0]?.stage }
        let stage: CaseStage
        if stages.contains(.unserved) { stage = .awaitingService }
        else if stages.contains(.defended) { stage = .defended }
        else if stages.allSatisfy({ $0 == .judgment }) { stage = .judgment }
        else if stages.contains(.served) { stage = .awaitingResponse }
        else if stages.contains(.admitted) { stage = .admitted }
        else { stage = .inDefault }

        return CaseSummary(stage: stage, fileNumber: fileNumber, issuedOn: issued,
                           defendants: parties.mapValues(\.stage),
                           deadlines: deadlines.sorted { ($0.by, $0.what) < ($1.by, $1.what) }, actions: actions)
    }
}
