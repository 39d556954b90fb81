import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// One test or more per finding of the security review that needs no real socket.
@Suite struct SecurityFindingsTests {
    // MARK: Mail headers

    @Test func noHeaderValueCanStartAnotherHeader() {
        let message = MailMessage(id: UUID(), from: "Docket <no-reply@docket.localhost>",
                                  to: "paul@example.com\r\nBcc: everyone@evil.example",
                                  subject: "Invitation from Eve\r\nReply-To: pay@evil.example", text: "Hello", html: "<p>Hello</p>",
                                  attachments: [(MailAttachment(filename: "a\"\r\nX-Evil: 1.pdf", contentType: "application/pdf\r\nX-Evil: 2", path: "x"), Data("%PDF".utf8))])
        let rendered = MIMEMessage.render(message, date: Date(timeIntervalSince1970: 0))
        let lines = rendered.components(separatedBy: "\r\n")
        for injected in ["Reply-To:", "Bcc:", "X-Evil:"] {
            #expect(!lines.contains { $0.hasPrefix(injected) }, "\(injected)")
        }
        #expect(lines.contains("To: paul@example.comBcc:everyone@evil.example"))
        let subject = try! #require(lines.first { $0.hasPrefix("Subject: ") })
        #expect(subject.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(!rendered.contains("\r\n\r\n\r\n"))
    }

    @Test func longAccentedSubjectsAreFoldedIntoShortEncodedWords() {
        let subject = String(repeating: "Réclamation de Nguyễn Văn An ", count: 6)
        let encoded = MIMEMessage.encodedWord(subject)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        let decoded = words.map { word -> String in
            let payload = word.dropFirst(10).dropLast(2)
            return String(decoding: Data(base64Encoded: String(payload))!, as: UTF8.self)
        }.joined()
        #expect(decoded == subject)
    }

