import Foundation

/// The two sides of an online dispute, and Docket itself (the sweep, the sealed agreement).
public enum OdrSide: String, Codable, Sendable {
    case claimant, respondent, system
}

/// One thing that happened in an ODR case. Like a court case, an ODR case is its docket.
public enum OdrEvent: Codable, Sendable, Equatable {
    /// A case submitted before parties had ids: its parties are named by email, the claimant read
    /// as C1 and the respondents as R1, R2, … in order.
    case submitted(respondents: [String], amount: Money)
    /// The claimant submitted the case; each respondent (an id, and the email the invitation went
    /// to) is invited at that instant. Every later event names parties by id.
    case opened(respondents: [OdrParticipant], amount: Money)
    case accepted(respondent: String)
    case declined(respondent: String)
    /// The invitation to `respondent` was answered by a signed-in account with another email.
    case answeredByAnotherAccount(respondent: String, accountEmail: String)
    /// A reminder to a respondent who has not answered (days after the invitation).
    case reminded(respondent: String, day: Int)
    /// The 14 days passed without an acceptance; recorded by the sweep (the state is derived anyway).
    case lapsed
    case message(text: String)
    case evidence(title: String, fileName: String, sha256: String, reference: String, contentType: String)
    case offer(number: Int, terms: SettlementTerms)
    case offerAccepted(number: Int)
    case offerRejected(number: Int)
    /// A party signed the settlement agreement by typing their full name.
    case signed(name: String, address: String)
    /// Every party signed; the agreement was sealed.
    case agreementSealed(sha256: String)
    case paymentRecorded(number: Int, amount: Money, on: CivilDate)
    case paymentConfirmed(number: Int)
    /// The parties were told the agreement is in default.
    case defaultNoticed
    case withdrawn
}

/// A respondent of an online dispute: their id in the case and the email they were invited at.
public struct OdrParticipant: Codable, Sendable, Equatable {
    public let id: String
    public let email: String

    public init(id: String, email: String) { self.id = id; self.email = email }

    public static let claimantID = "C1"
    public static func respondentID(_ n: Int) -> String { "R\(n)" }
}

public struct OdrEntry: Sendable, Equatable {
    public let sequence: Int
    public let at: Date
    public let side: OdrSide
    /// Who acted: a party id (C1, R1…), or an email in a case submitted before ids; empty for Docket.
    public let party: String
    public let event: OdrEvent

    public init(sequence: Int, at: Date, side: OdrSide, party: String, event: OdrEvent) {
        self.sequence = sequence; self.at = at; self.side = side; self.party = party; self.event = event
    }
}

public enum OdrStatus: String, Sendable {
    case pending, active, settled
    case inDefault = "in-default"
    case closed
}

public enum OdrClosure: String, Sendable {
    case noResponse = "no-response", declined, withdrawn
}

public struct OdrOffer: Equatable, Sendable {
    public let number: Int
    public let side: OdrSide
    public let party: String
    public let terms: SettlementTerms
}

public struct OdrPayment: Equatable, Sendable {
    public let number: Int
    public let side: OdrSide
    public let amount: Money
    public let on: CivilDate
    public let confirmed: Bool
}

public struct OdrSummary: Sendable {
    public let status: OdrStatus
    public let closure: OdrClosure?
    public let invitedOn: CivilDate?
    /// The last day a respondent may accept.
    public let acceptBy: CivilDate?
    /// Respondents who accepted, declined, or have not answered.
    public let accepted: [String]
    public let declined: [String]
    public let unanswered: [String]
    /// The 14 days to accept have not run out.
    public let invitationOpen: Bool
    public let openOffer: OdrOffer?
    public let agreed: SettlementTerms?
    /// Parties (emails) who have signed, and the SHA-256 of the sealed agreement once everyone has.
    public let signedBy: [String]
    public let agreementSHA256: String?
    public var sealed: Bool { agreementSHA256 != nil }
    public let schedule: [ScheduledPayment]
    public let payments: [OdrPayment]
    public let confirmedPaid: Money
    /// The first missed payment's last day, when the agreement is in default.
    public let defaultSince: CivilDate?
    /// What background work should record or send now.
    public let lapseToRecord: Bool
    public let remindersDue: [(respondent: String, day: Int)]
    public let defaultNoticeDue: Bool
    /// The first day on which background work may have something to record (a reminder, a lapse,
    /// a default), or nil when nothing can come due without a party acting first. Today when
    /// something is due now. Stored in the projection so the sweep reads only the cases due.
    public let sweepDue: CivilDate?
    public let nextOfferNumber: Int
    public let nextPaymentNumber: Int
    /// The claimant's email.
    public let claimant: String
    /// Each party's email by id (C1 is the claimant).
    public let emails: [String: String]

    public var balance: Money { (agreed?.amount ?? .zero) - confirmedPaid }

    /// Where each instalment stands, confirmed payments applied to the earliest first.
    public enum InstalmentState: String, Sendable { case paid, partPaid = "part-paid", due }

