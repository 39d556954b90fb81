import DocketCore
import Vapor

/// Signing in and out, and keeping a session alive.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", use: show)
        routes.post("sign-in", use: submit)
        routes.post("sign-out", use: signOut)
        routes.post("session", "extend", use: extend)
    }

    struct Body: Encodable {
        let form: FormView
        let expired: Bool
        let message: String?
    }

    func show(req: Request) async throws -> Response {
        if req.account != nil { return req.redirect(to: "/account") }
        let expired = (try? req.query.get(String.self, at: "expired")) == "1"
        let done = try? req.query.get(String.self, at: "done")
        let message = done.flatMap { ["signed-out", "password-changed"].contains($0) ? req.t("signIn.done.\($0)") : nil }
        let next = Self.safeNext(try? req.query.get(String.self, at: "next"))
        return try await render(req, values: next.map { ["next": $0] } ?? [:],
                                problems: [], expired: expired, message: message)
    }

    func submit(req: Request) async throws -> Response {
        let values = req.formValues()
        let identifier = values["signInID"] ?? ""
        let password = values["password"] ?? ""
        var missing: [FieldProblem] = []
        if identifier.trimmingCharacters(in: .whitespaces).isEmpty { missing.append(FieldProblem("signInID", "error.signInID.missing")) }
        if password.isEmpty { missing.append(FieldProblem("password", "error.password.missing")) }
        if !missing.isEmpty { return try await render(req, values: values, problems: missing) }

        guard try await SignInGuard.reserveAddress(req) else {
            req.logger.notice("sign-in refused: too many failures from this address")
            throw Abort(.tooManyRequests)
        }
        let failed = [FieldProblem("signInID", "error.signIn.failed")]
        guard let account = try await AccountStore.find(identifier: identifier, on: req.db),
              try await SignInGuard.reserve(account, request: req) else {
            await SignInGuard.spendVerifyTime(req)
            return try await render(req, values: values, problems: failed)
        }
        guard try await req.password.async.verify(password, created: account.passwordHash).get() else {
            try await SignInGuard.fail(account, request: req)
            return try await render(req, values: values, problems: failed)
        }
        try await SignInGuard.succeed(account, request: req)
        try await req.startSession(for: account, on: req.db)
        req.logger.info("signed in", metadata: ["account": "\(account.id!)"])
        let home = account.isStaff ? "/staff" : "/account"
        return req.redirect(to: Self.safeNext(values["next"]) ?? home)
    }

    func signOut(req: Request) async throws -> Response {
        try await req.endSession(reason: "signed-out")
        return req.redirect(to: "/sign-in?done=signed-out")
    }

    /// "Stay signed in": the page's warning before time-out posts here. Any signed-in request
    /// refreshes the session; this one does only that.
    func extend(req: Request) async throws -> Response {
        guard let signedIn = req.signedIn else { throw Abort(.unauthorized) }
        let now = req.now
        try await req.autocommit { db in try await SessionLookup.touch(signedIn.session, at: now, on: db) }
        if req.headers.first(name: "X-CSRF-Token") != nil { return Response(status: .noContent) }
        let back = Self.safeNext(req.formValues()["next"]) ?? "/account"
        return req.redirect(to: back)
    }

    /// Only a path on this site, in a strict shape: letters, digits and `-._~%/` in the path, an
    /// optional query of the same and `=&`. Nothing that a browser could resolve to another host
    /// (`//`, backslashes, tabs), and no control character that could end a header.
    static func safeNext(_ raw: String?) -> String? {
        guard let raw, raw.utf8.count <= 512, !raw.contains("//"),
              raw.range(of: #"\A/[A-Za-z0-9._~%/-]*(\?[A-Za-z0-9._~%=&-]*)?\z"#, options: .regularExpression) != nil
        else { return nil }
        return raw
    }

    private func render(_ req: Request, values: [String: String], problems: [FieldProblem],
                        expired: Bool = false, message: String? = nil) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let form = b.form(action: "/sign-in", submitKey: "signIn.submit", sections: [
            b.section(nil, [
                b.field("signInID", autocomplete: "username", width: "medium", labelKey: "field.signInIDOrEmail",
                        hintKey: "hint.signInIDOrEmail"),
                b.field("password", "password", autocomplete: "current-password", width: "medium", hintKey: "hint.currentPassword"),
            ]),
        ], hidden: values["next"].map { ["next": $0] } ?? [:])
        return try await req.page("sign-in", titleKey: "signIn.title", Body(form: form, expired: expired, message: message),
                                  status: problems.isEmpty ? .ok : .unprocessableEntity)
    }
}
