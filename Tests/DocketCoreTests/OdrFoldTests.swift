import Foundation
import Testing
@testable import DocketCore

@Suite struct OdrFoldTests {
    let periods = RuleSets.ontarioSmallClaims.periods
    let rules = RuleSets.ontarioSmallClaims
    let claimant = "marie@example.com"
    let paul = "paul@example.com"
    let anne = "anne@example.com"
    let invited = CourtTime.localInstant("2026-11-23T10:00")!

    func at(_ local: String) -> Date { CourtTime.localInstant(local)! }

    final class Docket {
        var entries: [OdrEntry] = []
        func add(_ at: Date, _ side: OdrSide, _ party: String, _ event: OdrEvent) {
            entries.append(OdrEntry(sequence: entries.count + 1, at: at, side: side, party: party, event: event))
        }
    }

    func submitted(_ respondents: [String]? = nil) -> Docket {
        let d = Docket()
        d.add(invited, .claimant, claimant, .submitted(respondents: respondents ?? [paul], amount: Money(dollars: 1200)))
        return d
    }

    func fold(_ d: Docket, _ now: Date) -> OdrSummary { OdrFold.fold(d.entries, claimant: claimant, rules: rules, now: now) }

    let lump = SettlementTerms(amount: Money(dollars: 1000), plan: .lumpSum(by: CivilDate("2026-12-24")!))

    @Test func pendingUntilTheEndOfTheFourteenthDayInTorontoThenClosed() {
        let d = submitted()
        #expect(fold(d, invited).status == .pending)
        #expect(fold(d, invited).acceptBy == CivilDate("2026-12-07"))
        let lastMoment = at("2026-12-07T23:59:59")
        #expect(fold(d, lastMoment).status == .pending)
        #expect(fold(d, lastMoment).can(.respondent, paul, .acceptInvitation))
        let next = at("2026-12-08T00:00")
        let closed = fold(d, next)
        #expect(closed.status == .closed)
        #expect(closed.closure == .noResponse)
        #expect(closed.lapseToRecord)
        #expect(!closed.can(.respondent, paul, .acceptInvitation))
        // 00:00 in Toronto is 05:00 UTC: one second before is still the 7th there.
        #expect(fold(d, next.addingTimeInterval(-1)).status == .pending)
        d.add(next, .claimant, "docket", .lapsed)
        #expect(!fold(d, next).lapseToRecord)
        #expect(fold(d, next).closure == .noResponse)
    }

    @Test func remindersFallOnTheSeventhAndTwelfthDaysOnlyOnce() {
        let d = submitted([paul, anne])
        #expect(fold(d, at("2026-11-29T23:00")).remindersDue.isEmpty)
        let day7 = fold(d, at("2026-11-30T08:00")).remindersDue
        #expect(day7.map(\.respondent) == ["R1", "R2"])
        #expect(day7.allSatisfy { $0.day == 7 })
        d.add(at("2026-11-30T08:00"), .claimant, "docket", .reminded(respondent: paul, day: 7))
        d.add(at("2026-11-30T08:00"), .respondent, anne, .accepted(respondent: anne))
        #expect(fold(d, at("2026-12-01T08:00")).remindersDue.isEmpty)
        #expect(fold(d, at("2026-12-01T08:00")).status == .active)
        // Active cases send no reminders to the others; one who has not answered may still accept within the 14 days.
        #expect(fold(d, at("2026-12-05T08:00")).can(.respondent, paul, .acceptInvitation))
        #expect(!fold(d, at("2026-12-08T08:00")).can(.respondent, paul, .acceptInvitation))
        #expect(fold(d, at("2026-12-08T08:00")).status == .active)
    }

    @Test func aLateSweepSendsOnlyTheLatestReminder() {
        let d = submitted()
        let due = fold(d, at("2026-12-06T08:00")).remindersDue
        #expect(due.count == 1)
        #expect(due.first?.day == 12)
        d.add(at("2026-12-06T08:00"), .claimant, "docket", .reminded(respondent: paul, day: 12))
        #expect(fold(d, at("2026-12-07T08:00")).remindersDue.isEmpty)
    }

