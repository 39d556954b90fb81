import DocketCore
import Fluent
import Vapor

/// Getting back into an account: by security questions, by an emailed single-use link, and a
/// reminder of the sign-in ID. No answer here says whether an identifier or address has an account.
struct RecoveryController: RouteCollection {
    static let linkLifetime: TimeInterval = 30 * 60
    /// Looking up questions, per network address.
    static let lookupRule = RateLimiter.Rule(name: "recover-lookup", limit: 30, window: 15 * 60)
    /// Asking for a link or an ID reminder: per network address, and per recipient, so nobody can
    /// fill a person's inbox. Past either, the page says the same and nothing is sent.
    static let mailByAddressRule = RateLimiter.Rule(name: "recover-mail-address", limit: 10, window: 15 * 60)
    static let mailByRecipientRule = RateLimiter.Rule(name: "recover-mail-recipient", limit: 3, window: 60 * 60)

    func boot(routes: any RoutesBuilder) throws {
        let r = routes.grouped("recover")
        r.get(use: choose)
        r.get("questions", use: questionsStart)
        r.post("questions", use: questionsShow)
        r.post("questions", "answer", use: questionsAnswer)
        r.get("email", use: emailStart)
        r.post("email", use: emailSend)
        r.get("reset", use: resetShow)
        r.post("reset", use: resetSubmit)
        r.get("sign-in-id", use: idStart)
        r.post("sign-in-id", use: idSend)
    }

    struct FormBody: Encodable {
        let form: FormView
        let intro: String?
    }

    func choose(req: Request) async throws -> Response {
        try await req.page("recover", titleKey: "recover.title", NoBody())
    }

    // MARK: Security questions

    func questionsStart(req: Request) async throws -> Response {
        try await identifierForm(req, values: [:], problems: [])
    }

