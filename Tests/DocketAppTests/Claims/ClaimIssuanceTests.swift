import DocketCore
import DocketDocuments
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// A complete draft, ready to submit, as the sections would leave it.
func completeDraft(defendant: String = "Renovations Lavoie Inc.", underDisability: Bool = false,
                   interest: InterestClaim = InterestClaim(basis: .none)) -> ClaimDraft {
    var d = ClaimDraft()
    d.officeCode = office
    d.venue = .defendantResides
    d.plaintiffs = [ClaimParty(kind: .individual, firstName: "Marie", lastName: "Tremblay", address: "1 Main Street",
                               city: "Ottawa", postalCode: "K2P 2K1", phone: "613-555-0100")]
    d.defendants = [ClaimParty(kind: .business, businessName: defendant, address: "400 Queen Street West", city: "Toronto",
                               postalCode: "M5V 2A8", underDisability: underDisability)]
    d.filingForClient = false
    d.rows = [ClaimRow(reason: "Unpaid invoice", amount: Money(dollars: 2500))]
    d.interest = interest
    d.summary = "The defendant did not pay the invoice."
    d.incidentOn = CivilDate("2026-05-01")
    d.documentsDone = true
    d.answersChecked = true
    d.feeChoice = .pay
    return d
}

func storeDraft(_ draft: ClaimDraft, for account: AccountRecord, on db: any Database) async throws -> ClaimRecord {
    let claim = ClaimRecord(draft: draft, kind: .online, accountID: account.id!, language: "en", at: testStart)
    try await claim.create(on: db)
    return claim
}

@Suite struct ClaimIssuanceTests {
    @Test func oneHundredConcurrentSubmissionsGetConsecutiveFileNumbers() async throws {
        try await withDocket { app, _ in
            var accounts: [AccountRecord] = []
            for n in 0..<4 {
                try await Browser(app).register(registration("filer\(n)", email: "filer\(n)@example.com"))
                accounts.append(try #require(try await AccountRecord.query(on: app.db).filter(\.$signInID == "filer\(n)").first()))
            }
            var claims: [(UUID, AccountRecord)] = []
            for n in 0..<100 {
                let account = accounts[n % 4]
                claims.append((try await storeDraft(completeDraft(defendant: "Defendant \(n)"), for: account, on: app.db).id!, account))
            }
            let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
                for (id, account) in claims {
                    group.addTask { try await ClaimFiling.submit(claimID: id, account: account, app: app, logger: app.logger).fileNumber }
                }
                var all: [String] = []
                for try await number in group { all.append(try #require(number)) }
                return all
            }
            let expected = (1...100).map { String(format: "TOR47-SC-26-%06d", $0) }
            #expect(numbers.sorted() == expected)
            let issued = try await CaseProjectionRecord.query(on: app.db).filter(\.$fileNumber != nil).all()
            #expect(Set(issued.compactMap(\.fileNumber)) == Set(expected))
            // Each filer filed 25 claims at one office this year: 10 infrequent fees, then 15 frequent ones.
            for account in accounts {
                let fees = issued.filter { $0.filerAccountID == account.id }.compactMap(\.feeCents)
                #expect(fees.filter { $0 == 10800 }.count == 10)
                #expect(fees.filter { $0 == 22800 }.count == 15)
            }
        }
    }

    @Test func fileNumbersRestartEachYearAndAreSeparatePerOffice() async throws {
        try await withDocket { app, _ in
            func office(_ code: String) async throws -> CourtOfficeRecord {
                try #require(try await CourtOfficeRecord.query(on: app.db).filter(\.$code == code).first())
            }
            let toronto = try await office("toronto-47-sheppard").code, brampton = try await office("brampton-7755-hurontario").code
            let first = try await FileNumbers.next(office: toronto, year: 2026, on: app.db)
            let second = try await FileNumbers.next(office: toronto, year: 2026, on: app.db)
            let elsewhere = try await FileNumbers.next(office: brampton, year: 2026, on: app.db)
            let nextYear = try await FileNumbers.next(office: toronto, year: 2027, on: app.db)
            #expect([first, second, elsewhere, nextYear] == ["TOR47-SC-26-000001", "TOR47-SC-26-000002",
                                                             "BRA7755-SC-26-000001", "TOR47-SC-27-000001"])
        }
    }

