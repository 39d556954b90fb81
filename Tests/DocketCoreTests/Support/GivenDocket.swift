import Foundation
@testable import DocketCore

/// A court case built from docket entries directly, so a test of a late step starts there instead
/// of replaying the early ones: `var c = GivenCase(docket: [(.plaintiff, .claimFiled(…)), …])`.
struct GivenCase {
    var entries: [DocketEntry] = []
    var rules = RuleSets.ontarioSmallClaims

    init(docket events: [(Actor, DocketEvent)] = [], at time: Date = CourtTime.localInstant("2026-11-23T10:00")!) {
        for (actor, event) in events { append(event, by: actor, at: time) }
    }

    mutating func append(_ event: DocketEvent, by actor: Actor, at time: Date) {
        entries.append(DocketEntry(sequence: entries.count + 1, recordedAt: time, actor: actor, event: event))
    }

    func state(at now: Date) -> CaseSummary { CaseFold.fold(entries, rules: rules, now: now) }

    /// Decides `command` as the pipeline does; appends the events and returns nil, or returns the refusal.
    @discardableResult
    mutating func act(_ command: CourtCommand, by actor: Actor, at now: Date) -> Refusal? {
        switch CourtDecision.decide(command, by: actor, state: state(at: now), rules: rules, now: now) {
        case .failure(let refusal): return refusal
        case .success(let events):
            for event in events { append(event, by: actor, at: now) }
            return nil
        }
    }
}

extension ClaimFiled {
    /// A filed claim at Toronto with one plaintiff and the defendants named.
    static func sample(defendants: [String] = ["Renovations Lavoie Inc."], liquidated: Bool = true) -> ClaimFiled {
        ClaimFiled(office: "toronto-47-sheppard", plaintiffs: [CaseParty(id: "P1", name: "Marie Tremblay")],
                   defendants: defendants.enumerated().map { CaseParty(id: .defendant($0.offset + 1), name: $0.element) },
                   liquidated: liquidated, amount: Money(dollars: 2500), filingYear: 2026)
    }
}
