import DocketCore
import Vapor

/// Opening an account (seed 002: the Justice Services Online registration).
struct RegistrationController: RouteCollection {
    static let rule = RateLimiter.Rule(name: "register-address", limit: 20, window: 15 * 60)

    func boot(routes: any RoutesBuilder) throws {
        routes.get("register", use: show)
        routes.post("register", use: submit)
    }

    struct Body: Encodable {
        let form: FormView
    }

    func show(req: Request) async throws -> Response {
        let next = SignInController.safeNext(try? req.query.get(String.self, at: "next"))
        if req.account != nil { return req.redirect(to: next ?? "/account") }
        return try await render(req, values: ["country": "CA", "next": next ?? ""], problems: [])
    }

    func submit(req: Request) async throws -> Response {
        let values = req.formValues()
        var form = RegistrationForm()
        form.kind = values["kind"] ?? ""
        form.lawSocietyNumber = values["lawSocietyNumber"] ?? ""
        form.contact = ContactForm.details(from: values)
        form.email = values["email"] ?? ""
        form.recoveryEmail = values["recoveryEmail"] ?? ""
        form.signInID = values["signInID"] ?? ""
        form.password = values["password"] ?? ""
        form.passwordConfirmation = values["passwordConfirmation"] ?? ""
        form.questions = (1...3).map { values["question\($0)"] ?? "" }
        form.answers = (1...3).map { values["answer\($0)"] ?? "" }
        form.acceptsTerms = values["acceptsTerms"] == "on" || values["acceptsTerms"] == "true"

        switch form.validated(passwords: req.docket.passwords) {
        case .failure(let problems):
            return try await render(req, values: values, problems: problems.problems)
        case .success(let registration):
            // Registration must say when an email or sign-in ID is taken, so it is limited like
            // sign-in: it cannot be used to test addresses in bulk.
            guard try await RateLimiter.take(Self.rule, key: req.clientAddress, now: req.now, on: req.db) else {
                req.logger.notice("registration refused: too many from this address")
                throw Abort(.tooManyRequests)
            }
            switch try await AccountStore.create(registration, on: req) {
            case .failure(let problems):
                return try await render(req, values: values, problems: problems.problems)
            case .success(let account):
                try await req.startSession(for: account, on: req.db)
                // Back to where the person was going (an invitation link, say), else a welcome.
                return req.redirect(to: SignInController.safeNext(values["next"]) ?? "/account?welcome=1")
            }
        }
    }

    private func render(_ req: Request, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        let questions = [("", req.t("question.choose"))] + SecurityQuestion.all.map { ($0, req.t("question.\($0)")) }
        let sections = [
            b.section("section.kind", [
                b.field("kind", "radio", options: AccountKind.allCases.map { ($0.rawValue, req.t("kind.\($0.rawValue)")) }),
                b.field("lawSocietyNumber", required: false, width: "short"),
            ]),
        ] + ContactForm.sections(b) + [
            b.section("section.email", [
                b.field("email", "email", autocomplete: "email"),
                b.field("recoveryEmail", "email", required: false),
            ]),
            b.section("section.signIn", [
                b.field("signInID", autocomplete: "username", width: "medium"),
                b.field("password", "password", autocomplete: "new-password", width: "medium"),
                b.field("passwordConfirmation", "password", autocomplete: "new-password", width: "medium"),
            ]),
            b.section("section.questions", (1...3).flatMap { i in [
                b.field("question\(i)", "select", options: questions, labelKey: "field.question", labelArguments: ["\(i)"]),
                b.field("answer\(i)", autocomplete: "off", width: "medium", labelKey: "field.answer", labelArguments: ["\(i)"]),
            ] }),
            b.section("section.terms", [b.field("acceptsTerms", "checkbox")]),
        ]
        let next = SignInController.safeNext(values["next"])
        let form = b.form(action: "/register", submitKey: "register.submit", sections: sections,
                          hidden: next.map { ["next": $0] } ?? [:])
        return try await req.page("register", titleKey: "register.title", Body(form: form),
                                  status: problems.isEmpty ? .ok : .unprocessableEntity)
    }
}

/// The contact details fields, shared by registration and the contact information page.
enum ContactForm {
    static func details(from values: [String: String]) -> ContactDetails {
        ContactDetails(lastName: values["lastName"] ?? "", firstName: values["firstName"] ?? "",
                       firm: values["firm"] ?? "", address: values["address"] ?? "", city: values["city"] ?? "",
                       province: values["province"] ?? "", country: values["country"] ?? "",
                       postalCode: values["postalCode"] ?? "", phone: values["phone"] ?? "",
                       phoneExtension: values["phoneExtension"] ?? "", fax: values["fax"] ?? "")
    }

    static func values(of c: ContactDetails) -> [String: String] {
        ["lastName": c.lastName, "firstName": c.firstName, "firm": c.firm, "address": c.address, "city": c.city,
         "province": c.province, "country": c.country, "postalCode": c.postalCode, "phone": c.phone,
         "phoneExtension": c.phoneExtension, "fax": c.fax]
    }

    static func sections(_ b: FormBuilder) -> [FormSection] {
        let countries = ContactDetails.countries.map { ($0, b.request.t("country.\($0)")) }
        return [
            b.section("section.name", [
                b.field("lastName", autocomplete: "family-name"),
                b.field("firstName", autocomplete: "given-name"),
                b.field("firm", autocomplete: "organization", required: false),
            ]),
            b.section("section.address", [
                b.field("address", autocomplete: "street-address"),
                b.field("city", autocomplete: "address-level2", width: "medium"),
                b.field("province", autocomplete: "address-level1", width: "short"),
                b.field("country", "select", autocomplete: "country", options: countries),
                b.field("postalCode", autocomplete: "postal-code", width: "short"),
            ]),
            b.section("section.phone", [
                b.field("phone", "tel", autocomplete: "tel", width: "medium"),
                b.field("phoneExtension", required: false, width: "short"),
                b.field("fax", "tel", required: false, width: "medium"),
            ]),
        ]
    }
}