    public var instalments: [(payment: ScheduledPayment, state: InstalmentState)] {
        var left = confirmedPaid
        return schedule.map { payment in
            let covered = left < payment.amount ? left : payment.amount
            left = left - covered
            return (payment, covered == payment.amount ? .paid : covered > .zero ? .partPaid : .due)
        }
    }

    /// The first instalment not yet paid in full.
    public var nextPayment: ScheduledPayment? { instalments.first { $0.state != .paid }?.payment }

    /// Everyone who must sign, by id: the claimant and each respondent who accepted.
    public var signatories: [String] { [OdrParticipant.claimantID] + accepted }

    public var everyoneSigned: Bool { agreed != nil && signatories.allSatisfy(signedBy.contains) }

    /// The id of the party named by `party`: an id already, or the email they take part with.
    public func party(for party: String) -> String? {
        if emails[party] != nil { return party }
        return emails.first { $0.value.lowercased() == party.lowercased() }?.key
    }

    /// The email of the party with id `id` (or `id` itself when it is an email the case knows).
    public func email(of id: String) -> String? { party(for: id).flatMap { emails[$0] } }

    public func hasAccepted(_ party: String) -> Bool { self.party(for: party).map(accepted.contains) ?? false }
}

/// The pure fold from an ODR case's docket and the time to its state.
public enum OdrFold {
    public static func fold(_ entries: [OdrEntry], claimant: String, rules: RuleSet, now: Date) -> OdrSummary {
        let periods = rules.periods
        let acceptDays = rules.odrPeriods.acceptDays
        let reminderDays = rules.odrPeriods.reminderDays
        let today = CivilDate.of(now)
        var invitedOn: CivilDate?
        var respondents: [String] = []
        var accepted: [String] = [], declined: [String] = []
        var reminded: [String: Int] = [:]
        var lapsed = false, withdrawn = false, noticed = false
        var agreementSHA256: String?
        var offers: [Int: OdrOffer] = [:]
        var open: OdrOffer?
        var agreed: SettlementTerms?
        var signed: [String] = []
        var payments: [Int: OdrPayment] = [:]
        var lastOffer = 0, lastPayment = 0
        var emails = [OdrParticipant.claimantID: claimant]
        /// Entries of cases submitted before ids name parties by email: read them as ids.
        func id(_ party: String) -> String {
            if emails[party] != nil { return party }
            return emails.first { $0.value.lowercased() == party.lowercased() }?.key ?? party
        }

        for entry in entries.sorted(by: { $0.sequence < $1.sequence }) {
            let e = OdrEntry(sequence: entry.sequence, at: entry.at, side: entry.side, party: id(entry.party), event: entry.event)
            switch e.event {
            case let .submitted(list, _):
                for (n, email) in list.enumerated() { emails[OdrParticipant.respondentID(n + 1)] = email }
                respondents = list.indices.map { OdrParticipant.respondentID($0 + 1) }; invitedOn = CivilDate.of(e.at)
            case let .opened(list, _):
                for p in list { emails[p.id] = p.email }
                respondents = list.map(\.id); invitedOn = CivilDate.of(e.at)
            case let .accepted(r):
                let r = id(r)
                if respondents.contains(r), !accepted.contains(r), !declined.contains(r) { accepted.append(r) }
            case let .declined(r):
                let r = id(r)
                if respondents.contains(r), !accepted.contains(r), !declined.contains(r) { declined.append(r) }
            case let .reminded(r, day): reminded[id(r)] = max(reminded[id(r)] ?? 0, day)
            case .lapsed: lapsed = true
            case .message, .evidence, .answeredByAnotherAccount: break
            case let .offer(n, terms):
                guard agreed == nil else { continue }
                let offer = OdrOffer(number: n, side: e.side, party: e.party, terms: terms)
                offers[n] = offer; open = offer; lastOffer = max(lastOffer, n)
            case let .offerAccepted(n):
                if agreed == nil, let o = open, o.number == n, o.side != e.side { agreed = o.terms; open = nil }
            case let .offerRejected(n):
                if let o = open, o.number == n, o.side != e.side { open = nil }
            case .signed:
                if agreed != nil, !signed.contains(e.party) { signed.append(e.party) }
            case let .agreementSealed(sha): agreementSHA256 = sha
            case let .paymentRecorded(n, amount, on):
                payments[n] = OdrPayment(number: n, side: e.side, amount: amount, on: on, confirmed: e.side == .claimant)
                lastPayment = max(lastPayment, n)
            case let .paymentConfirmed(n):
                if let p = payments[n], e.side == .claimant {
                    payments[n] = OdrPayment(number: n, side: p.side, amount: p.amount, on: p.on, confirmed: true)
                }
            case .defaultNoticed: noticed = true
            case .withdrawn: if agreementSHA256 == nil { withdrawn = true }
            }
        }

        let acceptBy = invitedOn?.adding(days: acceptDays)
        let unanswered = respondents.filter { !accepted.contains($0) && !declined.contains($0) }
        let expired = acceptBy.map { today > $0 } ?? false
        let schedule = agreed?.schedule(periods: periods) ?? []
        let paid = payments.values.filter(\.confirmed).reduce(Money.zero) { $0 + $1.amount }

        var status: OdrStatus
        var closure: OdrClosure? = nil
        var defaultSince: CivilDate? = nil
        if withdrawn {
            status = .closed; closure = .withdrawn
        } else if agreementSHA256 != nil {
            // In default once a payment's last day has passed and what was confirmed does not cover what was due by then.
            var dueSoFar = Money.zero
            for payment in schedule {
                dueSoFar = dueSoFar + payment.amount
                if today > payment.payBy && paid < dueSoFar { defaultSince = payment.payBy; break }
            }
            status = defaultSince == nil ? .settled : .inDefault
        } else if accepted.isEmpty && !respondents.isEmpty && declined.count == respondents.count {
            status = .closed; closure = .declined
        } else if accepted.isEmpty && (lapsed || expired) {
            status = .closed; closure = .noResponse
        } else if accepted.isEmpty {
            status = .pending
        } else {
            status = .active
        }

        var reminders: [(String, Int)] = []
        var sweepDue: CivilDate? = nil
        func due(_ day: CivilDate) { sweepDue = min(sweepDue ?? day, day) }
        if status == .pending, let invitedOn {
            for r in unanswered {
                // Only the latest reminder due is sent, so a late sweep does not send two at once.
                if let day = reminderDays.last(where: { today >= invitedOn.adding(days: $0) }), day > reminded[r] ?? 0 {
                    reminders.append((r, day))
                }
                if let later = reminderDays.first(where: { $0 > (reminded[r] ?? 0) && today < invitedOn.adding(days: $0) }) {
                    due(invitedOn.adding(days: later))
                }
            }
            if let acceptBy { due(acceptBy.adding(days: 1)) }
        }
        let lapseToRecord = closure == .noResponse && !lapsed
        let defaultNoticeDue = status == .inDefault && !noticed
        if lapseToRecord || !reminders.isEmpty || defaultNoticeDue { due(today) }
        if status == .settled {
            // The day after the first instalment that what was confirmed does not cover.
            var dueSoFar = Money.zero
            if let uncovered = schedule.first(where: { dueSoFar = dueSoFar + $0.amount; return paid < dueSoFar }) {
                due(uncovered.payBy.adding(days: 1))
            }
        }

        return OdrSummary(
            status: status, closure: closure, invitedOn: invitedOn, acceptBy: acceptBy, accepted: accepted, declined: declined,
            unanswered: unanswered, invitationOpen: !expired, openOffer: status == .active ? open : nil, agreed: agreed, signedBy: signed, agreementSHA256: agreementSHA256,
            schedule: schedule, payments: payments.values.sorted { $0.number < $1.number }, confirmedPaid: paid,
            defaultSince: defaultSince, lapseToRecord: lapseToRecord,
            remindersDue: reminders, defaultNoticeDue: defaultNoticeDue, sweepDue: sweepDue,
            nextOfferNumber: lastOffer + 1, nextPaymentNumber: lastPayment + 1, claimant: claimant, emails: emails)
    }
}

