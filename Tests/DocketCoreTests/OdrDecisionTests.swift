import Foundation
import Testing
@testable import DocketCore

/// The decisions of an online dispute, in the core: the same answers for a page and the API.
@Suite struct OdrDecisionTests {
    let t = OdrFoldTests()

    func decide(_ command: OdrCommand, _ side: OdrSide, _ party: String, on d: OdrFoldTests.Docket,
                at now: String = "2026-11-24T10:00") -> Result<[OdrEvent], Refusal> {
        OdrDecision.decide(command, side: side, party: party, state: t.fold(d, t.at(now)))
    }

    @Test func aCounterOfferAnswersTheOpenOfferFirst() throws {
        let d = t.submitted()
        d.add(t.at("2026-11-23T11:00"), .respondent, t.paul, .accepted(respondent: t.paul))
        #expect(try decide(.offer(t.lump), .claimant, t.claimant, on: d).get() == [.offer(number: 1, terms: t.lump)])
        d.add(t.at("2026-11-23T12:00"), .claimant, t.claimant, .offer(number: 1, terms: t.lump))
        // The claimant's second offer replaces nothing of the other side's; the respondent's counters it.
        #expect(try decide(.offer(t.lump), .claimant, t.claimant, on: d).get() == [.offer(number: 2, terms: t.lump)])
        #expect(try decide(.offer(t.lump), .respondent, t.paul, on: d).get() == [.offerRejected(number: 1), .offer(number: 2, terms: t.lump)])
        #expect(decide(.answerOffer(number: 1, accept: true), .claimant, t.claimant, on: d) == .failure(Refusal(.caseMovedOn)))
        #expect(decide(.answerOffer(number: 7, accept: true), .respondent, t.paul, on: d) == .failure(Refusal(.caseMovedOn)))
        #expect(try decide(.answerOffer(number: 1, accept: true), .respondent, t.paul, on: d).get() == [.offerAccepted(number: 1)])
    }

