import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct OutboxTests {
    @Test func aMessageExistsOnlyIfItsActionCommitted() async throws {
        try await withDocket { app, clock in
            struct Abandon: Error {}
            try? await app.db.transaction { db in
                try await Outbox.enqueue(to: "a@example.com", subject: "s", text: "t", html: "h", at: clock.now(), on: db)
                throw Abandon()
            }
            #expect(try await OutboxRecord.query(on: app.db).count() == 0)
            try await app.db.transaction { db in
                try await Outbox.enqueue(to: "a@example.com", subject: "s", text: "t", html: "h", at: clock.now(), on: db)
            }
            #expect(try await OutboxRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func theWorkerDeliversAndMarksSent() async throws {
        let transport = RecordingTransport()
        try await withDocket(transport: transport) { app, clock in
            try await Browser(app).register()
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 1)
            #expect(transport.messages.map(\.to) == ["marie@example.com"])
            #expect(transport.messages.first?.from == app.docket.settings.mailFrom)
            let record = try #require(try await OutboxRecord.query(on: app.db).first())
            #expect(record.sentAt == clock.now())
            #expect(record.attempts == 1)
            // Nothing is sent twice.
            #expect(try await app.mailWorker.runOnce(now: clock.now().addingTimeInterval(3600)) == 0)
            #expect(transport.messages.count == 1)
        }
    }

    @Test func failuresAreRetriedWithGrowingWaitsThenGivenUp() async throws {
        let transport = RecordingTransport()
        transport.failing = true
        try await withDocket(transport: transport) { app, clock in
            try await app.db.transaction { db in
                try await Outbox.enqueue(to: "a@example.com", subject: "s", text: "t", html: "h", at: clock.now(), on: db)
            }
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 0)
            var record = try #require(try await OutboxRecord.query(on: app.db).first())
            #expect(record.attempts == 1)
            #expect(record.nextAttemptAt == clock.now().addingTimeInterval(30))
            #expect(record.sentAt == nil)
            #expect(record.lastError != nil)
            // Not due yet: not tried.
            try await app.mailWorker.runOnce(now: clock.now().addingTimeInterval(29))
            #expect(try await OutboxRecord.query(on: app.db).first()?.attempts == 1)
            clock.advance(by: 30)
            try await app.mailWorker.runOnce(now: clock.now())
            record = try #require(try await OutboxRecord.query(on: app.db).first())
            #expect(record.attempts == 2)
            #expect(record.nextAttemptAt == clock.now().addingTimeInterval(60))
            for _ in 3...MailWorker.maxAttempts {
                clock.set(record.nextAttemptAt)
                try await app.mailWorker.runOnce(now: clock.now())
                record = try #require(try await OutboxRecord.query(on: app.db).first())
            }
            #expect(record.failedAt != nil)
            #expect(record.sentAt == nil)
            transport.failing = false
            #expect(try await app.mailWorker.runOnce(now: clock.now().addingTimeInterval(86400)) == 0)
        }
    }

    @Test func backoffGrowsToAnHour() {
        #expect(MailWorker.backoff(afterAttempt: 1) == 30)
        #expect(MailWorker.backoff(afterAttempt: 2) == 60)
        #expect(MailWorker.backoff(afterAttempt: 5) == 480)
        #expect(MailWorker.backoff(afterAttempt: 20) == 3600)
    }

    @Test func concurrentWorkersDeliverEachMessageOnce() async throws {
        let transport = RecordingTransport()
        transport.delay = 2_000_000
        try await withDocket(transport: transport) { app, clock in
            for i in 0..<30 {
                try await Outbox.enqueue(to: "p\(i)@example.com", subject: "s", text: "t", html: "h", at: clock.now(), on: app.db)
            }
            let now = clock.now()
            async let a = app.mailWorker.runOnce(now: now)
            async let b = app.mailWorker.runOnce(now: now)
            async let c = app.mailWorker.runOnce(now: now)
            let total = try await a + b + c
            #expect(total == 30)
            let recipients = transport.messages.map(\.to)
            #expect(recipients.count == 30)
            #expect(Set(recipients).count == 30)
        }
    }

    @Test func aLeaseThatRunsOutIsTakenAgain() async throws {
        try await withDocket { app, clock in
            try await Outbox.enqueue(to: "a@example.com", subject: "s", text: "t", html: "h", at: clock.now(), on: app.db)
            // A process claims the message and dies before sending.
            #expect(try await app.mailWorker.claim(now: clock.now()) != nil)
            #expect(try await app.mailWorker.claim(now: clock.now()) == nil)
            #expect(try await app.mailWorker.claim(now: clock.now().addingTimeInterval(MailWorker.lease + 1)) != nil)
        }
    }

    @Test func mimeMessagesCarryUTF8AndAttachments() throws {
        let message = MailMessage(id: UUID(), from: "Docket <no-reply@docket.localhost>", to: "marie@example.com",
                                  subject: "Votre compte Docket — créé", text: "Bonjour Marie,\n.\nfin", html: "<p>é</p>",
                                  attachments: [(MailAttachment(filename: "claim.pdf", contentType: "application/pdf", path: "x"), Data("%PDF-1.7".utf8))])
        let text = MIMEMessage.render(message, date: Date(timeIntervalSince1970: 0))
        #expect(text.contains("Subject: =?UTF-8?B?"))
        #expect(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(text.contains("multipart/mixed"))
        #expect(text.contains("filename=\"claim.pdf\""))
        #expect(text.decodedParts.contains("Bonjour Marie,"))
        #expect(text.decodedParts.contains("%PDF-1.7"))
        #expect(MIMEMessage.address("Docket <no-reply@docket.localhost>") == "no-reply@docket.localhost")
    }
}

