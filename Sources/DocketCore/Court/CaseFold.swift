import Foundation

/// The pure fold from a court case's docket, the rules and the time to its state. A deadline that
/// passes needs no job to run for this answer to be right.
public enum CaseFold {
    struct Defendant {
        var stage: DefendantStage = .unserved
        var servedEffective: CivilDate?
        var answeredOn: CivilDate?
        var notingRequested = false
    }

    public static func fold(_ entries: [DocketEntry], rules: RuleSet, now: Date) -> CaseSummary {
        var s = CaseSummary()
        var order: [PartyID] = []
        var parties: [PartyID: Defendant] = [:]
        var liquidated = false

        for entry in entries.sorted(by: { $0.sequence < $1.sequence }) {
            switch entry.event {
            case let .claimSubmitted(names, isLiquidated):
                order = names.indices.map { PartyID.defendant($0 + 1) }
                for (n, name) in names.enumerated() { s.defendantNames[.defendant(n + 1)] = name }
                liquidated = isLiquidated
                s.submittedAt = entry.recordedAt
                s.filerAccount = entry.actor.account
            case let .claimFiled(filed):
                order = filed.defendants.map(\.id)
                for d in filed.defendants { s.defendantNames[d.id] = d.name }
                liquidated = filed.liquidated
                s.filed = filed
                s.submittedAt = entry.recordedAt
                s.filerAccount = entry.actor.account
            case let .feePaid(amount, reference):
                s.fee = amount; s.paymentReference = reference
            case .feeWaiverRequested:
                s.fee = .zero; s.waiverRequested = true
            case let .claimReferred(reasons):
                s.referralReasons = reasons
            case let .claimRejected(reasons):
                if s.issuedOn == nil { s.rejectionReasons = reasons }
            case let .claimIssued(number, on):
                guard s.rejectionReasons == nil, s.issuedOn == nil else { continue }
                s.fileNumber = number; s.issuedOn = on
            case let .claimSealed(sha256):
                if s.issuedOn != nil, s.sealedSHA256 == nil { s.sealedSHA256 = sha256 }
            case let .claimServed(d, method, at):
                guard parties[d]?.stage == .unserved else { continue }
                parties[d]?.stage = .served
                parties[d]?.servedEffective = rules.periods.serviceEffective(method, sent: at)
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
            if case .claimSubmitted = entry.event { for d in order { parties[d] = Defendant() } }
            if case .claimFiled = entry.event { for d in order { parties[d] = Defendant() } }
        }
        s.defendants = parties.mapValues(\.stage)
        guard !order.isEmpty else { return s }
        if s.rejectionReasons != nil {
            s.stage = .rejected
            return s
        }
        var next = Open(today: CivilDate.of(now), rules: rules)
        guard let issued = s.issuedOn else {
            next.allow(.clerk, .issueClaim)
            next.allow(.clerk, .rejectClaim)
            if rules.issuance == .automatic, s.referralReasons.isEmpty { next.allow(.system, .issueClaim) }
            s.actions = next.actions
            return s
        }
        for d in order {
            guard let p = parties[d] else { continue }
            next.defendant(d, p, issued: issued, liquidated: liquidated)
        }
        // A settlement conference is held within 90 days after the first defence (r. 13.01).
        if let firstDefence = order.compactMap({ parties[$0]?.stage == .defended ? parties[$0]?.answeredOn : nil }).min() {
            next.due(.holdSettlementConference, .clerk, nil, after: firstDefence, rules.courtPeriods.settlementConferenceDays)
            next.allow(.clerk, .scheduleSettlementConference)
        }
        s.stage = stage(order.compactMap { parties[$0]?.stage })
        s.deadlines = next.deadlines.sorted { ($0.by, $0.what.rawValue) < ($1.by, $1.what.rawValue) }
        s.actions = next.actions
        return s
    }

    static func stage(_ stages: [DefendantStage]) -> CaseStage {
        if stages.contains(.unserved) { return .awaitingService }
        if stages.contains(.defended) { return .defended }
        if stages.allSatisfy({ $0 == .judgment }) { return .judgment }
        if stages.contains(.served) { return .awaitingResponse }
        if stages.contains(.admitted) { return .admitted }
        return .inDefault
    }

    /// The deadlines and actions open after the docket, built one defendant at a time.
    struct Open {
        let today: CivilDate
        let rules: RuleSet
        var deadlines: [OpenDeadline] = []
        var actions: [CaseRole: Set<CaseAction>] = [:]

        mutating func allow(_ role: CaseRole, _ step: CourtStep, _ d: PartyID? = nil) {
            actions[role, default: []].insert(CaseAction(step, d))
        }

        /// Records the deadline for `step`; true while it has not passed.
        @discardableResult
        mutating func due(_ step: CourtStep, _ who: CaseRole, _ d: PartyID?, by: CivilDate, rule: String) -> Bool {
            deadlines.append(OpenDeadline(what: step, who: who, defendant: d, by: by, rule: rule, missed: today > by))
            return today <= by
        }

        @discardableResult
        mutating func due(_ step: CourtStep, _ who: CaseRole, _ d: PartyID?, after day: CivilDate, _ period: CourtPeriods.Period) -> Bool {
            due(step, who, d, by: rules.periods.lastDay(from: day, days: period.count), rule: period.rule)
        }

        mutating func defendant(_ d: PartyID, _ p: Defendant, issued: CivilDate, liquidated: Bool) {
            let periods = rules.courtPeriods
            switch p.stage {
            case .unserved:
                let serveBy = rules.periods.lastDay(from: issued, months: periods.serviceMonths.count)
                if due(.serveClaim, .plaintiff, d, by: serveBy, rule: periods.serviceMonths.rule) {
                    allow(.plaintiff, .fileAffidavitOfService, d)
                } else {
                    allow(.plaintiff, .moveToExtendTimeForService, d)
                }
                allow(.defendant, .fileDefence, d)
            case .served:
                let inTime = due(.fileDefence, .defendant, d, after: p.servedEffective!, periods.defenceDays)
                allow(.defendant, .fileDefence, d)
                allow(.defendant, .fileAdmissionWithProposal, d)
                if !inTime {
                    if p.notingRequested { allow(.clerk, .noteInDefault, d) } else { allow(.plaintiff, .requestNotingInDefault, d) }
                }
            case .defended:
                if due(.fileDefendantsClaim, .defendant, d, after: p.answeredOn!, periods.defendantsClaimDays) {
                    allow(.defendant, .fileDefendantsClaim, d)
                }
            case .admitted:
                if due(.disputePaymentTerms, .plaintiff, d, after: p.answeredOn!, periods.disputeTermsDays) {
                    allow(.plaintiff, .disputePaymentTerms, d)
                }
            case .notedInDefault:
                if liquidated {
                    allow(.plaintiff, .requestDefaultJudgment, d)
                    allow(.clerk, .signDefaultJudgment, d)
                } else {
                    allow(.plaintiff, .requestAssessment, d)
                }
            case .judgment:
                allow(.plaintiff, .enforceJudgment, d)
            }
        }
    }
}
