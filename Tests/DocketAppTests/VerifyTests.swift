import DocketDocuments
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct VerifyTests {
    func document(_ text: String = "Plaintiff's Claim") -> Data {
        var b = PDFDocumentBuilder(title: text)
        b.heading(text)
        b.text("Marie Tremblay v. Société Générale des Forêts")
        return b.render()
    }

    func sealed(_ app: Application, _ pdf: Data) async throws -> SealedDocumentRecord {
        try await SealedDocuments.seal(pdf, title: "Plaintiff's Claim (Form 7A)", reference: "TOR-SC-26-000001",
                                       app: app, at: app.docket.clock.now(), on: app.db)
    }

    @Test func theSealKeyIsMadeOnceInTheDataFolder() async throws {
        try await withDocket { app, _ in
            let path = app.docket.settings.dataDirectory + "/seal.key"
            let raw = try #require(FileManager.default.contents(atPath: path))
            #expect(raw.count == 32)
            #expect(try CourtSeal(rawKey: raw).publicKey == app.docket.seal.publicKey)
            #expect(try SealedDocuments.loadSeal(settings: app.docket.settings).publicKey == app.docket.seal.publicKey)
            let key = try await Browser(app).get("/verify/public-key")
            #expect(key.body == app.docket.seal.publicKey.base64EncodedString() + "\n")
        }
    }

    @Test func aSealedDocumentIsKeptOnceByItsHash() async throws {
        try await withDocket { app, _ in
            let pdf = document()
            let record = try await sealed(app, pdf)
            #expect(record.sha256 == CourtSeal.digest(pdf))
            #expect(record.path == "documents/\(record.sha256).pdf")
            #expect(FileManager.default.contents(atPath: app.docket.settings.dataDirectory + "/" + record.path) == pdf)
            _ = try await sealed(app, pdf)
            #expect(try await SealedDocumentRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func uploadingTheIssuedFileConfirmsIt() async throws {
        try await withDocket { app, _ in
            let pdf = document()
            _ = try await sealed(app, pdf)
            let b = Browser(app)
            try await b.get("/verify")
            let page = try await b.upload("/verify", fields: [:], file: ("file", "claim.pdf", "application/pdf", pdf))
            #expect(page.status == .ok)
            #expect(page.body.contains("Issued by this court"))
            #expect(page.body.contains("TOR-SC-26-000001"))
            #expect(page.body.contains(CourtSeal.digest(pdf)))
        }
    }

    @Test func oneChangedByteIsNotIssued() async throws {
        try await withDocket { app, _ in
            var pdf = document()
            _ = try await sealed(app, pdf)
            pdf[pdf.count / 2] ^= 0x01
            let b = Browser(app)
            try await b.get("/verify")
            let page = try await b.upload("/verify", fields: [:], file: ("file", "claim.pdf", "application/pdf", pdf))
            #expect(page.body.contains("Not issued by this court"))
            #expect(!page.body.contains("TOR-SC-26-000001"))
        }
    }

    @Test func aLargeUploadIsAccepted() async throws {
        try await withDocket { app, _ in
            var b = PDFDocumentBuilder(title: "Long")
            for i in 0..<25_000 { b.text("Line \(i) of a long exhibit, to make a file of a few megabytes.") }
            let pdf = b.render()
            #expect(pdf.count > 2_000_000)
            _ = try await sealed(app, pdf)
            let browser = Browser(app)
            try await browser.get("/verify")
            let page = try await browser.upload("/verify", fields: [:], file: ("file", "long.pdf", "application/pdf", pdf))
            #expect(page.status == .ok)
            #expect(page.body.contains("Issued by this court"))
        }
    }

    @Test func aPastedHashWorksInEitherCase() async throws {
        try await withDocket { app, _ in
            let pdf = document()
            _ = try await sealed(app, pdf)
            let b = Browser(app)
            try await b.get("/verify?lang=fr")
            let page = try await b.post("/verify", ["sha256": " " + CourtSeal.digest(pdf).uppercased() + " "])
            #expect(page.body.contains("Délivré par ce tribunal"))
            let unknown = try await b.post("/verify", ["sha256": String(repeating: "ab", count: 32)])
            #expect(unknown.body.contains("Non délivré par ce tribunal"))
            let junk = try await b.post("/verify", ["sha256": "not a hash"])
            #expect(junk.body.contains("Non délivré par ce tribunal"))
        }
    }

    @Test func aRecordWithABrokenSignatureIsNotConfirmed() async throws {
        try await withDocket { app, _ in
            let pdf = document()
            let record = try await sealed(app, pdf)
            record.signature = try CourtSeal().seal(pdf).signature
            try await record.save(on: app.db)
            let outcome = try await SealedDocuments.verify(sha256: record.sha256, document: pdf, app: app, on: app.db)
            #expect(outcome == .notIssued)
        }
    }

    @Test func nothingToCheckIsRefusedWithTheFix() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.get("/verify")
            let page = try await b.post("/verify", ["sha256": ""])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Choose a PDF to upload, or paste its SHA-256."))
            #expect(try await Browser(app).post("/verify", ["sha256": "x"], csrf: "").status == .forbidden)
        }
    }

    @Test func theCommandSaysWhetherTheCourtIssuedAFile() async throws {
        try await withDocket { app, _ in
            let pdf = document()
            _ = try await sealed(app, pdf)
            let path = NSTemporaryDirectory() + "docket-verify-\(UUID().uuidString).pdf"
            try pdf.write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["docket", path]))
            context.application = app
            try await VerifyCommand().run(using: &context)
            #expect(console.output.contains("Issued by this court: Plaintiff's Claim (Form 7A), TOR-SC-26-000001"))

            var altered = pdf
            altered[10] ^= 0x01
            try altered.write(to: URL(fileURLWithPath: path))
            let second = TestConsole()
            var context2 = CommandContext(console: second, input: CommandInput(arguments: ["docket", path]))
            context2.application = app
            await #expect(throws: VerifyCommand.NotIssued.self) { try await VerifyCommand().run(using: &context2) }
            #expect(second.output.contains("Not issued by this court"))

            // An agreement sealed by Docket is named as what it is, never as issued by the court.
            var agreement = document()
            agreement.append(Data("% agreement\n".utf8))
            let prepared = try SealedDocuments.prepare(agreement, kind: .agreement, app: app)
            _ = try await SealedDocuments.record(prepared, title: "Settlement agreement", reference: "ODR-1A2B3C4D",
                                                 signedBy: "Marie Tremblay & Paul Roy", at: app.docket.clock.now(), on: app.db)
            try agreement.write(to: URL(fileURLWithPath: path))
            let third = TestConsole()
            var context3 = CommandContext(console: third, input: CommandInput(arguments: ["docket", path]))
            context3.application = app
            try await VerifyCommand().run(using: &context3)
            #expect(third.output.contains("Not a court document: a settlement agreement signed on Docket by Marie Tremblay & Paul Roy"))
            #expect(!third.output.contains("Issued by this court"))

            var missing = CommandContext(console: TestConsole(), input: CommandInput(arguments: ["docket", "/no/such/file.pdf"]))
            missing.application = app
            await #expect(throws: UsageError.self) { try await VerifyCommand().run(using: &missing) }
        }
    }
}

/// A console that keeps what a command prints.
final class TestConsole: Console, @unchecked Sendable {
    var output = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { output += text.description + (newLine ? "\n" : "") }
    func report(error: String, newLine: Bool) { output += error + (newLine ? "\n" : "") }
    func clear(_ type: ConsoleClear) {}
}
