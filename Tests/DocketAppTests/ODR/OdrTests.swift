import DocketCore
import DocketDocuments
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct OdrTests {
    @Test func aDraftIsIncompleteUntilEverythingIsGivenAndFixedOnceSubmitted() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let claimant = Browser(app)
            try await claimant.register()
            try await claimant.get("/account")
            let created = try await claimant.post("/odr", [:])
            let path = String(try #require(created.location).dropLast("/details".count))
            let draft = try await claimant.get(path)
            #expect(draft.body.contains("Incomplete"))
            #expect(draft.body.contains("Add who is involved, with their email"))
            #expect(draft.body.contains("does not stop the limitation period"))
            #expect(!draft.body.contains("Submit and send the invitations"))
            let refused = try await claimant.post(path + "/submit", [:])
            #expect(refused.status == .ok)
            #expect(try await OdrCaseRecord.find(UUID(uuidString: String(path.split(separator: "/")[1]))!, on: app.db)?.status == "draft")

            try await claimant.get(path + "/details")
            let bad = try await claimant.post(path + "/details", ["category": "x", "description": "", "amount": "-1"])
            #expect(bad.status == .unprocessableEntity)
            try await claimant.get(path)
            let me = try await claimant.post(path + "/respondents", ["respondentName": "Me", "respondentEmail": "marie@example.com"])
            #expect(me.status == .unprocessableEntity)
            #expect(me.body.contains("not yours"))

            let full = try await claimant.openDispute()
            let ready = try await claimant.get(full)
            // Two years from 2026-10-01 is Sunday 2028-10-01; the rules core moves it to the Monday.
            #expect(ready.body.contains("The two-year limitation period for a court claim ends on October 2, 2028."))
            let submitted = try await claimant.post(full + "/submit", [:])
            #expect(submitted.location == full + "?submitted=1")
            let shown = try await claimant.get(full)
            #expect(shown.body.contains("Pending"))
            #expect(shown.body.contains("December 7, 2026"))

            for (step, form) in [("/details", ["category": "rent", "description": "x", "amount": "5"]),
                                 ("/respondents", ["respondentName": "Anne", "respondentEmail": "anne@example.com"]),
                                 ("/submit", [:]), ("/delete", [:])] {
                #expect(try await claimant.post(full + step, form).status == .conflict, "\(step)")
            }
            #expect(try await claimant.get(full + "/details").status == .conflict)
            let copy = try await claimant.post(full + "/copy", [:])
            let copied = try #require(copy.location)
            #expect(copied != full)
            #expect(try await claimant.get(copied).body.contains("paul@example.com"))

            try await app.mailWorker.runOnce(now: app.docket.clock.now())
            let invitation = try #require(mail.messages.first { $0.to == "paul@example.com" })
            #expect(invitation.subject == "Marie Tremblay invites you to settle a dispute online — Marie Tremblay and Paul Roy, $1,200.00")
            #expect(invitation.text.contains("This is about the online dispute between Marie Tremblay and Paul Roy over $1,200.00 (Goods or services"))
            #expect(invitation.text.contains("A sofa was paid for and never delivered."))
            #expect(invitation.text.contains("$1,200.00"))
            #expect(invitation.text.contains("December 7, 2026"))
            let token = String(try #require(invitation.text.split(separator: "\n").first { $0.contains("/odr/invitations/") }).split(separator: "/").last!)
            #expect(token.count >= 43)
            let stored = try #require(try await OdrInvitationRecord.query(on: app.db).first())
            #expect(stored.tokenHash == Tokens.sha256(token))
            #expect(stored.tokenHash != token)
        }
    }

    @Test func anInvitationIsAcceptedOnceAndOnlyWithinFourteenDays() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, clock in
            let claimant = Browser(app)
            try await claimant.register()
            let path = try await claimant.openDispute(respondents: [("Paul Roy", "paul@example.com"), ("Anne Roy", "anne@example.com")])
            try await claimant.get(path)
            try await claimant.post(path + "/submit", [:])
            let paulLink = try await invitationPath(mail, to: "paul@example.com", app: app)
            let anneLink = try await invitationPath(mail, to: "anne@example.com", app: app)

            let stranger = Browser(app)
            let anonymous = try await stranger.get(paulLink)
            #expect(anonymous.status == .ok)
            #expect(anonymous.body.contains("sign in, or create an account"))
            #expect(anonymous.body.contains("/register?next=%2Fodr%2Finvitations%2F"))
            #expect(try await stranger.get("/odr/invitations/not-a-token").status == .notFound)
            #expect(try await claimant.post(paulLink + "/accept", [:]).status == .forbidden)
            let own = try await claimant.get(paulLink)
            #expect(own.body.contains("This invitation is for the other party"))
            #expect(!own.body.contains("/accept\""))

            let paul = try await respondentAccepts(app, mail)
            #expect(try await paul.get(path).body.contains("Active"))
            #expect(try await paul.post(path + "/messages", ["message": "forged"], csrf: "forged").status == .forbidden)
            #expect(try await OdrCases.entries(UUID(uuidString: String(path.split(separator: "/")[1]))!, on: app.db)
                .allSatisfy { $0.event != .message(text: "forged") })
            let again = try await paul.post(paulLink + "/accept", [:])
            #expect(again.status == .gone)
            #expect(try await paul.get(paulLink).body.contains("already been answered"))
            #expect(try await claimant.get(path).body.contains("Paul Roy: taking part"))

            let outsider = Browser(app)
            try await outsider.get("/register?next=//evil.example/x")
            let welcomed = try await outsider.post("/register", registration("eve.x", email: "eve@example.com").merging(["next": "//evil.example/x"]) { $1 })
            #expect(welcomed.location == "/account?welcome=1")
            #expect(try await outsider.get(path).status == .notFound)
            #expect(try await outsider.post(path + "/messages", ["message": "hi"]).status == .notFound)

            clock.advance(by: 15 * 86_400)
            let anne = Browser(app)
            try await anne.get("/register?next=" + anneLink)
            let registered = try await anne.post("/register", registration("anne.r", email: "anne@example.com").merging(["next": anneLink]) { $1 })
            #expect(registered.location == anneLink)
            let late = try await anne.get(anneLink)
            #expect(late.status == .gone)
            #expect(late.body.contains("expired"))
            #expect(try await anne.post(anneLink + "/accept", [:]).status == .gone)
            #expect(try await anne.get(path).status == .notFound)
        }
    }

    @Test func messagesEvidenceAndOffersLeadToASealedAgreement() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, clock in
            let (claimant, path) = try await submittedDispute(app)
            let paul = try await respondentAccepts(app, mail)

            // Signing before an offer is accepted is refused.
            try await claimant.get(path)
            #expect(try await claimant.post(path + "/agreement", ["signatureName": "Marie Tremblay", "signatureConfirm": "on"]).status == .conflict)

            let before = mail.messages.count
            try await app.mailWorker.runOnce(now: clock.now())
            try await claimant.post(path + "/messages", ["message": "<script>alert(1)</script> Please pay."])
            try await claimant.post(path + "/messages", ["message": "Second message."])
            let thread = try await paul.get(path)
            #expect(thread.body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Please pay."))
            #expect(!thread.body.contains("<script>alert(1)"))
            let long = try await paul.post(path + "/messages", ["message": String(repeating: "x", count: 5_001)])
            #expect(long.status == .unprocessableEntity)
            try await app.mailWorker.runOnce(now: clock.now())
            #expect(mail.messages.dropFirst(before).filter { $0.to == "paul@example.com" && $0.subject.hasPrefix("New activity in your online dispute — ") }.count == 1)
            // Paul's reply within the hour still reaches Marie: the limit is per recipient.
            try await paul.get(path)
            try await paul.post(path + "/messages", ["message": "I will pay."])
            try await paul.post(path + "/messages", ["message": "Soon."])
            try await app.mailWorker.runOnce(now: clock.now())
            #expect(mail.messages.dropFirst(before).filter { $0.to == "marie@example.com" && $0.subject.hasPrefix("New activity in your online dispute — ") }.count == 1)

            try await paul.get(path)
            let fake = try await paul.upload(path + "/evidence", fields: ["documentTitle": "Receipt"],
                                             file: ("file", "receipt.pdf", "application/pdf", Data("not a pdf".utf8)))
            #expect(fake.status == .unprocessableEntity)
            try await paul.expectRedirect(paul.upload(path + "/evidence", fields: ["documentTitle": "Delivery receipt"],
                                                      file: ("file", "receipt.pdf", "application/pdf", invoicePDF("Receipt"))))
            #expect(try await claimant.get(path + "/evidence/0").status == .ok)

            try await claimant.get(path + "/offer")
            let badOffer = try await claimant.post(path + "/offer", ["offerAmount": "1200", "paymentMethod": "e-transfer", "plan": "lump-sum", "payBy": "2020-01-01"])
            #expect(badOffer.status == .unprocessableEntity)
            try await claimant.expectRedirect(claimant.post(path + "/offer", ["offerAmount": "1200", "paymentMethod": "e-transfer", "plan": "lump-sum", "payBy": "2026-12-15",
                                                                              "balanceDueOnDefault": "on", "claimOnDefault": "on"]))
            #expect(try await claimant.post(path + "/offers/1/accept", [:]).status == .conflict)
            try await paul.get(path + "/offer")
            try await paul.expectRedirect(paul.post(path + "/offer", ["offerAmount": "1000", "paymentMethod": "e-transfer", "plan": "instalments", "instalment": "250",
                                                                      "frequency": "monthly", "firstPayment": "2026-12-25",
                                                                      "claimOnDefault": "on", "defaultInterest": "5"]))
            // Deciding shows every term, and accepting asks for confirmation on a page that repeats them.
            let open = try await claimant.get(path)
            #expect(open.body.contains("Made without admission of liability."))
            #expect(open.body.contains("Interest runs on the unpaid balance at the yearly rate of 5.00 %"))
            #expect(open.body.contains("href=\"\(path)/offers/2/accept\""))
            let confirm = try await claimant.get(path + "/offers/2/accept")
            #expect(confirm.body.contains("Accept this offer?"))
            #expect(confirm.body.contains("$1,000.00"))
            #expect(confirm.body.contains("Interac e-Transfer"))
            #expect(confirm.body.contains("The claimant may file a claim in court for the unpaid balance."))
            #expect(try await paul.get(path + "/offers/2/accept").status == .conflict)
            try await claimant.expectRedirect(claimant.post(path + "/offers/2/accept", [:]))
            #expect(try await paul.post(path + "/offers/2/accept", [:]).status == .conflict)
            try await claimant.get(path)
            #expect(try await claimant.post(path + "/offer", ["offerAmount": "900", "paymentMethod": "e-transfer", "plan": "lump-sum", "payBy": "2026-12-15"]).status == .conflict)

            let agreement = try await claimant.get(path + "/agreement")
            #expect(agreement.body.contains("December 29, 2026"))   // the 25th is Christmas: pay by the next business day
            let unsigned = try await claimant.post(path + "/agreement", ["signatureName": "Marie Tremblay"])
            #expect(unsigned.status == .unprocessableEntity)
            try await claimant.expectRedirect(claimant.post(path + "/agreement", ["signatureName": "Marie Tremblay", "signatureConfirm": "on"]))
            #expect(try await claimant.post(path + "/agreement", ["signatureName": "Marie Tremblay", "signatureConfirm": "on"]).status == .conflict)
            try await paul.get(path + "/agreement")
            try await paul.expectRedirect(paul.post(path + "/agreement", ["signatureName": "Paul Roy", "signatureConfirm": "on"]))

            let id = UUID(uuidString: String(path.split(separator: "/")[1]))!
            let entries = try await OdrCases.entries(id, on: app.db)
            guard case let .agreementSealed(sha) = try #require(entries.last).event else { Issue.record("not sealed"); return }
            let pdf = try await claimant.get(path + "/agreement.pdf")
            #expect(pdf.status == .ok)
            let sealed = try #require(try await SealedDocumentRecord.query(on: app.db).filter(\.$sha256 == sha).first())
            let file = try #require(FileManager.default.contents(atPath: app.docket.settings.dataDirectory + "/" + sealed.path))
            // The agreement is Docket's record of what the parties signed, never a court document.
            guard case let .agreement(reference, signedBy, _) = try await SealedDocuments.verify(sha256: sha, document: file, app: app, on: app.db)
            else { Issue.record("not verified as an agreement"); return }
            #expect(reference.hasPrefix("ODR-"))
            #expect(signedBy == "Marie Tremblay & Paul Roy")
            #expect(!CourtSeal.verify(file, CourtSeal.Signature(sha256: sealed.sha256, signature: sealed.signature), publicKey: app.docket.seal.publicKey))
            let text = pdfText(file)
            for court in ["Superior Court", "Small Claims Court", "seal of the court", "court file number"] {
                #expect(!text.localizedCaseInsensitiveContains(court), "\(court)")
            }
            #expect(text.contains("It is not a court document"))
            #expect(text.contains("without admission of liability"))
            #expect(text.contains("Paul Roy will pay Marie Tremblay the sum of $1,000.00, by Interac e-Transfer, as follows:"))
            #expect(text.contains("1 Main Street, Ottawa ON K2P 2K1"))
            #expect(!text.contains("marie@example.com") && !text.contains("paul@example.com"))
            let checker = Browser(app)
            try await checker.get("/verify")
            let checked = try await checker.post("/verify", ["sha256": sha])
            #expect(checked.body.contains("A settlement agreement recorded by Docket, not a court document"))
            #expect(checked.body.contains("signed on Docket by Marie Tremblay &amp; Paul Roy"))
            #expect(!checked.body.contains("Issued by this court"))
            try await app.mailWorker.runOnce(now: clock.now())
            let settledMail = mail.messages.filter { $0.subject.hasPrefix("Your settlement agreement is signed — ") }
            #expect(Set(settledMail.map(\.to)) == ["marie@example.com", "paul@example.com"])
            #expect(settledMail.allSatisfy { $0.attachments.first?.1 == file })
            #expect(try await claimant.get(path).body.contains("Settled"))
            #expect(CaseDocket.chainIsIntact(try await CaseDocket.records(of: id, on: app.db)))
        }
    }

    @Test func paymentsDefaultAndACourtClaimForTheBalance() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, clock in
            let (claimant, path) = try await submittedDispute(app)
            let paul = try await respondentAccepts(app, mail)
            try await paul.get(path + "/offer")
            try await paul.post(path + "/offer", ["offerAmount": "1000", "paymentMethod": "e-transfer", "plan": "instalments", "instalment": "500",
                                                  "frequency": "monthly", "firstPayment": "2026-12-01", "claimOnDefault": "on"])
            try await claimant.get(path)
            try await claimant.post(path + "/offers/1/accept", [:])
            for (b, name) in [(claimant, "Marie Tremblay"), (paul, "Paul Roy")] {
                try await b.get(path + "/agreement")
                try await b.post(path + "/agreement", ["signatureName": name, "signatureConfirm": "on"])
            }
            clock.set(CourtTime.localInstant("2026-11-30T10:00")!)
            try await claimant.signIn("marie.t", "river-lantern-orbit")
            try await paul.signIn("paul.r", "river-lantern-orbit")
            try await paul.get(path)
            try await paul.expectRedirect(paul.post(path + "/payments", ["paymentAmount": "500", "paidOn": "2026-11-30"]))
            #expect(try await paul.post(path + "/payments/1/confirm", [:]).status == .conflict)
            try await claimant.get(path)
            try await claimant.expectRedirect(claimant.post(path + "/payments/1/confirm", [:]))
            #expect(try await claimant.post(path + "/payments/1/confirm", [:]).status == .conflict)
            let paidOne = try await claimant.get(path)
            #expect(paidOne.body.contains("December 1, 2026 — $500.00 — paid"))
            #expect(paidOne.body.contains("January 4, 2027 — $500.00 — due"))
            #expect(paidOne.body.contains("Next payment by January 4, 2027"))
            // The second instalment falls due on 2027-01-01, New Year's Day (a Friday): it may be paid on Monday the 4th.
            clock.set(CourtTime.localInstant("2027-01-04T23:59")!)
            try await claimant.signIn("marie.t", "river-lantern-orbit")
            #expect(try await claimant.get(path).body.contains("Settled"))
            clock.set(CourtTime.localInstant("2027-01-05T00:00")!)
            let late = try await claimant.get(path)
            #expect(late.body.contains("In default"))
            #expect(try await OdrSweep.run(app: app).defaults == 1)
            #expect(try await OdrSweep.run(app: app).defaults == 0)
            try await app.mailWorker.runOnce(now: clock.now())
            #expect(Set(mail.messages.filter { $0.subject.hasPrefix("Settlement agreement in default — ") }.map(\.to)) == ["marie@example.com", "paul@example.com"])

            try await paul.signIn("paul.r", "river-lantern-orbit")
            try await paul.get(path)
            #expect(try await paul.post(path + "/court-claim", [:]).status == .conflict)
            try await claimant.get(path)
            let claim = try await claimant.post(path + "/court-claim", [:])
            let claimPath = try #require(claim.location)
            let record = try #require(try await ClaimRecord.find(claimID(claimPath), on: app.db))
            #expect(record.draft.rows == [ClaimRow(reason: "Unpaid balance under the settlement agreement", amount: Money(dollars: 500))])
            #expect(record.draft.defendants.map(\.name) == ["Paul Roy"])
            let defendant = try #require(record.draft.defendants.first)
            #expect(defendant.firstName == "Paul" && defendant.lastName == "Roy")
            #expect(defendant.address == "1 Main Street" && defendant.postalCode == "K2P 2K1" && defendant.email == "paul@example.com")
            #expect(record.draft.plaintiffs.first?.email == "marie@example.com")
            let agreement = try #require(record.draft.documents.first)
            let reference = try #require(agreement.reference)
            let file = try #require(app.docket.files.get(reference))
            #expect(CourtSeal.digest(file) == agreement.sha256)
            #expect(try await claimant.get(claimPath + "/documents/0").status == .ok)
        }
    }

    @Test func theSweepClosesUnansweredCasesOnceAndRemindsOnDaysSevenAndTwelve() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, clock in
            let (claimant, path) = try await submittedDispute(app)
            #expect(try await OdrSweep.run(app: app) == OdrSweep.Outcome())
            clock.advance(by: 7 * 86_400)
            #expect(try await OdrSweep.run(app: app).reminded == 1)
            #expect(try await OdrSweep.run(app: app).reminded == 0)
            clock.advance(by: 5 * 86_400)
            #expect(try await OdrSweep.run(app: app).reminded == 1)
            clock.set(CourtTime.localInstant("2026-12-07T23:59")!)
            try await claimant.signIn("marie.t", "river-lantern-orbit")
            #expect(try await claimant.get(path).body.contains("Pending"))
            let pending = try #require(try await CaseProjectionRecord.find(claimID(path), on: app.db))
            #expect(pending.kind == "odr")
            #expect(pending.stage == "pending")
            #expect(pending.waitingOn == "respondent")
            #expect(pending.nextDeadline == "2026-12-07")
            clock.set(CourtTime.localInstant("2026-12-08T00:00")!)
            #expect(try await claimant.get(path).body.contains("Closed — no response"))

            // A second application on the same database sweeps too: the closure is recorded once. On
            // PostgreSQL (several processes share one database there) the two sweep at the same moment.
            var settings = app.docket.settings
            settings.runsBackgroundWork = false
            let other = try await Application.make(.testing)
            try await configure(other, settings: settings, clock: clock, mailTransport: RecordingTransport(), migrate: false)
            let outcomes: [OdrSweep.Outcome]
            if settings.databaseURL != nil {
                async let first = OdrSweep.run(app: app)
                async let second = OdrSweep.run(app: other)
                outcomes = try await [first, second]
            } else {
                outcomes = [try await OdrSweep.run(app: app), try await OdrSweep.run(app: other)]
            }
            try await other.asyncShutdown()
            #expect(outcomes.map(\.lapsed).reduce(0, +) == 1)
            #expect(try await OdrSweep.run(app: app).lapsed == 0)
            let id = UUID(uuidString: String(path.split(separator: "/")[1]))!
            let entries = try await OdrCases.entries(id, on: app.db)
            #expect(entries.filter { $0.event == .lapsed }.count == 1)
            // What the sweep records, it records as Docket, not as either side.
            #expect(entries.filter { $0.event == .lapsed || { if case .reminded = $0 { true } else { false } }($0.event) }
                .allSatisfy { $0.side == .system && $0.party.isEmpty })
            #expect(try await CaseProjectionRecord.find(id, on: app.db)?.stage == "closed-no-response")
            #expect(entries.filter { if case .reminded = $0.event { return true } else { return false } }.map(\.event)
                    == [.reminded(respondent: "R1", day: 7), .reminded(respondent: "R1", day: 12)])
            try await app.mailWorker.runOnce(now: clock.now())
            #expect(Set(mail.messages.filter { $0.subject.hasPrefix("Online dispute closed — ") }.map(\.to)) == ["marie@example.com", "paul@example.com"])
            #expect(mail.messages.filter { $0.subject.hasPrefix("Reminder:") }.count == 2)
            #expect(try await OdrSweep.run(app: app) == OdrSweep.Outcome(), "a closed dispute is no longer swept")
        }
    }

    @Test func aPartysLawyerSeesTheCaseAndActsForThem() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let (_, path) = try await submittedDispute(app)
            let paul = try await respondentAccepts(app, mail)
            let lawyer = Browser(app)
            try await lawyer.register(registration("aisha.k", email: "aisha@example.com").merging(["kind": "representative", "lawSocietyNumber": "12345P"]) { $1 })
            #expect(try await lawyer.get(path).status == .notFound)
            let notALawyer = try await paul.post(path + "/representatives", ["representativeEmail": "marie@example.com"])
            #expect(notALawyer.status == .unprocessableEntity)
            #expect(notALawyer.body.contains("No lawyer or paralegal account uses this email"))
            try await paul.get(path)
            try await paul.expectRedirect(paul.post(path + "/representatives", ["representativeEmail": "AISHA@example.com"]))
            let seen = try await lawyer.get(path)
            #expect(seen.status == .ok)
            let lawyerAccount = try #require(try await AccountRecord.query(on: app.db).filter(\.$signInID == "aisha.k").first())
            #expect(try await CaseParticipantRecord.query(on: app.db).filter(\.$accountID == lawyerAccount.id!)
                .filter(\.$role == ParticipantRole.representative.rawValue).count() == 1)
            #expect(seen.body.contains("aisha@example.com → Paul Roy"))
            try await lawyer.expectRedirect(lawyer.post(path + "/messages", ["message": "I act for Paul Roy."]))
            let id = UUID(uuidString: String(path.split(separator: "/")[1]))!
            let entry = try #require(try await OdrCases.entries(id, on: app.db).last)
            #expect(entry.side == .respondent)
            #expect(entry.party == "R1", "the lawyer acts as Paul, named on the docket by his id in the case")
            #expect(try await lawyer.post(path + "/representatives", ["representativeEmail": "aisha@example.com"]).status == .forbidden)
            #expect(try await lawyer.post(path + "/copy", [:]).status == .notFound)
            #expect(try await lawyer.get("/account").body.contains("Marie Tremblay and Paul Roy"))
        }
    }

    @Test func eitherSideMayWithdrawAndADeclineClosesTheCase() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, clock in
            let (claimant, path) = try await submittedDispute(app)
            let paul = try await respondentAccepts(app, mail)
            try await paul.get(path)
            let confirmWithdraw = try await paul.get(path + "/withdraw")
            #expect(confirmWithdraw.body.contains("Withdraw from this case?"))
            #expect(confirmWithdraw.body.contains("action=\"\(path)/withdraw\""))
            try await paul.expectRedirect(paul.post(path + "/withdraw", [:]))
            #expect(try await paul.get(path + "/withdraw").status == .conflict)
            #expect(try await claimant.get(path).body.contains("Closed — withdrawn"))
            #expect(try await claimant.post(path + "/withdraw", [:]).status == .conflict)
            #expect(try await claimant.post(path + "/messages", ["message": "hello?"]).status == .conflict)
            try await app.mailWorker.runOnce(now: clock.now())
            #expect(Set(mail.messages.filter { $0.subject.hasPrefix("Online dispute closed — ") }.map(\.to)) == ["marie@example.com", "paul@example.com"])

            let second = try await claimant.openDispute(respondents: [("Anne Roy", "anne@example.com")])
            try await claimant.get(second)
            try await claimant.post(second + "/submit", [:])
            let link = try await invitationPath(mail, to: "anne@example.com", app: app)
            let anne = Browser(app)
            try await anne.register(registration("anne.r", email: "anne@example.com"))
            try await anne.get(link)
            #expect(try await anne.post(link + "/decline", [:]).location == "/account?declined=1")
            #expect(try await claimant.get(second).body.contains("Closed — declined"))
            #expect(try await anne.get(second).status == .notFound)
            let account = try await claimant.get("/account")
            #expect(account.body.contains("Closed — declined"))
            #expect(account.body.contains("Closed — withdrawn"))
            // The respondent is told the decline went through, and still sees the case, without a link into it.
            let acknowledged = try await anne.get("/account?declined=1")
            #expect(acknowledged.body.contains("You declined the invitation."))
            #expect(acknowledged.body.contains("Closed — declined"))
            #expect(acknowledged.body.contains("You did not take part in this case."))
            // The claimant may take the declined dispute to court, filled in from the case.
            let closedCase = try await claimant.get(second)
            #expect(closedCase.body.contains("Start a court claim"))
            let started = try await claimant.post(second + "/court-claim", [:])
            let draftPath = try #require(started.location)
            let fromCase = try #require(try await ClaimRecord.find(claimID(draftPath), on: app.db)).draft
            #expect(fromCase.defendants.map(\.email) == ["anne@example.com"])
            #expect(fromCase.total == Money(dollars: 1200))
            #expect(try await anne.post(second + "/court-claim", [:]).status == .notFound)
            #expect(!acknowledged.body.contains("href=\"\(second)\""))

            // An invitation not answered yet shows on the invited person's My account, with its last day.
            let third = try await claimant.openDispute(respondents: [("Bea Roy", "bea@example.com")])
            try await claimant.get(third)
            try await claimant.post(third + "/submit", [:])
            let bea = Browser(app)
            try await bea.register(registration("bea.r", email: "bea@example.com"))
            let waiting = try await bea.get("/account")
            #expect(waiting.body.contains("Invitation waiting"))
            #expect(waiting.body.contains("Answer by December 7, 2026, with the link in the invitation email."))

            // Changing a submitted case points to starting a new one from it.
            let refused = try await claimant.post(third + "/details", ["category": "goods-services", "description": "Changed",
                                                                       "amount": "10", "incidentOn": "2026-10-01"])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("action=\"\(third)/copy\""))
            #expect(refused.body.contains("Start a new case from this one"))
        }
    }

    @Test(arguments: ["en", "fr"])
    func everyOdrPageIsCompleteInBothLanguages(language: String) async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let claimant = Browser(app)
            try await claimant.register()
            try await claimant.get("/account?lang=\(language)")
            let path = try await claimant.openDispute()
            let marker = try Regex(#"\[[a-z]+\.[A-Za-z0-9.\-]+\]"#)
            func visit(_ b: Browser, _ page: String) async throws {
                let shown = try await b.get(page)
                #expect(shown.status == .ok, "\(page)")
                #expect(shown.body.firstMatch(of: marker) == nil, "\(page): \(shown.body.firstMatch(of: marker).map { String(shown.body[$0.range]) } ?? "")")
            }
            try await visit(claimant, path)
            try await visit(claimant, path + "/details")
            try await claimant.post(path + "/submit", [:])
            let link = try await invitationPath(mail, to: "paul@example.com", app: app)
            try await visit(Browser(app), link + "?lang=\(language)")
            let paul = try await respondentAccepts(app, mail)
            try await paul.get("/account?lang=\(language)")
            try await visit(paul, path)
            try await visit(paul, path + "/offer")
            try await paul.post(path + "/offer", ["offerAmount": "1000", "paymentMethod": "e-transfer", "plan": "lump-sum", "payBy": "2026-12-15"])
            try await visit(claimant, path)
            try await claimant.post(path + "/offers/1/accept", [:])
            try await visit(claimant, path + "/agreement")
            try await visit(claimant, "/account")
        }
    }
}