    @Test func anInvitationIsAnsweredOnceAndInTime() throws {
        let d = t.submitted()
        #expect(try decide(.answerInvitation(accept: true, fromAccountEmail: "other@example.com"), .respondent, t.paul, on: d).get()
                == [.answeredByAnotherAccount(respondent: "R1", accountEmail: "other@example.com"), .accepted(respondent: "R1")])
        #expect(decide(.answerInvitation(accept: true, fromAccountEmail: nil), .respondent, t.anne, on: d) == .failure(Refusal(.caseMovedOn)))
        #expect(decide(.answerInvitation(accept: true, fromAccountEmail: nil), .respondent, t.paul, on: d, at: "2026-12-08T10:00")
                == .failure(Refusal(.caseMovedOn)), "the 14 days have run out")
        d.add(t.at("2026-11-23T11:00"), .respondent, t.paul, .declined(respondent: t.paul))
        #expect(decide(.answerInvitation(accept: true, fromAccountEmail: nil), .respondent, t.paul, on: d) == .failure(Refusal(.caseMovedOn)))
        #expect(decide(.message("hello"), .claimant, t.claimant, on: d) == .failure(Refusal(.caseMovedOn)))
    }

    @Test func onlyDocketRecordsALapseAReminderOrADefaultAndOnlyOnce() throws {
        let d = t.submitted()
        #expect(decide(.recordLapse, .system, "", on: d) == .failure(Refusal(.alreadyDone)), "not lapsed yet")
        #expect(decide(.recordLapse, .claimant, t.claimant, on: d, at: "2026-12-08T10:00") == .failure(Refusal(.notPermitted)))
        #expect(try decide(.recordLapse, .system, "", on: d, at: "2026-12-08T10:00").get() == [.lapsed])
        #expect(try decide(.remind(respondent: t.paul, day: 7), .system, "", on: d, at: "2026-11-30T10:00").get()
                == [.reminded(respondent: "R1", day: 7)])
        d.add(t.at("2026-11-30T10:00"), .system, "", .reminded(respondent: t.paul, day: 7))
        #expect(decide(.remind(respondent: t.paul, day: 7), .system, "", on: d, at: "2026-11-30T11:00") == .failure(Refusal(.alreadyDone)))
    }

    @Test func theAcceptPeriodComesFromTheRuleSet() {
        let d = t.submitted()
        var rules = t.rules
        rules.odrPeriods.acceptDays = 21
        let later = OdrFold.fold(d.entries, claimant: t.claimant, rules: rules, now: t.at("2026-12-10T10:00"))
        #expect(later.acceptBy == CivilDate("2026-12-14"))
        #expect(later.can(.respondent, t.paul, .acceptInvitation))
        #expect(!t.fold(d, t.at("2026-12-10T10:00")).can(.respondent, t.paul, .acceptInvitation))
    }

    @Test func aClaimFromADisputeIsForTheBalanceOrTheWholeAmount() {
        let declined = t.submitted()
        declined.add(t.at("2026-11-23T11:00"), .respondent, t.paul, .declined(respondent: t.paul))
        let whole = OdrDecision.courtClaim(from: t.fold(declined, t.at("2026-11-24T10:00")), disputed: Money(dollars: 1200), incidentOn: nil)
        #expect(whole?.amount == Money(dollars: 1200))
        #expect(whole?.againstSignatoriesOnly == false)
        let pending = t.submitted()
        #expect(OdrDecision.courtClaim(from: t.fold(pending, t.at("2026-11-24T10:00")), disputed: nil, incidentOn: nil) == nil)
    }

    @Test func aDisputeOpenedWithIdsNamesItsPartiesByIdOnly() throws {
        let d = OdrFoldTests.Docket()
        d.add(t.invited, .claimant, "C1", .opened(respondents: [OdrParticipant(id: "R1", email: t.paul), OdrParticipant(id: "R2", email: t.anne)],
                                                   amount: Money(dollars: 1200)))
        let events = try decide(.answerInvitation(accept: true, fromAccountEmail: nil), .respondent, t.anne, on: d).get()
        #expect(events == [.accepted(respondent: "R2")], "the email the respondent came with is read as their id")
        d.add(t.at("2026-11-23T11:00"), .respondent, "R2", .accepted(respondent: "R2"))
        let s = t.fold(d, t.at("2026-11-24T10:00"))
        #expect(s.accepted == ["R2"])
        #expect(s.unanswered == ["R1"])
        #expect(s.signatories == ["C1", "R2"])
        #expect(s.email(of: "R2") == t.anne)
        #expect(s.party(for: t.claimant) == "C1")
        #expect(try decide(.offer(t.lump), .respondent, "R2", on: d).get() == [.offer(number: 1, terms: t.lump)])
    }

    @Test func aSignedAgreementIsNotWithdrawnAndAWithdrawnDisputeIsNotSealed() throws {
        let d = t.submitted()
        d.add(t.invited, .respondent, t.paul, .accepted(respondent: t.paul))
        d.add(t.invited, .claimant, t.claimant, .offer(number: 1, terms: t.lump))
        d.add(t.invited, .respondent, t.paul, .offerAccepted(number: 1))
        d.add(t.invited, .claimant, t.claimant, .signed(name: "Marie Tremblay", address: "127.0.0.1"))
        // Before the last signature either side may still withdraw.
        #expect(try decide(.withdraw, .respondent, t.paul, on: d).get() == [.withdrawn])
        d.add(t.invited, .respondent, t.paul, .signed(name: "Paul Roy", address: "127.0.0.1"))
        #expect(decide(.withdraw, .respondent, t.paul, on: d) == .failure(Refusal(.caseMovedOn)))
        #expect(try decide(.sealAgreement(sha256: "ab"), .system, "", on: d).get() == [.agreementSealed(sha256: "ab")])
        // A withdrawal recorded first (as by a page that raced the last signature) stands.
        d.add(t.invited, .claimant, t.claimant, .withdrawn)
        #expect(decide(.sealAgreement(sha256: "ab"), .system, "", on: d) == .failure(Refusal(.alreadyDone)))
    }

    @Test func onlyTheClaimantOpensADisputeAndOnlyOnce() throws {
        let empty = OdrFoldTests.Docket()
        let open = OdrCommand.open(respondentEmails: [t.paul, t.anne], amount: Money(dollars: 1200))
        #expect(try decide(open, .claimant, t.claimant, on: empty).get()
                == [.opened(respondents: [OdrParticipant(id: "R1", email: t.paul), OdrParticipant(id: "R2", email: t.anne)], amount: Money(dollars: 1200))])
        #expect(decide(open, .respondent, t.paul, on: empty) == .failure(Refusal(.notPermitted)))
        #expect(decide(.open(respondentEmails: [], amount: Money(dollars: 1)), .claimant, t.claimant, on: empty) == .failure(Refusal(.incomplete)))
        #expect(decide(open, .claimant, t.claimant, on: t.submitted()) == .failure(Refusal(.alreadyDone)))
    }
}