    @Test func declinedByEveryoneClosesTheCase() {
        let d = submitted([paul, anne])
        d.add(invited, .respondent, paul, .declined(respondent: paul))
        #expect(fold(d, invited).status == .pending)
        #expect(!fold(d, invited).can(.respondent, paul, .acceptInvitation))
        d.add(invited, .respondent, anne, .declined(respondent: anne))
        #expect(fold(d, invited).status == .closed)
        #expect(fold(d, invited).closure == .declined)
        #expect(!fold(d, invited).lapseToRecord)
    }

    @Test func offersCounterOffersAcceptanceSignaturesAndSeal() {
        let d = submitted()
        d.add(invited, .respondent, paul, .accepted(respondent: paul))
        d.add(invited, .respondent, "mallory@example.com", .accepted(respondent: "mallory@example.com"))
        var s = fold(d, invited)
        // Entries from before ids name parties by email; the fold reads them as ids, in order.
        #expect(s.accepted == ["R1"])
        #expect(s.email(of: "R1") == paul)
        #expect(s.status == .active)
        #expect(s.can(.claimant, claimant, .offer))
        #expect(!s.can(.claimant, claimant, .sign))
        #expect(!s.can(.respondent, "mallory@example.com", .message))

        d.add(invited, .claimant, claimant, .offer(number: 1, terms: SettlementTerms(amount: Money(dollars: 1200), plan: .lumpSum(by: CivilDate("2026-12-15")!))))
        s = fold(d, invited)
        #expect(s.openOffer?.number == 1)
        #expect(s.can(.respondent, paul, .acceptOffer))
        #expect(!s.can(.claimant, claimant, .acceptOffer))
        d.add(invited, .claimant, claimant, .offerAccepted(number: 1))
        #expect(fold(d, invited).agreed == nil)
        d.add(invited, .respondent, paul, .offerRejected(number: 1))
        d.add(invited, .respondent, paul, .offer(number: 2, terms: lump))
        #expect(fold(d, invited).openOffer?.number == 2)
        d.add(invited, .claimant, claimant, .offerAccepted(number: 1))
        #expect(fold(d, invited).agreed == nil)
        d.add(invited, .claimant, claimant, .offerAccepted(number: 2))
        s = fold(d, invited)
        #expect(s.agreed == lump)
        #expect(s.openOffer == nil)
        #expect(!s.can(.claimant, claimant, .offer))
        #expect(s.can(.claimant, claimant, .sign))
        d.add(invited, .claimant, claimant, .signed(name: "Marie Tremblay", address: "127.0.0.1"))
        s = fold(d, invited)
        #expect(!s.can(.claimant, claimant, .sign))
        #expect(!s.everyoneSigned)
        d.add(invited, .respondent, paul, .signed(name: "Paul Roy", address: "127.0.0.1"))
        #expect(fold(d, invited).everyoneSigned)
        d.add(invited, .claimant, "docket", .agreementSealed(sha256: "ab"))
        s = fold(d, invited)
        #expect(s.status == .settled)
        #expect(!s.can(.claimant, claimant, .offer))
        #expect(!s.can(.claimant, claimant, .withdraw))
        d.add(invited, .claimant, claimant, .withdrawn)
        #expect(fold(d, invited).status == .settled)
    }

    @Test func theSweepIsDueOnEachReminderDayThenTheDayAfterTheLastDayToAccept() {
        let d = submitted()
        #expect(fold(d, invited).sweepDue == CivilDate("2026-11-30"))
        // A late sweep: the reminder is due now, so the sweep is due today.
        #expect(fold(d, at("2026-12-02T09:00")).sweepDue == CivilDate("2026-12-02"))
        d.add(at("2026-11-30T08:00"), .claimant, "docket", .reminded(respondent: paul, day: 7))
        #expect(fold(d, at("2026-11-30T08:00")).sweepDue == CivilDate("2026-12-05"))
        d.add(at("2026-12-05T08:00"), .claimant, "docket", .reminded(respondent: paul, day: 12))
        #expect(fold(d, at("2026-12-05T08:00")).sweepDue == CivilDate("2026-12-08"))
        #expect(fold(d, at("2026-12-08T00:00")).sweepDue == CivilDate("2026-12-08"))
        d.add(at("2026-12-08T00:00"), .claimant, "docket", .lapsed)
        #expect(fold(d, at("2026-12-08T00:00")).sweepDue == nil)
    }