    @Test func theDraftIsFiledAsConfirmedAndTwoTabsFileItOnce() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.get(path + "/check")
            try await b.expectRedirect(b.post(path + "/check", [:]))
            try await b.get(path + "/fee")
            #expect(try await claimRecord(app, path).draft.feeChoice == nil)
            // The fee answers are written in the same statement that moves the claim to submitted.
            try await b.expectRedirect(b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"]))
            let stored = try await claimRecord(app, path)
            #expect(stored.claimStatus == .submitted)
            #expect(stored.draft.feeChoice == .pay)
            // The same form posted again from a second tab files nothing more.
            let again = try await b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"])
            #expect(again.location?.hasSuffix("?submitted=1") != true)
            let filings = try await CaseDocket.entries(of: claimID(path), on: app.db).filter {
                if case .claimFiled = $0.event { true } else { false }
            }
            #expect(filings.count == 1)
        }
    }

    @Test func aClaimSubmittedAfterFiveIsIssuedOnTheNextBusinessDay() async throws {
        try await withDocket { app, clock in
            try await Browser(app).register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            // Friday 2026-12-24 at 17:00: Christmas and Boxing Day (a Saturday) and the weekend follow; Monday the 28th is the substitute holiday.
            clock.set(CourtTime.localInstant("2026-12-24T17:00")!)
            let claim = try await storeDraft(completeDraft(), for: account, on: app.db)
            let filed = try await ClaimFiling.submit(claimID: claim.id!, account: account, app: app, logger: app.logger)
            #expect(filed.issuedOn == CivilDate("2026-12-29"))
            #expect(filed.fileNumber == "TOR47-SC-26-000001")
        }
    }

    @Test func claimsThatNeedAClerkWaitInTheQueueAndAreIssuedOrRejectedOnce() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let filer = Browser(app)
            try await filer.register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            let minor = try await storeDraft(completeDraft(defendant: "Young Person", underDisability: true), for: account, on: app.db)
            let usurious = try await storeDraft(completeDraft(interest: InterestClaim(basis: .contract, rateBasisPoints: 3600,
                                                                                      from: CivilDate("2026-05-01"))), for: account, on: app.db)
            let atLimit = try await storeDraft(completeDraft(interest: InterestClaim(basis: .contract, rateBasisPoints: 3500,
                                                                                     from: CivilDate("2026-05-01"))), for: account, on: app.db)
            for claim in [minor, usurious, atLimit] {
                _ = try await ClaimFiling.submit(claimID: claim.id!, account: account, app: app, logger: app.logger)
            }
            let states = try await [minor, usurious, atLimit].asyncMap { try await filed(app, $0.id!) }
            #expect(states.map(\.filingStatus) == ["referred", "referred", "issued"])
            #expect(states[0].fileNumber == nil)
            let events = try await CaseDocket.entries(of: minor.id!, on: app.db).map(\.event)
            #expect(events.contains(.claimReferred(reasons: ["defendant-under-disability"])))

            // The filer cannot see the queue; a clerk can.
            #expect(try await filer.get("/staff/claims").status == .forbidden)
            let clerk = try await signedInClerk(app)
            let queue = try await clerk.get("/staff/claims")
            #expect(queue.body.contains("a defendant is under a legal disability"))
            // Each claim is named by its parties, and its office by name, not by code.
            #expect(queue.body.range(of: "<a href=\"/staff/claims/[^\"]+\">[^<]* v\\. ", options: .regularExpression) != nil)
            #expect(queue.body.contains("Toronto Small Claims Court"))
            #expect(!queue.body.contains("toronto-47-sheppard"))
            #expect(queue.body.contains("the interest claimed is above 35% a year"))
            let french = try await clerk.get("/staff/claims/\(minor.id!)?lang=fr")
            #expect(french.body.contains("un défendeur est frappé d&#39;incapacité juridique"))
            #expect(!french.body.contains("[review."))
            try await clerk.get("/staff/claims?lang=en")

            let review = try await clerk.get("/staff/claims/\(minor.id!)")
            #expect(review.status == .ok)
            #expect(review.body.contains("Young Person"))
            let issued = try await clerk.post("/staff/claims/\(minor.id!)/issue", [:])
            #expect(issued.location == "/staff/claims")
            let after = try await filed(app, minor.id!)
            #expect(after.filingStatus == "issued")
            #expect(after.fileNumber == "TOR47-SC-26-000002")
            let twice = try await clerk.post("/staff/claims/\(minor.id!)/issue", [:])
            #expect(twice.status == .conflict)

            try await clerk.get("/staff/claims/\(usurious.id!)")
            let noReasons = try await clerk.post("/staff/claims/\(usurious.id!)/reject", ["rejectReasons": " "])
            #expect(noReasons.status == .unprocessableEntity)
            #expect(noReasons.body.contains("Give the reasons for refusing"))
            #expect(try await filed(app, usurious.id!).filingStatus == "referred")
            let rejected = try await clerk.post("/staff/claims/\(usurious.id!)/reject", ["rejectReasons": "The rate of interest is not supported by the contract filed."])
            #expect(rejected.location == "/staff/claims")
            #expect(try await filed(app, usurious.id!).filingStatus == "rejected")
            #expect(try await clerk.post("/staff/claims/\(usurious.id!)/issue", [:]).status == .conflict)
            let summary = CaseFold.fold(try await CaseDocket.entries(of: usurious.id!, on: app.db), rules: app.docket.rules, now: testStart)
            #expect(summary.stage == .rejected)

            try await app.mailWorker.runOnce(now: app.docket.clock.now())
            #expect(mail.messages.contains { $0.subject == "Your claim was not issued" && $0.text.contains("not supported by the contract") })
            #expect(mail.messages.filter { $0.subject.hasPrefix("Your claim has been issued") }.count == 2)
            let page = try await filer.get("/claims/\(usurious.id!)")
            #expect(page.body.contains("Not issued by the clerk: The rate of interest is not supported"))
        }
    }

    @Test func aPreparedFormIsIssuedWithACoverPageBoundToItsHash() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register(registration().merging(["kind": "representative", "lawSocietyNumber": "12345P"]) { $1 })
            try await b.get("/claims/prepared")
            let form = ["officeCode": office, "venue": "cause-arose", "documentKind": "plaintiffs-claim",
                        "plaintiffName": "Marie Tremblay", "defendantNames": "Paul Roy\nRoy Holdings Ltd.", "amount": "3,200",
                        "incidentOn": "2026-04-02"]
            let fake = try await b.upload("/claims/prepared", fields: form, file: ("file", "claim.pdf", "application/pdf", Data("%PDF-1.7 no xref".utf8)))
            #expect(fake.status == .unprocessableEntity)
            #expect(try await ClaimRecord.query(on: app.db).count() == 0)
            let missing = try await b.upload("/claims/prepared", fields: form.merging(["plaintiffName": ""]) { $1 },
                                             file: ("file", "claim.pdf", "application/pdf", invoicePDF("Form 7A")))
            #expect(missing.status == .unprocessableEntity)
            #expect(try await ClaimRecord.query(on: app.db).count() == 0)

            let prepared = invoicePDF("Plaintiff's Claim Form 7A completed")
            let created = try await b.upload("/claims/prepared", fields: form, file: ("file", "claim.pdf", "application/pdf", prepared))
            let path = try #require(created.location?.replacingOccurrences(of: "/check", with: ""))
            let check = try await b.get(path + "/check")
            #expect(check.body.contains("Roy Holdings Ltd."))
            #expect(check.body.contains("12345P"))
            try await b.expectRedirect(b.post(path + "/check", [:]))
            try await b.get(path + "/fee")
            try await b.expectRedirect(b.post(path + "/fee", ["feeChoice": "pay", "declaration": "on"]))
            let claim = try await claimRecord(app, path)
            let state = try await filed(app, path)
            #expect(state.filingStatus == "issued")
            #expect(claim.kind == "prepared")
            let uploadHash = CourtSeal.digest(prepared)
            #expect(claim.draft.documents.first?.sha256 == uploadHash)
            let sealed = try #require(try await SealedDocumentRecord.query(on: app.db).filter(\.$sha256 == state.sealedSHA256!).first())
            #expect(sealed.title == "Cover page for a filed document")
            let cover = try #require(FileManager.default.contents(atPath: app.docket.settings.dataDirectory + "/" + sealed.path))
            #expect(pdfText(cover).contains(uploadHash))
            let stored = try #require(app.docket.files.get(claim.draft.documents[0].reference!))
            #expect(stored == prepared)
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