/// What a party may do in an ODR case.
public enum OdrAction: String, Sendable, CaseIterable {
    case acceptInvitation = "accept-invitation", declineInvitation = "decline-invitation"
    case message, evidence, offer
    case acceptOffer = "accept-offer", rejectOffer = "reject-offer"
    case sign
    case recordPayment = "record-payment", confirmPayment = "confirm-payment"
    case withdraw
    case fileClaim = "file-claim"
}

extension OdrSummary {
    /// Whether `party` on `side` may do `action` now.
    /// `party` is the actor's id, or the email they take part with.
    public func can(_ side: OdrSide, _ party: String, _ action: OdrAction) -> Bool {
        let party = self.party(for: party) ?? party
        let participant = side == .claimant || (side == .respondent && accepted.contains(party))
        switch action {
        case .acceptInvitation, .declineInvitation:
            return side == .respondent && unanswered.contains(party) && invitationOpen && (status == .pending || status == .active)
        case .message, .evidence:
            return participant && (status == .active || status == .settled || status == .inDefault)
        case .offer:
            return participant && status == .active && agreed == nil
        case .acceptOffer, .rejectOffer:
            guard let o = openOffer else { return false }
            return participant && status == .active && o.side != side
        case .sign:
            return participant && agreed != nil && !sealed && status == .active && !signedBy.contains(party)
        case .recordPayment:
            return participant && sealed && balance > .zero
        case .confirmPayment:
            return side == .claimant && payments.contains { !$0.confirmed }
        case .withdraw:
            // Once every party has signed, the agreement binds them: it is sealed, not withdrawn.
            return participant && (status == .pending || status == .active) && !everyoneSigned
        case .fileClaim:
            // For the unpaid balance of an agreement in default, or for the whole claim when the
            // other side declined or did not answer (online dispute resolution is voluntary).
            return side == .claimant && ((status == .inDefault && (agreed?.claimOnDefault ?? false))
                || (status == .closed && (closure == .declined || closure == .noResponse)))
        }
    }
}
