import ConsoleKit
import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// A gateway that records what it charged and voided, and can do something while it charges.
final class RecordingPayments: PaymentGateway, @unchecked Sendable {
    var charged: [String] = []
    var voided: [String] = []
    var whileCharging: (@Sendable () async throws -> Void)?

    func charge(_ amount: Money, description: String, at now: Date) async throws -> String {
        let reference = "TEST-\(charged.count + 1)"
        charged.append(reference)
        try await whileCharging?()
        return reference
    }

    func void(_ reference: String, at now: Date) async { voided.append(reference) }
}

/// The act pipeline around the core's decisions: payment outside the transaction, the issuance
/// mode, the projection, and the check of every docket's chain.
@Suite struct CaseKernelTests {
    @Test func aFeeTakenBeforeAFailedTransactionIsVoidedAndNothingIsRecorded() async throws {
        try await withDocket { app, _ in
            try await Browser(app).register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            let payments = RecordingPayments()
            app.docket.payments = payments
            let claim = try await storeDraft(completeDraft(), for: account, on: app.db)
            // The office goes away after the fee is taken: the issue inside the transaction fails.
            payments.whileCharging = { try await CourtOfficeRecord.query(on: app.db).filter(\.$code == office).delete() }
            await #expect(throws: FileNumbers.OfficeGone.self) {
                try await ClaimFiling.submit(claimID: claim.id!, account: account, app: app, logger: app.logger)
            }
            #expect(payments.charged == ["TEST-1"])
            #expect(payments.voided == ["TEST-1"])
            #expect(try await CaseDocket.records(of: claim.id!, on: app.db).isEmpty)
            #expect(try await CaseProjectionRecord.find(claim.id!, on: app.db) == nil)
            #expect(try await ClaimRecord.find(claim.id!, on: app.db)?.isDraft == true)
            #expect(try await FileNumberCounterRecord.query(on: app.db).count() == 0, "the number taken was given back")
        }
    }

    @Test func aRefusalBeforePaymentChargesNothing() async throws {
        try await withDocket { app, _ in
            try await Browser(app).register()
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            let payments = RecordingPayments()
            app.docket.payments = payments
            var draft = completeDraft()
            draft.answersChecked = false
            let claim = try await storeDraft(draft, for: account, on: app.db)
            await #expect(throws: Refusal(.incomplete)) {
                try await ClaimFiling.submit(claimID: claim.id!, account: account, app: app, logger: app.logger)
            }
            #expect(payments.charged.isEmpty)
        }
    }

    @Test func underClerkConfirmationEveryClaimWaitsAndIssuesOnTheDayTheClerkConfirms() async throws {
        try await withDocket(settings: { $0.issuance = "clerk-confirmation" }) { app, clock in
            #expect(app.docket.rules.issuance == .onClerkConfirmation)
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.expectRedirect(b.submitClaim(path))
            let waiting = try await filed(app, path)
            #expect(waiting.filingStatus == "referred")
            #expect(waiting.waitingOn == .clerk)
            #expect(try await CaseProjectionRecord.find(claimID(path), on: app.db)?.waitingOn == "clerk")
            #expect(try await b.get(path).body.contains("With a clerk for review"))

            // Confirmed the Wednesday after, at 18:30: issued that day, not the day it was filed.
            clock.set(CourtTime.localInstant("2026-11-25T18:30")!)
            let clerk = try await signedInClerk(app)
            #expect(try await clerk.get("/staff/claims").body.contains(path.replacingOccurrences(of: "/claims/", with: "/staff/claims/")))
            try await clerk.get("/staff/claims/\(claimID(path))")
            #expect(try await clerk.post("/staff/claims/\(claimID(path))/issue", [:]).location == "/staff/claims")
            let issued = try await filed(app, path)
            #expect(issued.issuedOn == CivilDate("2026-11-25"))
            #expect(issued.fileNumber == "TOR47-SC-26-000001")
            #expect(issued.sealedSHA256 != nil)
            #expect(try await clerk.get("/staff/claims").body.contains("No claim is waiting for review."))
        }
    }

    @Test func anUnknownIssuanceModeIsRefusedAtStart() async throws {
        await #expect(throws: UsageError.self) {
            try await withDocket(settings: { $0.issuance = "sometimes" }) { _, _ in }
        }
    }

    @Test func aBrokenChainIsNamedByTheCommandAndThePage() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.expectRedirect(b.submitClaim(path))
            let clerk = try await signedInClerk(app)
            let intact = try await clerk.get("/staff/dockets")
            #expect(intact.status == .ok)
            #expect(intact.body.contains("1 case docket checked: its chain is intact."))
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["docket"]))
            context.application = app
            try await VerifyDocketsCommand().run(using: &context)
            #expect(console.output.contains("every chain is intact"))

            // Someone edits the fee on the second entry behind Docket's back.
            let fee = try #require(try await CaseDocket.records(of: claimID(path), on: app.db).first { $0.sequence == 2 })
            fee.event = fee.event.replacingOccurrences(of: "10800", with: "100")
            try await fee.save(on: app.db)
            let broken = try await clerk.get("/staff/dockets")
            #expect(broken.status == .conflict)
            #expect(broken.body.contains(claimID(path).uuidString))
            let second = TestConsole()
            var context2 = CommandContext(console: second, input: CommandInput(arguments: ["docket"]))
            context2.application = app
            await #expect(throws: VerifyDocketsCommand.BrokenChains.self) { try await VerifyDocketsCommand().run(using: &context2) }
            #expect(second.output.contains("case \(claimID(path).uuidString) (court): entry 2 is missing or does not follow"))
            #expect(try await b.get("/staff/dockets").status == .forbidden)
        }
    }

    @Test func aDocketThatLostItsLastEntriesIsBrokenToo() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.expectRedirect(b.submitClaim(path))
            let last = try #require(try await CaseDocket.records(of: claimID(path), on: app.db).last)
            try await last.delete(on: app.db)
            let report = try await DocketChains.verify(on: app.db)
            #expect(report.broken.map(\.entry) == [4], "the seal, entry 4, is gone")
            for record in try await CaseDocket.records(of: claimID(path), on: app.db) { try await record.delete(on: app.db) }
            #expect(try await DocketChains.verify(on: app.db).broken.map(\.caseID) == [claimID(path)], "a projected case with no entries left")
        }
    }

    @Test func anEntryThatCannotBeReadStopsTheCaseInsteadOfVanishing() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            try await b.expectRedirect(b.submitClaim(path))
            let entry = try #require(try await CaseDocket.records(of: claimID(path), on: app.db).last)
            entry.event = "{\"somethingElse\":{}}"
            try await entry.save(on: app.db)
            await #expect(throws: UnreadableDocketEntry.self) { _ = try await filed(app, path) }
            #expect(try await b.get(path).status == .internalServerError)
        }
    }

    @Test func aDraftThatCannotBeReadIsAnErrorNotAnEmptyDraftToSaveOver() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.fillClaim(path)
            let claim = try await claimRecord(app, path)
            claim.content = "{\"defendants\": 7}"
            try await claim.save(on: app.db)
            #expect(try await b.get(path).status == .internalServerError)
            try await b.get(path + "/story")
            #expect(try await b.post(path + "/story", ["summary": "Replaced", "incidentOn": "2026-03-15"]).status != .seeOther)
            #expect(try await claimRecord(app, path).content == "{\"defendants\": 7}", "nothing was written over it")
            #expect(throws: UnreadableDraft.self) { try claim.readableDraft() }
        }
    }
}