    func questionsShow(req: Request) async throws -> Response {
        let values = req.formValues()
        let identifier = (values["identifier"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !identifier.isEmpty else {
            return try await identifierForm(req, values: values, problems: [FieldProblem("identifier", "error.identifier.missing")])
        }
        guard try await RateLimiter.take(Self.lookupRule, key: req.clientAddress, now: req.now, on: req.db) else {
            throw Abort(.tooManyRequests)
        }
        let questions = try await challenge(for: identifier, req: req).questions
        return try await answersForm(req, identifier: identifier, questions: questions, values: [:], problems: [])
    }

    func questionsAnswer(req: Request) async throws -> Response {
        let values = req.formValues()
        let identifier = (values["identifier"] ?? "").trimmingCharacters(in: .whitespaces)
        guard try await SignInGuard.reserveAddress(req) else { throw Abort(.tooManyRequests) }
        let challenge = try await challenge(for: identifier, req: req)
        let asked = challenge.questions
        var problems: [FieldProblem] = []
        for i in 1...SecurityQuestion.count where SecurityQuestion.normalise(values["answer\(i)"] ?? "").isEmpty {
            problems.append(FieldProblem("answer\(i)", "error.answer.missing"))
        }
        problems += req.docket.passwords.problems(password: values["password"] ?? "",
                                                  confirmation: values["passwordConfirmation"] ?? "")
        if !problems.isEmpty {
            return try await answersForm(req, identifier: identifier, questions: asked, values: values, problems: problems)
        }
        let wrong = [FieldProblem("answer1", "error.answers.wrong")]
        var account = challenge.account
        if let found = account, try await !SignInGuard.reserve(found, request: req) { account = nil }
        // The same work whatever the identifier: one hash check per question, against the stored
        // answer when there is one and a dummy otherwise, so timing says nothing about the account.
        var allRight = account != nil && challenge.answers.count == SecurityQuestion.count
        for position in 1...SecurityQuestion.count {
            let given = SecurityQuestion.normalise(values["answer\(position)"] ?? "")
            let stored = account == nil ? nil : challenge.answers.first { $0.position == position }
            let matches = try await req.password.async.verify(given, created: stored?.answerHash ?? req.docket.dummyPasswordHash).get()
            if stored == nil || !matches { allRight = false }
        }
        guard allRight, let account else {
            if let account { try await SignInGuard.fail(account, request: req) }
            return try await answersForm(req, identifier: identifier, questions: asked, values: values, problems: wrong)
        }
        try await SignInGuard.succeed(account, request: req)
        let language = req.language
        let hash = try await req.password.async.hash(values["password"] ?? "").get()
        try await req.write { db in
            try await AccountStore.setPassword(hash: hash, for: account, request: req, on: db)
            try await Mailbox.passwordChanged(account, language: language, request: req, on: db)
        }
        req.logger.info("password reset with security questions", metadata: ["account": "\(account.id!)"])
        return req.redirect(to: "/sign-in?done=password-changed")
    }

    /// What recovery asks a person who gives `identifier`: the account and its stored answers if
    /// there is one, and the questions to show.
    struct Challenge {
        let account: AccountRecord?
        let answers: [SecurityAnswerRecord]
        let questions: [String]
    }

    /// The account's questions, or for an unknown identifier three that depend only on it, so the
    /// page looks the same either way.
    func challenge(for identifier: String, req: Request) async throws -> Challenge {
        if let account = try await AccountStore.find(identifier: identifier, on: req.db) {
            let stored = try await SecurityAnswerRecord.query(on: req.db)
                .filter(\.$accountID == account.requireID()).sort(\.$position).all()
            if stored.count == SecurityQuestion.count {
                return Challenge(account: account, answers: stored, questions: stored.map(\.question))
            }
            return Challenge(account: account, answers: stored, questions: decoys(for: identifier, req: req))
        }
        return Challenge(account: nil, answers: [], questions: decoys(for: identifier, req: req))
    }

    private func decoys(for identifier: String, req: Request) -> [String] {
        var pool = SecurityQuestion.all
        var seed = Array(Tokens.hmac("decoy:" + identifier.lowercased(), key: req.docket.secret).utf8)
        var chosen: [String] = []
        while chosen.count < SecurityQuestion.count {
            let index = Int(seed.removeFirst()) % pool.count
            chosen.append(pool.remove(at: index))
        }
        return chosen
    }

    private func identifierForm(_ req: Request, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: "/recover/questions", submitKey: "button.continue", sections: [
            b.section(nil, [b.field("identifier", autocomplete: "username", width: "medium")]),
        ])
        return try await req.page("form-page", titleKey: "recover.questions.title",
                                  FormBody(form: form, intro: req.t("recover.questions.intro")),
                                  status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    private func answersForm(_ req: Request, identifier: String, questions: [String], values: [String: String],
                             problems: [FieldProblem]) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let answerFields = questions.enumerated().map { i, q in
            b.field("answer\(i + 1)", autocomplete: "off", width: "medium", labelKey: "question.\(q)")
        }
        let form = b.form(action: "/recover/questions/answer", submitKey: "recover.reset.submit", sections: [
            b.section("section.questions", answerFields),
            b.section("section.newPassword", [
                b.field("password", "password", autocomplete: "new-password", width: "medium", labelKey: "field.newPassword"),
                b.field("passwordConfirmation", "password", autocomplete: "new-password", width: "medium"),
            ]),
        ], hidden: ["identifier": identifier])
        return try await req.page("form-page", titleKey: "recover.answers.title",
                                  FormBody(form: form, intro: req.t("recover.answers.intro")),
                                  status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: Emailed link

    func emailStart(req: Request) async throws -> Response {
        try await emailForm(req, action: "/recover/email", titleKey: "recover.email.title", introKey: "recover.email.intro",
                            values: [:], problems: [])
    }

    func emailSend(req: Request) async throws -> Response {
        let values = req.formValues()
        guard let address = EmailAddress.normalised(values["email"] ?? "") else {
            return try await emailForm(req, action: "/recover/email", titleKey: "recover.email.title",
                                       introKey: "recover.email.intro", values: values,
                                       problems: [FieldProblem("email", "error.email.invalid")])
        }
        guard try await mayMail(address, req: req) else { return try await message(req, key: "recover.email.sent", link: "/sign-in") }
        let accounts = try await AccountStore.find(email: address, on: req.db)
        let language = req.language
        try await req.write { db in
            for account in accounts {
                let token = Tokens.random()
                let reset = PasswordResetRecord()
                reset.tokenHash = Tokens.sha256(token)
                reset.accountID = try account.requireID()
                reset.createdAt = req.now
                reset.expiresAt = req.now.addingTimeInterval(Self.linkLifetime)
                try await reset.create(on: db)
                try await Mailbox.resetLink(account, token: token, language: language, request: req, on: db)
            }
        }
        return try await message(req, key: "recover.email.sent", link: "/sign-in")
    }

    func resetShow(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "token")) ?? ""
        guard try await usableReset(token, req: req) != nil else { return try await linkUnusable(req) }
        return try await resetForm(req, token: token, setup: (try? req.query.get(String.self, at: "setup")) == "1", problems: [])
    }

    func resetSubmit(req: Request) async throws -> Response {
        let values = req.formValues()
        let token = values["token"] ?? ""
        guard let reset = try await usableReset(token, req: req),
              let account = try await AccountRecord.find(reset.accountID, on: req.db) else {
            return try await linkUnusable(req)
        }
        let problems = req.docket.passwords.problems(password: values["password"] ?? "",
                                                     confirmation: values["passwordConfirmation"] ?? "")
        if !problems.isEmpty { return try await resetForm(req, token: token, setup: values["setup"] == "1", problems: problems) }
        let language = req.language
        let hash = try await req.password.async.hash(values["password"] ?? "").get()
        try await req.write { db in
            reset.usedAt = req.now
            try await reset.save(on: db)
            try await AccountStore.setPassword(hash: hash, for: account, request: req, on: db)
            try await Mailbox.passwordChanged(account, language: language, request: req, on: db)
        }
        req.logger.info("password reset by emailed link", metadata: ["account": "\(account.id!)"])
        return req.redirect(to: "/sign-in?done=password-changed")
    }

    func usableReset(_ token: String, req: Request) async throws -> PasswordResetRecord? {
        guard !token.isEmpty, let reset = try await PasswordResetRecord.query(on: req.db)
            .filter(\.$tokenHash == Tokens.sha256(token)).first() else { return nil }
        guard reset.usedAt == nil, reset.expiresAt > req.now else { return nil }
        return reset
    }

    private func linkUnusable(_ req: Request) async throws -> Response {
        try await message(req, key: "recover.link.unusable", link: "/recover/email", status: .gone)
    }

    /// The form for a new password; `setup` words it for a staff account's first password.
    private func resetForm(_ req: Request, token: String, setup: Bool, problems: [FieldProblem]) async throws -> Response {
        let b = FormBuilder(req, values: [:], problems: problems)
        let form = b.form(action: "/recover/reset", submitKey: "recover.reset.submit", sections: [
            b.section(nil, [
                b.field("password", "password", autocomplete: "new-password", width: "medium", labelKey: "field.newPassword"),
                b.field("passwordConfirmation", "password", autocomplete: "new-password", width: "medium"),
            ]),
        ], hidden: setup ? ["token": token, "setup": "1"] : ["token": token])
        let words = setup ? "recover.setup" : "recover.reset"
        return try await req.page("form-page", titleKey: words + ".title",
                                  FormBody(form: form, intro: req.t(words + ".intro")),
                                  status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: Sign-in ID reminder

    func idStart(req: Request) async throws -> Response {
        try await emailForm(req, action: "/recover/sign-in-id", titleKey: "recover.id.title", introKey: "recover.id.intro",
                            values: [:], problems: [])
    }

    func idSend(req: Request) async throws -> Response {
        let values = req.formValues()
        guard let address = EmailAddress.normalised(values["email"] ?? "") else {
            return try await emailForm(req, action: "/recover/sign-in-id", titleKey: "recover.id.title",
                                       introKey: "recover.id.intro", values: values,
                                       problems: [FieldProblem("email", "error.email.invalid")])
        }
        guard try await mayMail(address, req: req) else { return try await message(req, key: "recover.id.sent", link: "/sign-in") }
        let accounts = try await AccountStore.find(email: address, on: req.db)
        if !accounts.isEmpty {
            let language = req.language
            try await req.write { db in
                try await Mailbox.signInID(accounts, to: address, language: language, request: req, on: db)
            }
        }
        return try await message(req, key: "recover.id.sent", link: "/sign-in")
    }

    // MARK: Shared pages

    /// Whether a recovery message may go to `address` now; counted per requester and per recipient.
    /// Either way the requester is told the same.
    private func mayMail(_ address: String, req: Request) async throws -> Bool {
        let byAddress = try await RateLimiter.take(Self.mailByAddressRule, key: req.clientAddress, now: req.now, on: req.db)
        let byRecipient = try await RateLimiter.take(Self.mailByRecipientRule, key: address, now: req.now, on: req.db)
        if !(byAddress && byRecipient) { req.logger.notice("recovery mail withheld: rate limit") }
        return byAddress && byRecipient
    }

    private func emailForm(_ req: Request, action: String, titleKey: String, introKey: String,
                           values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: action, submitKey: "button.send", sections: [
            b.section(nil, [b.field("email", "email", autocomplete: "email")]),
        ])
        return try await req.page("form-page", titleKey: titleKey, FormBody(form: form, intro: req.t(introKey)),
                                  status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    private func message(_ req: Request, key: String, link: String, status: HTTPStatus = .ok) async throws -> Response {
        try await req.page("message", titleKey: key + ".heading",
                           MessageBody(heading: req.t(key + ".heading"), message: req.t(key + ".message"),
                                       link: link, linkText: req.t(key + ".link")), status: status)
    }
}