    @Test func aSettlementIsDueForTheSweepTheDayAfterAPaymentNotCoveredThenNeverOnceNoticedOrPaid() {
        let d = settled(lump)
        #expect(fold(d, invited).sweepDue == CivilDate("2026-12-25"))
        #expect(fold(d, at("2026-12-25T09:00")).sweepDue == CivilDate("2026-12-25"))
        d.add(at("2026-12-25T09:00"), .claimant, "docket", .defaultNoticed)
        #expect(fold(d, at("2026-12-26T09:00")).sweepDue == nil)
        let paid = settled(lump)
        paid.add(invited, .claimant, claimant, .paymentRecorded(number: 1, amount: Money(dollars: 1000), on: CivilDate("2026-12-01")!))
        #expect(fold(paid, invited).sweepDue == nil)
        // An active case waits on its parties: nothing comes due by itself.
        let active = submitted()
        active.add(invited, .respondent, paul, .accepted(respondent: paul))
        #expect(fold(active, invited).sweepDue == nil)
    }

    func settled(_ terms: SettlementTerms) -> Docket {
        let d = submitted()
        d.add(invited, .respondent, paul, .accepted(respondent: paul))
        d.add(invited, .claimant, claimant, .offer(number: 1, terms: terms))
        d.add(invited, .respondent, paul, .offerAccepted(number: 1))
        d.add(invited, .claimant, claimant, .signed(name: "Marie Tremblay", address: "127.0.0.1"))
        d.add(invited, .respondent, paul, .signed(name: "Paul Roy", address: "127.0.0.1"))
        d.add(invited, .claimant, "docket", .agreementSealed(sha256: "ab"))
        return d
    }

    @Test func aDueDateOnAHolidayMovesToTheNextBusinessDayBeforeDefault() {
        // Due Thursday 2026-12-24; the 25th, 26th, 27th and the substitute Monday 28th are holidays: pay by Tuesday the 29th.
        let d = settled(lump)
        #expect(fold(d, at("2026-12-24T12:00")).schedule == [ScheduledPayment(due: CivilDate("2026-12-24")!, payBy: CivilDate("2026-12-24")!, amount: Money(dollars: 1000))])
        let christmasDue = settled(SettlementTerms(amount: Money(dollars: 1000), plan: .lumpSum(by: CivilDate("2026-12-25")!)))
        #expect(fold(christmasDue, invited).schedule.first?.payBy == CivilDate("2026-12-29"))
        #expect(fold(christmasDue, at("2026-12-29T23:59")).status == .settled)
        let late = fold(christmasDue, at("2026-12-30T00:00"))
        #expect(late.status == .inDefault)
        #expect(late.defaultSince == CivilDate("2026-12-29"))
        #expect(late.defaultNoticeDue)
        #expect(late.can(.claimant, claimant, .fileClaim))
        #expect(!late.can(.respondent, paul, .fileClaim))
        christmasDue.add(at("2026-12-30T01:00"), .claimant, "docket", .defaultNoticed)
        #expect(!fold(christmasDue, at("2026-12-30T02:00")).defaultNoticeDue)
    }

    @Test func eachInstalmentIsPaidPartPaidOrDueAndTheNextPaymentMovesOn() {
        let terms = SettlementTerms(amount: Money(dollars: 1000), plan: .instalments(amount: Money(dollars: 300), every: .monthly, first: CivilDate("2027-01-15")!))
        let d = settled(terms)
        var s = fold(d, invited)
        #expect(s.instalments.map(\.state) == [.due, .due, .due, .due])
        #expect(s.nextPayment?.due == CivilDate("2027-01-15"))
        d.add(at("2027-01-14T09:00"), .respondent, paul, .paymentRecorded(number: 1, amount: Money(dollars: 400), on: CivilDate("2027-01-14")!))
        #expect(fold(d, at("2027-01-14T10:00")).nextPayment?.due == CivilDate("2027-01-15"))   // not confirmed yet
        d.add(at("2027-01-14T10:00"), .claimant, claimant, .paymentConfirmed(number: 1))
        s = fold(d, at("2027-01-14T11:00"))
        #expect(s.instalments.map(\.state) == [.paid, .partPaid, .due, .due])
        #expect(s.nextPayment?.due == CivilDate("2027-02-15"))
        d.add(at("2027-01-20T09:00"), .claimant, claimant, .paymentRecorded(number: 2, amount: Money(dollars: 600), on: CivilDate("2027-01-20")!))
        s = fold(d, at("2027-01-20T10:00"))
        #expect(s.instalments.allSatisfy { $0.state == .paid })
        #expect(s.nextPayment == nil)
    }