@Suite(.enabled(if: SMTPSink.available, "needs python3 with aiosmtpd (pip install aiosmtpd)"))
struct SMTPDeliveryTests {
    func queueWelcome(_ app: Application) async throws {
        try await Browser(app).register()
    }

    @Test func deliversOverSMTPWithAuthPlain() async throws {
        let sink = try SMTPSink(auth: "docket:s3cret")
        defer { sink.stop() }
        let transport = try SMTPTransport(url: "smtp://docket:s3cret@127.0.0.1:\(sink.port)")
        try await withDocket(transport: transport) { app, clock in
            try await queueWelcome(app)
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 1)
            let received = try #require(sink.messages.first)
            #expect(received.contains("X-Envelope-To: marie@example.com"))
            #expect(received.contains("X-Authenticated: yes"))
            #expect(received.contains("Subject: Your Docket account"))
            #expect(received.decodedParts.contains("Your sign-in ID is marie.t."))
        }
    }

    @Test func wrongCredentialsLeaveTheMessageQueued() async throws {
        let sink = try SMTPSink(auth: "docket:s3cret")
        defer { sink.stop() }
        let transport = try SMTPTransport(url: "smtp://docket:wrong@127.0.0.1:\(sink.port)")
        try await withDocket(transport: transport) { app, clock in
            try await queueWelcome(app)
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 0)
            let record = try #require(try await OutboxRecord.query(on: app.db).first())
            #expect(record.sentAt == nil)
            #expect(record.lastError?.contains("535") == true)
            #expect(sink.messages.isEmpty)
        }
    }

    @Test func upgradesWithSTARTTLSBeforeAuthenticating() async throws {
        let sink = try SMTPSink(auth: "docket:s3cret", tls: true)
        defer { sink.stop() }
        let url = "smtp://docket:s3cret@localhost:\(sink.port)?starttls=required&tls_ca=\(sink.folder)/cert.pem"
        try await withDocket(transport: try SMTPTransport(url: url)) { app, clock in
            try await Browser(app).register()
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 1)
            let received = try #require(sink.messages.first)
            #expect(received.contains("X-TLS: yes"))
            #expect(received.contains("X-Authenticated: yes"))
        }
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        let sink = try SMTPSink(auth: "docket:s3cret", tls: true)
        defer { sink.stop() }
        try await withDocket(transport: try SMTPTransport(url: "smtp://docket:s3cret@localhost:\(sink.port)")) { app, clock in
            try await Browser(app).register()
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 0)
            #expect(sink.messages.isEmpty)
        }
    }

    @Test func aSilentServerIsCutOff() async throws {
        let sink = try SMTPSink(silent: true)
        defer { sink.stop() }
        try await withDocket(transport: try SMTPTransport(url: "smtp://127.0.0.1:\(sink.port)?timeout=1")) { app, clock in
            try await queueWelcome(app)
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 0)
            let record = try #require(try await OutboxRecord.query(on: app.db).first())
            #expect(record.sentAt == nil)
            #expect(record.lastError?.contains("closed the connection") == true)
        }
    }

    @Test func nothingIsLostWhileTheServerIsDown() async throws {
        let first = try SMTPSink()
        let port = first.port
        let folder = first.folder
        first.stop()
        try await withDocket(transport: try SMTPTransport(url: "smtp://127.0.0.1:\(port)")) { app, clock in
            try await Browser(app).register()
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 0)
            let waiting = try #require(try await OutboxRecord.query(on: app.db).first())
            #expect(waiting.sentAt == nil)
            #expect(waiting.failedAt == nil)
            #expect(waiting.attempts == 1)

            let again = try SMTPSink(folder: folder, port: port)
            defer { again.stop() }
            clock.advance(by: MailWorker.backoff(afterAttempt: 1))
            #expect(try await app.mailWorker.runOnce(now: clock.now()) == 1)
            #expect(again.messages.count == 1)
            #expect(try await OutboxRecord.query(on: app.db).first()?.sentAt != nil)
        }
    }

    @Test func frenchMailArrivesReadable() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await withDocket(transport: try SMTPTransport(url: "smtp://127.0.0.1:\(sink.port)")) { app, clock in
            let b = Browser(app)
            try await b.get("/register?lang=fr")
            try await b.post("/register", registration())
            try await app.mailWorker.runOnce(now: clock.now())
            let received = try #require(sink.messages.first)
            #expect(received.contains("Subject: Votre compte Docket"))
            #expect(received.decodedParts.contains("Votre compte Docket a été créé."))
        }
    }
}

@Suite struct SMTPURLTests {
    @Test func parsesTheURL() throws {
        let t = try SMTPTransport(url: "smtp://user%40x:p%3Ass@127.0.0.1:2525?starttls=required")
        #expect(t.host == "127.0.0.1")
        #expect(t.port == 2525)
        #expect(t.username == "user@x")
        #expect(t.password == "p:ss")
        #expect(t.requireStartTLS)
        #expect(!t.implicitTLS)
        let s = try SMTPTransport(url: "smtps://mail.example.org")
        #expect(s.implicitTLS)
        #expect(s.port == 465)
        #expect(throws: SMTPError.self) { try SMTPTransport(url: "http://127.0.0.1") }
        #expect(throws: SMTPError.self) { try SMTPTransport(url: "smtp://") }
    }
}
