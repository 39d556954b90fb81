import DocketCore
import DocketDocuments
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct ClaimFilingTests {
    @Test func aCompleteClaimIsIssuedSealedAndEmailed() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let (b, path) = try await filerWithClaim(app)
            let tasks = try await b.get(path)
            #expect(tasks.body.contains("Not started"))
            try await b.fillClaim(path)
            let ready = try await b.get(path)
            #expect(ready.body.contains("Complete"))
            #expect(!ready.body.contains("This claim is incomplete"))

            let check = try await b.get(path + "/check")
            #expect(check.body.contains("Renovations Lavoie Inc."))
            #expect(check.body.contains("$7,500.00"))
            let fee = try await b.post(path + "/check", [:])
            #expect(fee.location == path + "/fee")
            let feePage = try await b.get(path + "/fee")
            #expect(feePage.body.contains("$108.00"))

            let submitted = try await b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"])
            #expect(submitted.location == path + "?submitted=1")
            let claim = try await filed(app, path)
            #expect(claim.filingStatus == "issued")
            #expect(claim.fileNumber == "TOR47-SC-26-000001")
            #expect(claim.issuedOn == CivilDate("2026-11-23"))
            #expect(claim.fee == Money(cents: 10800))
            #expect(claim.paymentReference?.hasPrefix("PAY-20261123-") == true)

            let shown = try await b.get(path + "?submitted=1")
            #expect(shown.body.contains("TOR47-SC-26-000001"))
            #expect(shown.body.contains("November 23, 2026"))
            #expect(shown.body.contains("Claim issued, court file number"))

            // The sealed PDF: served to the filer, verifiable, and one changed byte fails.
            let pdf = try await b.get(path + "/claim.pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers.contentType?.subType == "pdf")
            let stored = try #require(try await SealedDocumentRecord.query(on: app.db).filter(\.$reference == claim.fileNumber!).first())
            let file = try #require(FileManager.default.contents(atPath: app.docket.settings.dataDirectory + "/" + stored.path))
            #expect(CourtSeal.digest(file) == claim.sealedSHA256)
            #expect(pdf.body.hasPrefix("%PDF-1.7"))
            let outcome = try await SealedDocuments.verify(sha256: CourtSeal.digest(file), document: file, app: app, on: app.db)
            #expect(outcome == .issued(title: "Plaintiff's Claim", reference: claim.fileNumber!, sealedAt: stored.sealedAt))
            var tampered = file
            tampered[tampered.count / 2] ^= 0x01
            let refused = try await SealedDocuments.verify(sha256: CourtSeal.digest(tampered), document: tampered, app: app, on: app.db)
            #expect(refused == .notIssued)

            // The docket: submitted (parties with ids), fee, issued and sealed by Docket, hash-chained.
            let records = try await CaseDocket.records(of: claimID(path), on: app.db)
            let events = try records.map { try $0.courtEntry().event }
            #expect(events.first == .claimFiled(ClaimFiled(
                office: office, plaintiffs: [CaseParty(id: "P1", name: "Marie Tremblay")],
                defendants: [CaseParty(id: "D1", name: "Renovations Lavoie Inc.")], liquidated: false,
                amount: Money(dollars: 7500), filingYear: 2026)))
            #expect(Array(events.dropFirst()) == [
                .feePaid(amount: Money(dollars: 108), reference: claim.paymentReference!),
                .claimIssued(fileNumber: claim.fileNumber!, on: CivilDate("2026-11-23")!),
                .claimSealed(sha256: claim.sealedSHA256!)])
            #expect(records.map(\.byRole) == ["plaintiff", "plaintiff", "system", "system"])
            #expect(records.map(\.party) == ["P1", "P1", nil, nil])
            #expect(CaseDocket.chainIsIntact(records))
            records[1].event = records[1].event.replacingOccurrences(of: "108", with: "10")
            #expect(!CaseDocket.chainIsIntact(records))

            // The email carries the issued claim.
            try await app.mailWorker.runOnce(now: app.docket.clock.now())
            let sent = try #require(mail.messages.first { $0.subject.contains(claim.fileNumber!) })
            #expect(sent.to == "marie@example.com")
            #expect(sent.attachments.count == 1)
            #expect(sent.attachments.first?.0.filename == "TOR47-SC-26-000001.pdf")
            #expect(sent.attachments.first?.1 == file)

            // Transactions list it with its documents; My account no longer shows it as a draft.
            let transactions = try await b.get("/account/transactions")
            #expect(transactions.body.contains("TOR47-SC-26-000001"))
            #expect(transactions.body.contains("Issued claim (PDF)"))
            #expect(transactions.body.contains("Invoice 1042"))
            let account = try await b.get("/account")
            #expect(account.body.contains("Filings submitted: 1"))
            #expect(!account.body.contains("Claim against Renovations"))
        }
    }

    @Test func drafts_areListedSurviveTheIdleSignOutAndCanBeDeleted() async throws {
        try await withDocket { app, clock in
            let (b, path) = try await filerWithClaim(app)
            try await b.get(path + "/defendants/new")
            try await b.expectRedirect(b.post(path + "/defendants/new", [
                "partyKind": "individual", "firstName": "Paul", "lastName": "Roy", "address": "9 King Street",
                "city": "Toronto", "province": "ON", "postalCode": "M5H 1A1"]))
            clock.advance(by: 16 * 60)
            let expired = try await b.get(path)
            #expect(expired.status == .seeOther)
            #expect(expired.location?.hasPrefix("/sign-in") == true)
            try await b.signIn("marie.t", "river-lantern-orbit")
            let account = try await b.get("/account")
            #expect(account.body.contains("Claim against Paul Roy"))
            #expect(account.body.contains(path))
            let tasks = try await b.get(path)
            #expect(tasks.body.contains("Incomplete"))
            #expect(tasks.body.contains("href=\"\(path)/office\""))
            #expect(tasks.body.contains("Choose the court office"))

            let deleted = try await b.post(path + "/delete", [:])
            #expect(deleted.location == "/account?deleted=1")
            #expect(try await ClaimRecord.find(claimID(path), on: app.db) == nil)
            #expect(try await b.get(path).status == .notFound)
        }
    }

    @Test func anIncompleteClaimCannotBeConfirmedOrSubmitted() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            let check = try await b.get(path + "/check")
            #expect(check.body.contains("Add at least one defendant"))
            #expect(check.body.contains("href=\"\(path)/defendants\""))
            #expect(!check.body.contains("Confirm and continue"))
            let confirm = try await b.post(path + "/check", [:])
            #expect(confirm.location == path + "/check")
            #expect(try await claimRecord(app, path).draft.answersChecked == false)
            let fee = try await b.get(path + "/fee")
            #expect(fee.location == path + "/check")
            let submit = try await b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"])
            #expect(submit.status == .seeOther)
            #expect(try await claimRecord(app, path).claimStatus == .draft)
        }
    }

    @Test func aChangeAfterCheckingMeansCheckingAgain() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.get(path + "/check")
            try await b.expectRedirect(b.post(path + "/check", [:]))
            #expect(try await claimRecord(app, path).draft.status(of: .check) == .completed)
            try await b.get(path + "/claim/new")
            try await b.expectRedirect(b.post(path + "/claim/new", ["reason": "Late fee", "amount": "50"]))
            #expect(try await claimRecord(app, path).draft.answersChecked == false)
            #expect(try await b.get(path + "/fee").location == path + "/check")
            let check = try await b.get(path + "/check")
            #expect(check.body.contains("$7,550.00"))
        }
    }

    @Test func courtStaffDoNotFileClaims() async throws {
        try await withDocket { app, _ in
            let clerk = try await signedInClerk(app)
            try await clerk.get("/staff")
            #expect(try await clerk.post("/claims", [:]).status == .forbidden)
            #expect(try await clerk.get("/claims/prepared").status == .forbidden)
            #expect(try await clerk.post("/odr", [:]).status == .forbidden)
            #expect(try await OdrCaseRecord.query(on: app.db).count() == 0)
            #expect(try await ClaimRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func overTheLimitWithoutAWaiverIsRefusedAndWithOneIsIssued() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path, amount: "60,000.00")
            let tasks = try await b.get(path)
            #expect(tasks.body.contains("Small Claims Court can only hear claims up to $50,000.00"))
            // Check your answers lists what must change, linked to the field, and offers no "Confirm".
            let check = try await b.get(path + "/check")
            #expect(check.body.contains("href=\"\(path)/interest#waivesExcess\""))
            #expect(!check.body.contains("Confirm and continue"))
            try await b.post(path + "/check", [:])
            #expect(try await claimRecord(app, path).draft.answersChecked == false)
            let refused = try await b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"])
            #expect(refused.location == path + "/check")
            #expect(try await claimRecord(app, path).claimStatus == .draft)
            #expect(try await claimRecord(app, path).draft.feeChoice == nil)
            #expect(!(try await b.get(path).body.contains("I give up any part of my claim over the limit")))
            let interest = try await b.get(path + "/interest")
            #expect(interest.body.contains("I give up any part of my claim over $50,000.00"))

            try await b.get(path + "/interest")
            try await b.expectRedirect(b.post(path + "/interest", ["interestBasis": "none", "waivesExcess": "on"]))
            #expect(try await b.get(path).body.contains("You are giving up the part of your claim over $50,000.00"))
            let issued = try await b.submitClaim(path)
            #expect(issued.status == .seeOther)
            #expect(try await filed(app, path).filingStatus == "issued")
        }
    }

    @Test func aRefusalAtSubmissionNamesTheFieldAndLinksToIt() async throws {
        try await withDocket { app, clock in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.get(path + "/check")
            try await b.expectRedirect(b.post(path + "/check", [:]))
            // Two years pass between checking the answers and paying: the limitation period has run.
            clock.advance(by: 2 * 366 * 86_400)
            try await b.signIn("marie.t", "river-lantern-orbit")
            try await b.get(path + "/fee")
            let refused = try await b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("href=\"\(path)/story#incidentOn\""))
            #expect(refused.body.contains("You cannot file this claim now"))
            #expect(try await claimRecord(app, path).claimStatus == .draft)
            let tasks = try await b.get(path)
            let fee = app.docket.catalogue.text("claim.section.fee", .en)
            #expect(tasks.body.contains("/fee\">\(fee)</a> <strong class=\"tag tag-"))
            #expect(!tasks.body.contains("/fee\">\(fee)</a> <strong class=\"tag tag-completed\""))
            #expect(try await claimRecord(app, path).draft.feeChoice == nil)
        }
    }

    @Test func aNewClaimOpensWithoutProblemsAndAStrayRateIsRefused() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            let tasks = try await b.get(path)
            #expect(!tasks.body.contains("finding-blocking"))
            let interest = try await b.get(path + "/interest")
            #expect(interest.body.contains("Contract rate, percent a year</label>"))
            #expect(!interest.body.contains("Contract rate, percent a year (optional)"))
            let stray = try await b.post(path + "/interest", ["interestBasis": "none", "interestRate": "40"])
            #expect(stray.status == .unprocessableEntity)
            #expect(stray.body.contains("You entered a contract rate"))
            let missing = try await b.post(path + "/interest", ["interestBasis": "contract", "interestFrom": "2026-01-01"])
            #expect(missing.status == .unprocessableEntity)
            #expect(try await claimRecord(app, path).draft.interest == nil)
        }
    }

    @Test func everySectionRefusesBadInputAndSavesNothing() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            let cases: [(String, [String: String], String)] = [
                ("/office", ["officeCode": "nowhere", "venue": ""], "Choose the court office from the list."),
                ("/plaintiffs/new", ["partyKind": "individual", "city": "Ottawa"], "Enter the party&#39;s first name."),
                ("/defendants/new", ["partyKind": "business", "address": "1 Bay St", "city": "Toronto", "postalCode": "ZZZ"], "Enter the business&#39;s full legal name."),
                ("/representative", ["filingForClient": "yes"], "Enter the representative&#39;s name."),
                ("/claim/new", ["reason": "Work", "amount": "-5"], "Enter an amount in dollars greater than zero"),
                ("/interest", ["interestBasis": "contract", "interestRate": "abc"], "Enter the contract rate as a percentage"),
                ("/story", ["summary": "", "incidentOn": "2027-01-01"], "This date cannot be after today."),
                ("/timeline/new", ["eventOn": "not a date", "eventText": "x"], "Enter a date like 2026-03-15."),
            ]
            for (step, form, message) in cases {
                try await b.get(path + step)
                let page = try await b.post(path + step, form)
                #expect(page.status == .unprocessableEntity, "\(step)")
                #expect(page.body.contains(message), "\(step): \(message)")
                #expect(page.body.contains("error-summary"), "\(step)")
            }
            #expect(try await claimRecord(app, path).draft == ClaimDraft())
        }
    }

    @Test func forgedTokensOutsidersAndStaffAreRefused() async throws {
        try await withDocket { app, _ in
            let owner = Browser(app)
            try await owner.register()
            let path = try await owner.startClaim()
            try await owner.get(path + "/office")
            let forged = try await owner.post(path + "/office", ["officeCode": office, "venue": "cause-arose"], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(try await claimRecord(app, path).draft.officeCode == nil)

            let other = Browser(app)
            try await other.register(registration("paul.r", email: "paul@example.com"))
            #expect(try await other.get(path).status == .notFound)
            #expect(try await other.get(path + "/office").status == .notFound)
            try await other.get("/account")
            #expect(try await other.post(path + "/office", ["officeCode": office, "venue": "cause-arose"]).status == .notFound)
            #expect(try await other.post(path + "/delete", [:]).status == .notFound)
            #expect(try await other.get(path + "/claim.pdf").status == .notFound)
            #expect(try await claimRecord(app, path).draft.officeCode == nil)

            let anonymous = Browser(app)
            #expect(try await anonymous.get(path).location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func aSubmittedClaimCannotBeChanged() async throws {
        try await withDocket { app, _ in
            CapturedLogs.bootstrap()
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.expectRedirect(b.submitClaim(path))
            let before = try await claimRecord(app, path).content
            for (step, form) in [("/office", ["officeCode": office, "venue": "cause-arose"]), ("/claim/new", ["reason": "More", "amount": "5"]),
                                 ("/defendants/0/remove", [:]), ("/delete", [:]), ("/check", [:])] {
                let page = try await b.post(path + step, form)
                #expect(page.status == .conflict, "\(step)")
                #expect(page.body.contains("This can no longer be changed"))
                #expect(page.body.contains("<a class=\"button\" href=\"\(path)\">Back to your claim</a>"))
            }
            #expect(try await b.get(path + "/story").status == .conflict)
            let again = try await b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"])
            #expect(again.status == .conflict)
            #expect(try await claimRecord(app, path).content == before)
            #expect(try await ClaimRecord.query(on: app.db).count() == 1)
            #expect(CapturedLogs.all.contains("refused a change to a submitted claim"))
        }
    }

    @Test func uploadsAreJudgedByTheirBytesAndARefusedOneStoresNothing() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.get(path + "/documents")
            let fake = try await b.upload(path + "/documents", fields: ["documentTitle": "Contract"],
                                          file: ("file", "contract.pdf", "application/pdf", Data("just some text, not a PDF".utf8)))
            #expect(fake.status == .unprocessableEntity)
            #expect(fake.body.contains("error-summary"))
            var big = invoicePDF()
            big.append(Data(count: UploadCheck.maxBytes + 1 - big.count))
            let oversized = try await b.upload(path + "/documents", fields: ["documentTitle": "Scan"],
                                               file: ("file", "scan.pdf", "application/pdf", big))
            #expect(oversized.status == .unprocessableEntity)
            let uploads = app.docket.settings.dataDirectory + "/uploads"
            #expect((try? FileManager.default.contentsOfDirectory(atPath: uploads))?.isEmpty ?? true)
            #expect(try await claimRecord(app, path).draft.documents.isEmpty)

            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(count: 64)
            try await b.expectRedirect(b.upload(path + "/documents", fields: ["documentTitle": "Photo of the kitchen"],
                                                file: ("file", "kitchen.pdf", "application/pdf", png)))
            let doc = try #require(try await claimRecord(app, path).draft.documents.first)
            #expect(doc.contentType == "image/png")
            #expect(doc.reference == "uploads/\(doc.sha256!.prefix(2))/\(doc.sha256!).png")
            let served = try await b.get(path + "/documents/0")
            #expect(served.status == .ok)
            #expect(served.headers.first(name: .contentType) == "image/png")
        }
    }

    @Test func partiesStartFromTheAccountAndAreNamedInCheckYourAnswers() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            let plaintiff = try await b.get(path + "/plaintiffs/new")
            #expect(plaintiff.body.contains("value=\"Tremblay\""))
            #expect(plaintiff.body.contains("value=\"1 Main Street\""))
            #expect(plaintiff.body.contains("value=\"marie@example.com\""))
            let defendant = try await b.get(path + "/defendants/new")
            #expect(!defendant.body.contains("value=\"Tremblay\""))
            let representative = try await b.get(path + "/representative")
            #expect(!representative.body.contains("value=\"Marie Tremblay\""))
            try await b.fillClaim(path)
            let check = try await b.get(path + "/check")
            #expect(check.body.contains("<span class=\"visually-hidden\"> plaintiff Marie Tremblay</span>"))
            #expect(check.body.contains("<span class=\"visually-hidden\"> defendant Renovations Lavoie Inc.</span>"))
            #expect(check.body.contains("Defendant 1"))
        }
    }

    @Test func theFeePageCountsInWordsAndLeadsBack() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            let first = try await b.startClaim()
            try await b.fillClaim(first)
            try await b.expectRedirect(b.submitClaim(first))
            let path = try await b.startClaim()
            try await b.fillClaim(path)
            try await b.get(path + "/check")
            try await b.post(path + "/check", [:])
            let fee = try await b.get(path + "/fee")
            #expect(fee.body.contains("you have filed 1 claim at this office in 2026"))
            #expect(fee.body.contains("<a class=\"back-link\" href=\"\(path)/check\">"))
        }
    }

    @Test func theEleventhClaimAtAnOfficeInAYearPaysTheFrequentFee() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            for _ in 0..<10 {
                let prior = try await storeDraft(completeDraft(), for: account, on: app.db)
                _ = try await ClaimFiling.submit(claimID: prior.id!, account: account, app: app, logger: app.logger)
            }
            let path = try await b.startClaim()
            try await b.fillClaim(path)
            try await b.get(path + "/check")
            try await b.post(path + "/check", [:])
            let fee = try await b.get(path + "/fee")
            #expect(fee.body.contains("$228.00"))
            try await b.expectRedirect(b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"]))
            #expect(try await filed(app, path).fee == Money(cents: 22800))
        }
    }

    @Test func aFeeWaiverIsCheckedAgainstTheRegulation() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            let waiver = ["feeChoice": "waiver", "primaryIncome": "employment", "householdSize": "1",
                          "grossIncome": "90,000", "liquidAssets": "100", "netWorth": "100"]
            let refused = try await b.submitClaim(path, fee: waiver)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("the clerk cannot waive the fee"))
            let incomplete = try await b.post(path + "/fee", ["feeChoice": "waiver", "declaration": "on"])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.contains("main source of income"))
            #expect(try await claimRecord(app, path).claimStatus == .draft)

            let granted = try await b.post(path + "/fee", waiver.merging(["primaryIncome": "social-assistance", "declaration": "on"]) { $1 })
            #expect(granted.status == .seeOther)
            let claim = try await filed(app, path)
            #expect(claim.filingStatus == "issued")
            #expect(claim.fee == .zero)
            #expect(claim.paymentReference == nil)
            let events = try await CaseDocket.entries(of: claimID(path), on: app.db).map(\.event)
            #expect(events.contains(.feeWaiverRequested(ground: "O. Reg. 2/05, s. 2(1)(a)(i)")))
        }
    }

    /// A summary written as one 10,000-character word once took minutes to lay out while the
    /// write lock was held; now layout is linear and happens after the issue commits (the time is
    /// guarded in DocketDocumentsTests and measured by `bench/pdf-layout`).
    @Test func aLongUnbrokenSummaryIssues() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.get(path + "/story")
            try await b.expectRedirect(b.post(path + "/story", ["summary": String(repeating: "W", count: 10_000), "incidentOn": "2026-03-15"]))
            try await b.expectRedirect(b.submitClaim(path))
            let claim = try await filed(app, path)
            #expect(claim.filingStatus == "issued")
            #expect(claim.sealedSHA256 != nil)
        }
    }

    @Test func anIssueInterruptedBeforeSealingIsFinishedOnceByTheSweep() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.expectRedirect(b.submitClaim(path))
            // As if the process stopped between the issue's commit and the sealing.
            let sealed = try #require(try await filed(app, path).sealedSHA256)
            let last = try #require(try await CaseDocket.records(of: claimID(path), on: app.db).last)
            #expect(last.event.contains("claimSealed"))
            try await last.delete(on: app.db)
            try await CaseProjectionRecord.query(on: app.db).filter(\.$id == claimID(path)).set(\.$documentSHA256, to: nil).update()
            try await SealedDocumentRecord.query(on: app.db).delete()
            try await OutboxRecord.query(on: app.db).filter(\.$subject ~~ "issued").delete()
            try await Sweep.run(app: app)
            try await Sweep.run(app: app)
            #expect(try await filed(app, path).sealedSHA256 == sealed)
            #expect(try await CaseProjectionRecord.find(claimID(path), on: app.db)?.documentSHA256 == sealed)
            #expect(try await SealedDocumentRecord.query(on: app.db).count() == 1)
            #expect(try await OutboxRecord.query(on: app.db).filter(\.$subject ~~ "issued").count() == 1)
        }
    }

    @Test func frenchFilersGetAFrenchClaim() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let b = Browser(app)
            try await b.register()
            try await b.get("/account?lang=fr")
            let path = try await b.startClaim()
            try await b.fillClaim(path, amount: "1 250,50")
            let tasks = try await b.get(path)
            #expect(tasks.body.contains("Votre demande"))
            try await b.expectRedirect(b.submitClaim(path))
            let shown = try await b.get(path)
            #expect(shown.body.contains("23 novembre 2026"))
            #expect(shown.body.contains("250,50"))
            #expect(shown.body.contains("Cour des petites créances de Toronto"))
            try await app.mailWorker.runOnce(now: app.docket.clock.now())
            let issued = try #require(mail.messages.first { $0.subject.hasPrefix("Votre demande a été délivrée") })
            #expect(issued.text.contains("Cour des petites créances de Toronto"))
            let pdf = try #require(issued.attachments.first?.1)
            let text = pdfText(pdf)
            #expect(text.contains("Cour des petites créances de Toronto"))
            #expect(text.contains("47 Sheppard Avenue East, Toronto ON M2N 5N1"))
            #expect(text.contains("TOR47-SC-26-000001"))
            #expect(text.contains("http://127.0.0.1:8080/verify"))
        }
    }

    @Test func officesAreNamedInThePagesLanguageAndToldApartByStreet() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            let english = try await b.get(path + "/office")
            #expect(english.body.contains("Peterborough Courthouse — 470 Water St., Peterborough"))
            #expect(english.body.contains("Peterborough Courthouse — 70 Simcoe St., Peterborough"))
            let french = try await b.get(path + "/office?lang=fr")
            #expect(french.body.contains("Cour des petites créances de Toronto — 47 Sheppard Avenue East, Toronto"))
            #expect(french.body.contains("Cour des petites créances d&#39;Ottawa") || french.body.contains("Cour des petites créances d'Ottawa"))
            let offices = try await Browser(app).get("/court-offices")
            #expect(offices.body.contains("Toronto ON M2N 5N1"))
        }
    }

    @Test(arguments: ["en", "fr"])
    func everyClaimPageIsCompleteInBothLanguages(language: String) async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            try await b.get("/account?lang=\(language)")
            let path = try await b.startClaim()
            try await b.fillClaim(path)
            let marker = try Regex(#"\[[a-z]+\.[A-Za-z0-9.\-]+\]"#)
            func visit(_ page: String) async throws {
                let shown = try await b.get(page)
                #expect(shown.status == .ok, "\(page)")
                #expect(shown.body.firstMatch(of: marker) == nil, "\(page): \(shown.body.firstMatch(of: marker).map { String(shown.body[$0.range]) } ?? "")")
                #expect(shown.body.contains("lang=\"\(language)\""), "\(page)")
            }
            for step in ["", "/office", "/plaintiffs", "/plaintiffs/new", "/plaintiffs/0", "/defendants", "/defendants/0",
                         "/representative", "/claim", "/claim/new", "/interest", "/story", "/timeline", "/timeline/new",
                         "/documents", "/check"] {
                try await visit(path + step)
            }
            try await b.post(path + "/check", [:])
            try await visit(path + "/fee")
            try await b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"])
            for page in [path, "/account", "/account/transactions", "/claims/prepared"] { try await visit(page) }
        }
    }
}
