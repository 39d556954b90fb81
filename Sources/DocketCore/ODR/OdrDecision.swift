import Foundation

/// What a party (or Docket itself) asks of an online dispute. Each is decided by `OdrDecision`.
public enum OdrCommand: Sendable {
    /// The claimant submits the dispute, inviting each respondent (given their emails, in order).
    case open(respondentEmails: [String], amount: Money)
    /// A respondent answers the invitation; `fromAccountEmail` is set when the signed-in account's
    /// email is not the one invited (allowed, and recorded).
    case answerInvitation(accept: Bool, fromAccountEmail: String?)
    case message(String)
    case evidence(title: String, fileName: String, sha256: String, reference: String, contentType: String)
    case offer(SettlementTerms)
    case answerOffer(number: Int, accept: Bool)
    case sign(name: String, address: String)
    case recordPayment(Money, on: CivilDate)
    case confirmPayment(number: Int)
    case withdraw
    /// Docket's own: the sealed agreement, a lapse, a reminder, a default noticed.
    case sealAgreement(sha256: String)
    case recordLapse
    case remind(respondent: String, day: Int)
    case noticeDefault
}

/// The decisions of an online dispute: who may do what now, and what it records.
public enum OdrDecision {
    /// `party` is the actor's id (or the email they take part with, read as their id); events name
    /// parties by id.
    public static func decide(_ command: OdrCommand, side: OdrSide, party given: String, state s: OdrSummary) -> Result<[OdrEvent], Refusal> {
        let party = side == .system ? "" : (s.party(for: given) ?? given)
        func allowed(_ action: OdrAction, _ events: [OdrEvent]) -> Result<[OdrEvent], Refusal> {
            s.can(side, party, action) ? .success(events) : .failure(Refusal(.caseMovedOn))
        }
        func system(_ due: Bool, _ events: [OdrEvent]) -> Result<[OdrEvent], Refusal> {
            guard side == .system else { return .failure(Refusal(.notPermitted)) }
            return due ? .success(events) : .failure(Refusal(.alreadyDone))
        }
        switch command {
        case let .open(respondentEmails, amount):
            guard side == .claimant else { return .failure(Refusal(.notPermitted)) }
            guard s.invitedOn == nil else { return .failure(Refusal(.alreadyDone)) }
            guard !respondentEmails.isEmpty, amount > .zero else { return .failure(Refusal(.incomplete)) }
            let respondents = respondentEmails.enumerated().map { OdrParticipant(id: OdrParticipant.respondentID($0.offset + 1), email: $0.element) }
            return .success([.opened(respondents: respondents, amount: amount)])
        case let .answerInvitation(accept, fromAccountEmail):
            let other: [OdrEvent] = fromAccountEmail.map { [.answeredByAnotherAccount(respondent: party, accountEmail: $0)] } ?? []
            return allowed(.acceptInvitation, other + [accept ? .accepted(respondent: party) : .declined(respondent: party)])
        case let .message(text):
            return allowed(.message, [.message(text: text)])
        case let .evidence(title, fileName, sha256, reference, contentType):
            return allowed(.evidence, [.evidence(title: title, fileName: fileName, sha256: sha256, reference: reference, contentType: contentType)])
        case let .offer(terms):
            // Proposing terms while the other side's offer is open answers it: a counter-offer.
            let counter: [OdrEvent] = s.openOffer.map { $0.side != side ? [.offerRejected(number: $0.number)] : [] } ?? []
            return allowed(.offer, counter + [.offer(number: s.nextOfferNumber, terms: terms)])
        case let .answerOffer(number, accept):
            guard s.openOffer?.number == number else { return .failure(Refusal(.caseMovedOn)) }
            return allowed(accept ? .acceptOffer : .rejectOffer, [accept ? .offerAccepted(number: number) : .offerRejected(number: number)])
        case let .sign(name, address):
            return allowed(.sign, [.signed(name: name, address: address)])
        case let .recordPayment(amount, on):
            guard amount > .zero else { return .failure(Refusal(.caseMovedOn)) }
            return allowed(.recordPayment, [.paymentRecorded(number: s.nextPaymentNumber, amount: amount, on: on)])
        case let .confirmPayment(number):
            guard s.payments.contains(where: { $0.number == number && !$0.confirmed }) else { return .failure(Refusal(.caseMovedOn)) }
            return allowed(.confirmPayment, [.paymentConfirmed(number: number)])
        case .withdraw:
            return allowed(.withdraw, [.withdrawn])
        case let .sealAgreement(sha256):
            // Sealed only while the dispute is active: a withdrawal that came first stands.
            return system(s.status == .active && !s.sealed && s.everyoneSigned, [.agreementSealed(sha256: sha256)])
        case .recordLapse:
            return system(s.lapseToRecord, [.lapsed])
        case let .remind(respondent, day):
            let respondent = s.party(for: respondent) ?? respondent
            return system(s.remindersDue.contains { $0.respondent == respondent && $0.day == day }, [.reminded(respondent: respondent, day: day)])
        case .noticeDefault:
            return system(s.defaultNoticeDue, [.defaultNoticed])
        }
    }

    /// What a court claim made from a dispute claims: the unpaid balance of an agreement in
    /// default, against the respondents who signed it, with the agreement as a document relied on;
    /// or, when the other side declined or did not answer, the amount disputed against everyone
    /// invited. Nil when no claim may be made from the dispute now.
    public struct CourtClaim: Equatable, Sendable {
        public let amount: Money
        public let againstSignatoriesOnly: Bool
        public let incidentOn: CivilDate?
        public let defaultSince: CivilDate?
        public let relyOnAgreement: Bool
    }

    public static func courtClaim(from s: OdrSummary, disputed: Money?, incidentOn: CivilDate?) -> CourtClaim? {
        guard s.can(.claimant, s.claimant, .fileClaim) else { return nil }
        if s.agreementSHA256 != nil {
            return CourtClaim(amount: s.balance, againstSignatoriesOnly: true, incidentOn: s.defaultSince,
                              defaultSince: s.defaultSince, relyOnAgreement: true)
        }
        return CourtClaim(amount: disputed ?? .zero, againstSignatoriesOnly: false, incidentOn: incidentOn,
                          defaultSince: nil, relyOnAgreement: false)
    }
}
