import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// An agreement every party signed is sealed even when the last signature's request stopped
/// before sealing it: the projection says the dispute waits on Docket, and the sweep seals it once.
@Suite struct OdrSealTests {
    @Test func theSweepSealsAnAgreementWhoseSealingWasInterrupted() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let (claimant, path) = try await submittedDispute(app)
            let paul = try await respondentAccepts(app, mail)
            try await claimant.get(path)
            try await claimant.expectRedirect(claimant.post(path + "/offer", ["offerAmount": "1200", "paymentMethod": "e-transfer",
                                                                              "plan": "lump-sum", "payBy": "2026-12-15"]))
            try await paul.get(path + "/offers/1/accept")
            try await paul.expectRedirect(paul.post(path + "/offers/1/accept", [:]))
            try await claimant.get(path + "/agreement")
            try await claimant.expectRedirect(claimant.post(path + "/agreement", ["signatureName": "Marie Tremblay", "signatureConfirm": "on"]))
            // Paul's signature is recorded, and the process stops before the seal.
            let id = claimID(path)
            try await OdrCases.locked(id, app: app) { db, record, summary in
                _ = try await OdrCases.append(.sign(name: "Paul Roy", address: "127.0.0.1"), side: .respondent, party: "R1",
                                              actor: nil, record, summary, app: app, on: db)
            }
            #expect(try await CaseProjectionRecord.find(id, on: app.db)?.waitingOn == "system")
            #expect(try await SealedDocumentRecord.query(on: app.db).count() == 0)

            _ = try await OdrSweep.run(app: app)
            _ = try await OdrSweep.run(app: app)
            let sealed = try await OdrCases.entries(id, on: app.db).filter { if case .agreementSealed = $0.event { true } else { false } }
            #expect(sealed.count == 1)
            #expect(sealed.first?.side == .system)
            #expect(try await SealedDocumentRecord.query(on: app.db).count() == 1)
            #expect(try await CaseProjectionRecord.find(id, on: app.db)?.stage == "settled")
            try await app.mailWorker.runOnce(now: app.docket.clock.now())
            #expect(Set(mail.messages.filter { $0.attachments.contains { $0.0.filename == "settlement-agreement.pdf" } }.map(\.to)).count >= 1)
        }
    }
}