    @Test func instalmentsConfirmedKeepTheAgreementInGoodStanding() {
        let terms = SettlementTerms(amount: Money(dollars: 1000), plan: .instalments(amount: Money(dollars: 300), every: .monthly, first: CivilDate("2027-01-15")!))
        let d = settled(terms)
        let schedule = fold(d, invited).schedule
        #expect(schedule.map(\.amount) == [300, 300, 300, 100].map { Money(dollars: $0) })
        #expect(schedule.map(\.due) == ["2027-01-15", "2027-02-15", "2027-03-15", "2027-04-15"].map { CivilDate($0)! })
        d.add(at("2027-01-14T09:00"), .respondent, paul, .paymentRecorded(number: 1, amount: Money(dollars: 300), on: CivilDate("2027-01-14")!))
        var s = fold(d, at("2027-01-16T09:00"))
        #expect(s.confirmedPaid == .zero)
        #expect(s.status == .inDefault)
        #expect(s.can(.claimant, claimant, .confirmPayment))
        #expect(!s.can(.respondent, paul, .confirmPayment))
        d.add(at("2027-01-16T10:00"), .respondent, paul, .paymentConfirmed(number: 1))
        #expect(fold(d, at("2027-01-16T11:00")).status == .inDefault)
        d.add(at("2027-01-16T10:00"), .claimant, claimant, .paymentConfirmed(number: 1))
        s = fold(d, at("2027-01-16T11:00"))
        #expect(s.status == .settled)
        #expect(s.balance == Money(dollars: 700))
        d.add(at("2027-02-10T10:00"), .claimant, claimant, .paymentRecorded(number: 2, amount: Money(dollars: 700), on: CivilDate("2027-02-10")!))
        s = fold(d, at("2027-05-01T10:00"))
        #expect(s.status == .settled)
        #expect(s.balance == .zero)
        #expect(!s.can(.respondent, paul, .recordPayment))
    }

    @Test func eitherPartyMayWithdrawBeforeSettlement() {
        let d = submitted()
        #expect(fold(d, invited).can(.claimant, claimant, .withdraw))
        #expect(!fold(d, invited).can(.respondent, paul, .withdraw))
        d.add(invited, .respondent, paul, .accepted(respondent: paul))
        #expect(fold(d, invited).can(.respondent, paul, .withdraw))
        d.add(invited, .respondent, paul, .withdrawn)
        let s = fold(d, invited)
        #expect(s.status == .closed)
        #expect(s.closure == .withdrawn)
        #expect(!s.can(.claimant, claimant, .message))
        #expect(!s.lapseToRecord)
    }

    @Test func termsAreCheckedBeforeTheyAreOffered() {
        let today = CivilDate("2026-11-23")!
        #expect(lump.problems(today: today).isEmpty)
        let bad = SettlementTerms(amount: Money(dollars: 1000), plan: .instalments(amount: Money(cents: 500), every: .weekly, first: CivilDate("2026-11-01")!),
                                  defaultInterestBasisPoints: 9000)
        #expect(bad.problems(today: today).map(\.field) == ["instalment", "firstPayment", "defaultInterest"])
        #expect(SettlementTerms(amount: .zero, plan: .lumpSum(by: today)).problems(today: today).map(\.field) == ["offerAmount"])
    }

    @Test func aDraftSaysWhatIsMissing() {
        var d = OdrDraft()
        #expect(d.missing.count == 4)
        d.category = .rent; d.description = "Unpaid rent"; d.amount = Money(dollars: 900)
        d.respondents = [OdrRespondent(name: "Paul Roy", email: paul)]
        #expect(d.missing.isEmpty)
        let (_, problems) = OdrDraft.respondent(name: "Paul", email: "PAUL@example.com", existing: d.respondents, claimantEmail: claimant)
        #expect(problems == [FieldProblem("respondentEmail", "error.respondentEmail.duplicate")])
        #expect(OdrDraft.respondent(name: "Me", email: claimant, existing: [], claimantEmail: claimant).1.map(\.messageKey) == ["error.respondentEmail.self"])
        let checked = OdrDraft.details(category: "nope", description: " ", amount: "0", incidentOn: "2027-01-01", today: CivilDate("2026-11-23")!)
        #expect(checked.4.map(\.field) == ["category", "description", "amount", "incidentOn"])
    }
}