@Suite(.enabled(if: SMTPSink.available, "needs python3 with aiosmtpd (pip install aiosmtpd)"))
struct OdrMailDeliveryTests {
    @Test func invitationsAndClosuresArriveOverSMTP() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let transport = try SMTPTransport(url: "smtp://127.0.0.1:\(sink.port)")
        try await withDocket(transport: transport) { app, clock in
            let (_, path) = try await submittedDispute(app)
            try await app.mailWorker.runOnce(now: clock.now())
            let invitation = try #require(sink.messages.first { $0.contains("X-Envelope-To: paul@example.com") })
            #expect(invitation.decodedSubject == "Marie Tremblay invites you to settle a dispute online — Marie Tremblay and Paul Roy, $1,200.00")
            let text = invitation.decodedParts
            #expect(text.contains("Hello Paul Roy. Marie Tremblay has opened an online dispute resolution case with you about a claim of $1,200.00"))
            #expect(text.contains("You have until December 7, 2026 to accept."))
            #expect(text.contains(app.docket.settings.baseURL + "/odr/invitations/"))
            #expect(text.contains("does not stop the limitation period"))

            clock.set(CourtTime.localInstant("2026-12-08T00:00")!)
            try await OdrSweep.run(app: app)
            try await app.mailWorker.runOnce(now: clock.now())
            // Headers are read line by line: the raw text has CRLF line ends.
            let closed = sink.messages.filter { $0.decodedSubject.hasPrefix("Online dispute closed — Marie Tremblay and Paul Roy") }
            let recipients = closed.flatMap { $0.components(separatedBy: "\r\n").filter { $0.hasPrefix("To: ") } }
            #expect(recipients.sorted() == ["To: marie@example.com", "To: paul@example.com"])
            for message in closed {
                let text = message.decodedParts
                #expect(text.range(of: "no one accepted the invitation within 14 days") != nil)
                // The claimant opens the case; the respondent, who never joined it, finds it on My account.
                let link = message.contains("To: marie@example.com") ? path : "/account"
                #expect(text.range(of: app.docket.settings.baseURL + link) != nil)
            }
        }
    }
}