    @Test func aNameWithALineBreakIsRefusedAtRegistration() async throws {
        try await withDocket { app, _ in
            var form = registration()
            form["firstName"] = "Eve\r\nReply-To: pay@evil.example"
            let page = try await Browser(app).register(form)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("href=\"#firstName\""))
            #expect(try await AccountRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func namesInEveryPrintedScriptAreAcceptedAndOthersNamed() async throws {
        for name in ["Nguyễn Văn An", "Łukasz Żółć", "Владимир Путинцев", "Ελένη Παπαδοπούλου", "Zoë O'Brien-Lévesque"] {
            #expect(TextInput.problem(in: name) == nil, "\(name)")
        }
        #expect(TextInput.problem(in: "李小龍") == "error.field.unsupportedCharacters")
        #expect(PrintableCharacters.unsupported(in: "Bruce 李小龍 Lee") == ["李", "小", "龍"])
        #expect(TextInput.problem(in: "Eve\u{202E}gnp.exe") == "error.field.controlCharacters")
        #expect(TextInput.problem(in: "Eve\r\nBcc: x") == "error.field.controlCharacters")
        #expect(TextInput.problem(in: "line one\r\nline two", multiline: true) == nil)
        try await withDocket { app, _ in
            var form = registration()
            form["lastName"] = "李"
            let page = try await Browser(app).register(form)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("characters Docket cannot print"))
            form["lastName"] = "Nguyễn"
            form["firstName"] = "Văn An"
            #expect(try await Browser(app).register(form).status == .seeOther)
        }
    }

    // MARK: Brute force

    @Test func simultaneousWrongPasswordsAreAllCountedAndLockTheAccount() async throws {
        try await withDocket { app, _ in
            try await Browser(app).register()
            let answers = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await Browser(app).signIn("marie.t", "wrong-password-guess").status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(answers.count == 30)
            #expect(answers.filter { $0 == .tooManyRequests }.count >= 10)
            let account = try #require(try await AccountRecord.query(on: app.db).first())
            #expect(account.lockedUntil != nil)
            #expect(try await Browser(app).signIn("marie.t", "river-lantern-orbit").status != .seeOther)
        }
    }

    @Test func registrationIsLimitedLikeSignIn() async throws {
        try await withDocket { app, _ in
            var statuses: [HTTPStatus] = []
            for i in 0...RegistrationController.rule.limit {
                statuses.append(try await Browser(app).register(registration("person.\(i)", email: "p\(i)@example.com")).status)
            }
            #expect(statuses.dropLast().allSatisfy { $0 == .seeOther })
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test func recoveryMailIsLimitedPerRecipientAndSaysTheSame() async throws {
        try await withDocket { app, _ in
            try await Browser(app).register()
            var bodies = Set<String>()
            for _ in 0..<12 {
                let b = Browser(app)
                try await b.get("/recover/email")
                let page = try await b.post("/recover/email", ["email": "marie@example.com"])
                #expect(page.status == .ok)
                bodies.insert(page.body.components(separatedBy: "<main").last?.components(separatedBy: "</main>").first ?? "")
            }
            #expect(bodies.count == 1)
            let queued = try await OutboxRecord.query(on: app.db).filter(\.$subject == "Set a new Docket password").count()
            #expect(queued == RecoveryController.mailByRecipientRule.limit)
        }
    }

    @Test func securityAnswersTakeTheSameWorkForAnyIdentifier() async throws {
        let counter = VerifyCounter()
        try await withDocket { app, _ in
            app.passwords.use { _ in CountingHasher(counter: counter) }
            try await Browser(app).register()
            func answer(_ identifier: String) async throws -> Int {
                let before = counter.count
                let b = Browser(app)
                try await b.get("/recover/questions")
                try await b.post("/recover/questions", ["identifier": identifier])
                let page = try await b.post("/recover/questions/answer", [
                    "identifier": identifier, "answer1": "wrong", "answer2": "wrong", "answer3": "wrong",
                    "password": "a-brand-new-passphrase", "passwordConfirmation": "a-brand-new-passphrase"])
                #expect(page.status == .unprocessableEntity)
                return counter.count - before
            }
            let known = try await answer("marie.t")
            let unknown = try await answer("nobody.here")
            #expect(known == SecurityQuestion.count)
            #expect(unknown == known)
        }
    }

    // MARK: Secrets

    @Test func invitationTokensAreRedactedFromLoggedPaths() async throws {
        #expect(RequestLogMiddleware.redacted("/odr/invitations/s3cret-token/accept") == "/odr/invitations/<redacted>/accept")
        #expect(RequestLogMiddleware.redacted("/odr/invitations/s3cret-token") == "/odr/invitations/<redacted>")
        #expect(RequestLogMiddleware.redacted("/claims/abc") == "/claims/abc")
        try await withDocket { app, _ in
            let token = "tok-" + UUID().uuidString
            try await Browser(app).get("/odr/invitations/" + token)
            #expect(!CapturedLogs.all.contains(token))
            #expect(CapturedLogs.all.contains("/odr/invitations/<redacted>"))
        }
    }

    @Test func deliveredLinksAreScrubbedFromTheOutbox() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            try await Browser(app).register()
            let b = Browser(app)
            try await b.get("/recover/email")
            try await b.post("/recover/email", ["email": "marie@example.com"])
            try await app.mailWorker.runOnce(now: app.docket.clock.now())
            #expect(mail.messages.contains { $0.text.contains("/recover/reset?token=") })
            let reset = try #require(try await OutboxRecord.query(on: app.db).filter(\.$subject == "Set a new Docket password").first())
            #expect(reset.sentAt != nil)
            #expect(reset.textBody == Outbox.scrubbed && reset.htmlBody == Outbox.scrubbed)
            let welcome = try #require(try await OutboxRecord.query(on: app.db).filter(\.$sensitive == false).first())
            #expect(welcome.textBody != Outbox.scrubbed)
        }
    }

    @Test func dataFilesAreReadableByTheOwnerOnly() async throws {
        try await withDocket { app, _ in
            let (b, path) = try await filerWithClaim(app)
            try await b.get(path + "/documents")
            try await b.expectRedirect(b.upload(path + "/documents", fields: ["documentTitle": "Invoice"],
                                                file: ("file", "invoice.pdf", "application/pdf", invoicePDF())))
            let folder = app.docket.settings.dataDirectory
            func mode(_ path: String) throws -> Int {
                try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            }
            #expect(try mode(folder) == 0o700)
            let doc = try #require(try await claimRecord(app, path).draft.documents.first?.reference)
            #expect(try mode(folder + "/" + doc) == 0o600)
            #expect(try mode((folder + "/" + doc as NSString).deletingLastPathComponent) == 0o700)
            if app.docket.settings.databaseURL == nil { #expect(try mode(folder + "/docket.sqlite") == 0o600) }
        }
    }

    @Test func anInvitationAnsweredFromAnotherAccountIsFlaggedAndRecorded() async throws {
        let mail = RecordingTransport()
        try await withDocket(transport: mail) { app, _ in
            let (_, path) = try await submittedDispute(app)
            let link = try await invitationPath(mail, to: "paul@example.com", app: app)
            let other = Browser(app)
            try await other.register(registration("someone.else", email: "someone@example.com"))
            let page = try await other.get(link)
            #expect(page.body.contains("This invitation was sent to paul@example.com, but you are signed in as someone@example.com"))
            try await other.expectRedirect(other.post(link + "/accept", [:]))
            let id = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
            let events = try await OdrCases.entries(id, on: app.db).map(\.event)
            #expect(events.contains(.answeredByAnotherAccount(respondent: "R1", accountEmail: "someone@example.com")))
        }
    }

    // MARK: Serving

    @Test func developmentModeServesOnlyOnLoopback() throws {
        let dev = Environment.development
        for ok in [["serve"], ["serve", "--hostname", "127.0.0.1"], ["serve", "-H", "localhost"], ["serve", "--bind", "[::1]:8080"]] {
            #expect(throws: Never.self) { try ServeAddress.check(arguments: ok, environment: dev, allowDevelopment: false) }
        }
        for bad in [["serve", "--hostname", "0.0.0.0"], ["serve", "-H", "192.168.1.4"], ["serve", "--bind", "0.0.0.0:80"], ["serve", "--hostname=10.0.0.1"]] {
            #expect(throws: UsageError.self) { try ServeAddress.check(arguments: bad, environment: dev, allowDevelopment: false) }
            #expect(throws: Never.self) { try ServeAddress.check(arguments: bad, environment: .production, allowDevelopment: false) }
            #expect(throws: Never.self) { try ServeAddress.check(arguments: bad, environment: dev, allowDevelopment: true) }
        }
    }

    @Test func controlCharactersInAHeaderValueAreCaught() {
        #expect(SecurityHeadersMiddleware.hasControlCharacter("/account\r\nSet-Cookie: x"))
        #expect(SecurityHeadersMiddleware.hasControlCharacter("a\u{0}b"))
        #expect(!SecurityHeadersMiddleware.hasControlCharacter("/account?welcome=1"))
    }

    @Test func multipartParsingFindsFieldsAndFilesAndRefusesTheMalformed() throws {
        let body = multipartBody(boundary: "xyz", fields: ["title": "Reçu de Łukasz"], file: ("file", "a \"b\".pdf", Data("%PDF-1.4 data".utf8)))
        let form = try MultipartForm.parse(ByteBuffer(data: body), boundary: "xyz")
        #expect(form.fields["title"] == "Reçu de Łukasz")
        #expect(form.files["file"].map { String(buffer: $0.data) } == "%PDF-1.4 data")
        for (bad, boundary) in [(body, ""), (body, "a\u{1}b"), (body.dropLast(8), "xyz"), (Data("junk".utf8), "xyz"), (body, "other")] {
            #expect(throws: MalformedBody.self) { try MultipartForm.parse(ByteBuffer(data: Data(bad)), boundary: boundary) }
        }
    }
}

/// Counts password and answer checks, to show two paths do the same work.
final class VerifyCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var count: Int { lock.withLock { value } }
    func add() { lock.withLock { value += 1 } }
}

struct CountingHasher: PasswordHasher {
    let counter: VerifyCounter

    func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] {
        Array(try Bcrypt.hash(String(decoding: Array(password), as: UTF8.self), cost: 4).utf8)
    }

    func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws -> Bool {
        counter.add()
        return try Bcrypt.verify(String(decoding: Array(password), as: UTF8.self), created: String(decoding: Array(digest), as: UTF8.self))
    }
}
