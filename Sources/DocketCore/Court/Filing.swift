import Foundation

/// The decisions from submission to issue: submit (with the fee paid or waived, and referral to
/// a clerk when the claim needs one), issue, reject, and the record of the sealed document.
public enum CourtDecision {
    public static let rejectionReasonsLimit = 2000

    public static func decide(_ command: CourtCommand, by actor: Actor, state: CaseSummary, rules: RuleSet,
                              now: Date) -> Result<[DocketEvent], Refusal> {
        switch command {
        case .submit(let submission): submit(submission, by: actor, state: state, rules: rules, now: now)
        case .issue(let number): issue(number, by: actor, state: state, rules: rules, now: now)
        case .reject(let reasons): reject(reasons, by: actor, state: state)
        case .recordSeal(let sha256): recordSeal(sha256, by: actor, state: state)
        }
    }

    /// The fee a submission must settle now: the amount to charge, or nil for a waiver the rules
    /// grant. Asked before any money is taken, and again inside the submission.
    public static func feeDue(_ draft: ClaimDraft, priorClaims: Int, rules: RuleSet, now: Date) -> Result<Money?, Refusal> {
        let filingDay = rules.periods.issueDate(submitted: now)
        guard draft.missing.isEmpty, draft.answersChecked, draft.status(of: .fee) == .completed else {
            return .failure(Refusal(.incomplete))
        }
        guard draft.officeCode != nil, rules.eligibility(of: draft.facts, filing: filingDay).canFile else {
            return .failure(Refusal(.ineligible))
        }
        guard let quote = rules.fee(.claim, priorClaims: priorClaims, on: filingDay) else {
            return .failure(Refusal(.feeUnknown, rule: "O. Reg. 332/16"))
        }
        guard draft.feeChoice == .waiver else { return .success(quote.amount) }
        guard case .eligible = waiver(draft, rules: rules, on: filingDay) else {
            return .failure(Refusal(.waiverNotGranted, rule: "O. Reg. 2/05, s. 2"))
        }
        return .success(nil)
    }

    static func waiver(_ draft: ClaimDraft, rules: RuleSet, on day: CivilDate) -> FeeWaiverDecision? {
        guard var answers = draft.waiverAnswers else { return nil }
        answers.actingForBusiness = draft.plaintiffs.contains { $0.kind == .business }
        return rules.feeWaiver(answers, on: day)
    }

    static func submit(_ submission: ClaimSubmission, by actor: Actor, state: CaseSummary, rules: RuleSet,
                       now: Date) -> Result<[DocketEvent], Refusal> {
        guard actor.role == .plaintiff else { return .failure(Refusal(.notPermitted)) }
        guard state.submittedAt == nil else { return .failure(Refusal(.alreadyDone)) }
        let draft = submission.draft
        let filingDay = rules.periods.issueDate(submitted: now)
        let due: Money?
        switch feeDue(draft, priorClaims: submission.priorClaims, rules: rules, now: now) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let amount): due = amount
        }
        let feeEvent: DocketEvent
        switch (submission.fee, due) {
        case (.waiver, nil):
            guard case .eligible(let ground) = waiver(draft, rules: rules, on: filingDay) else {
                return .failure(Refusal(.waiverNotGranted, rule: "O. Reg. 2/05, s. 2"))
            }
            feeEvent = .feeWaiverRequested(ground: ground)
        case let (.paid(amount, reference), due?) where amount == due:
            feeEvent = .feePaid(amount: amount, reference: reference)
        default:
            return .failure(Refusal(.feeChanged, rule: "O. Reg. 332/16"))
        }
        let filed = ClaimFiled(
            office: draft.officeCode ?? "",
            plaintiffs: draft.plaintiffs.enumerated().map { CaseParty(id: .plaintiff($0.offset + 1), name: $0.element.name) },
            defendants: draft.defendants.enumerated().map { CaseParty(id: .defendant($0.offset + 1), name: $0.element.name) },
            liquidated: draft.liquidated, amount: draft.total, filingYear: filingDay.year)
        var events: [DocketEvent] = [.claimFiled(filed), feeEvent]
        if !draft.reviewReasons.isEmpty { events.append(.claimReferred(reasons: draft.reviewReasons)) }
        return .success(events)
    }

    static func issue(_ number: String, by actor: Actor, state: CaseSummary, rules: RuleSet,
                      now: Date) -> Result<[DocketEvent], Refusal> {
        guard state.submittedAt != nil else { return .failure(Refusal(.notPermitted)) }
        guard state.issuedOn == nil, state.rejectionReasons == nil else { return .failure(Refusal(.alreadyDone)) }
        guard [.clerk, .system].contains(actor.role), state.can(actor.role, .issueClaim), !number.isEmpty else {
            return .failure(Refusal(.notPermitted, rule: "r. 7.03"))
        }
        return .success([.claimIssued(fileNumber: number, on: issueDay(by: actor.role, rules: rules, now: now))])
    }

    /// The issue date of a claim issued now by `role`: under clerk confirmation, the day the clerk
    /// confirms; otherwise the online filing day (before 17:00 on a day the office is open).
    public static func issueDay(by role: CaseRole, rules: RuleSet, now: Date) -> CivilDate {
        role == .clerk && rules.issuance == .onClerkConfirmation ? CivilDate.of(now) : rules.periods.issueDate(submitted: now)
    }

    static func reject(_ reasons: String, by actor: Actor, state: CaseSummary) -> Result<[DocketEvent], Refusal> {
        guard state.submittedAt != nil else { return .failure(Refusal(.notPermitted)) }
        guard state.issuedOn == nil, state.rejectionReasons == nil else { return .failure(Refusal(.alreadyDone)) }
        guard state.can(actor.role, .rejectClaim) else { return .failure(Refusal(.notPermitted)) }
        let text = reasons.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= rejectionReasonsLimit else { return .failure(Refusal(.reasonsMissing)) }
        return .success([.claimRejected(reasons: text)])
    }

    static func recordSeal(_ sha256: String, by actor: Actor, state: CaseSummary) -> Result<[DocketEvent], Refusal> {
        guard actor.role == .system, state.issuedOn != nil else { return .failure(Refusal(.notPermitted)) }
        guard state.sealedSHA256 == nil else { return .failure(Refusal(.alreadyDone)) }
        return .success([.claimSealed(sha256: sha256)])
    }
}
