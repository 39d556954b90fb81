import Leaf
import DocketCore
import Vapor

/// What the layout needs on every page.
struct Layout: Encodable {
    let lang: String
    let title: String
    let csrf: String
    let switchLang: String
    let switchLabel: String
    let switchURL: String
    let signedIn: Bool
    let name: String?
    let isStaff: Bool
    let idleSeconds: Int
    let idleMinutes: String
    let notice: String?
    let mailbox: Bool
}

struct Page<Body: Encodable>: Encodable {
    let layout: Layout
    let page: Body
}

struct NoBody: Encodable {}

/// A link: where it goes and what it says.
struct LinkView: Encodable {
    let href: String
    let label: String
}

extension Request {
    /// Renders `template` inside the layout, with the page title from the catalogue key `titleKey`.
    func page<B: Encodable>(_ template: String, titleKey: String, _ body: B, status: HTTPStatus = .ok,
                            notice: String? = nil) async throws -> Response {
        let other = language.other
        var components = URLComponents(string: url.string) ?? URLComponents()
        var items = (components.queryItems ?? []).filter { $0.name != "lang" }
        items.append(URLQueryItem(name: "lang", value: other.rawValue))
        components.queryItems = items
        let name = account.map { $0.isStaff ? $0.email : $0.signInID }
        let layout = Layout(
            lang: language.rawValue, title: t(titleKey), csrf: csrfToken,
            switchLang: other.rawValue, switchLabel: docket.catalogue.text("language.name", other),
            switchURL: (components.path.isEmpty ? "/" : components.path) + "?" + (components.percentEncodedQuery ?? ""),
            signedIn: account != nil, name: name, isStaff: account?.isStaff == true,
            idleSeconds: Int(docket.idleLimit),
            idleMinutes: String(docket.settings.sessionIdleMinutes),
            notice: notice, mailbox: application.environment != .production)
        let html = try await render(template, Page(layout: layout, page: body))
        return Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: html))
    }
}

extension Request {
    /// `template` rendered with `data` by Docket's template library. Under test the same template is
    /// rendered by Leaf too, and any difference fails the request, so every page the tests visit
    /// proves the two read the templates alike.
    func render<D: Encodable>(_ template: String, _ data: D) async throws -> String {
        guard let templates = docket.templates else { throw Abort(.internalServerError, reason: "templates not loaded") }
        let catalogue = docket.catalogue, language = language
        let html = try templates.render(template, try TemplateValue.of(data)) { catalogue.text($0, language, $1) }
        if application.environment == .testing {
            // `leaf`, not `view`: Vapor's view provider turns Leaf's cache off in development.
            var reference = try await leaf.render(path: template, context: data).get()
            let expected = reference.readString(length: reference.readableBytes) ?? ""
            if expected != html {
                let at = zip(expected, html).prefix { $0 == $1 }.count
                throw TemplateError(template: template, message: "renders unlike Leaf at character \(at): expected "
                    + "\(expected.dropFirst(max(0, at - 40)).prefix(120).debugDescription), got \(html.dropFirst(max(0, at - 40)).prefix(120).debugDescription)")
            }
        }
        return html
    }
}

// MARK: - Forms

struct OptionView: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

struct FieldView: Encodable {
    let id: String
    let name: String
    let kind: String
    let label: String
    let hint: String?
    let value: String
    let error: String?
    let autocomplete: String?
    let required: Bool
    let options: [OptionView]
    let checked: Bool
    let width: String?
    /// The longest text the field takes, stated to the browser (nil for choices, dates and files).
    let maxLength: Int?
}

struct FormSection: Encodable {
    let legend: String?
    let hint: String?
    let fields: [FieldView]
}

struct ErrorItem: Encodable {
    let id: String
    let message: String
    /// Where the field is: on this page (`#id`) or on another page of the same task.
    var href: String

    init(id: String, message: String, href: String? = nil) {
        self.id = id; self.message = message; self.href = href ?? "#" + id
    }
}

struct FormView: Encodable {
    let action: String
    let submit: String
    let sections: [FormSection]
    let errors: [ErrorItem]
    let hidden: [OptionView]
    var multipart = false
    var hasErrors: Bool { !errors.isEmpty }

    enum CodingKeys: String, CodingKey { case action, submit, sections, errors, hidden, hasErrors, multipart }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(action, forKey: .action); try c.encode(submit, forKey: .submit)
        try c.encode(sections, forKey: .sections); try c.encode(errors, forKey: .errors)
        try c.encode(hidden, forKey: .hidden); try c.encode(hasErrors, forKey: .hasErrors)
        try c.encode(multipart, forKey: .multipart)
    }
}

/// Builds a form's fields from the catalogue, the values sent back, and the problems found, so
/// every form reads its labels, hints and errors the same way.
struct FormBuilder {
    let request: Request
    let values: [String: String]
    let problems: [FieldProblem]
    /// Problems with fields on other pages, listed first in the error summary with links to them.
    let elsewhere: [ErrorItem]

    init(_ request: Request, values: [String: String] = [:], problems: [FieldProblem] = [], elsewhere: [ErrorItem] = []) {
        self.request = request; self.values = values; self.problems = problems; self.elsewhere = elsewhere
    }

    func field(_ name: String, _ kind: String = "text", autocomplete: String? = nil, required: Bool = true,
               options: [(String, String)] = [], width: String? = nil, labelKey: String? = nil,
               labelArguments: [String] = [], conditional: Bool = false, hintKey: String? = nil) -> FieldView {
        let catalogue = request.docket.catalogue
        let hintKey = hintKey ?? "hint.\(name)"
        let problem = problems.first { $0.field == name }
        let value = values[name] ?? ""
        let limit = ["text", "email", "tel", "textarea"].contains(kind) ? FieldLimits.maxLength(name, multiline: kind == "textarea") : nil
        var hint = catalogue.has(hintKey, request.language) ? request.t(hintKey) : nil
        if kind == "textarea", let limit {
            // A long text says its limit in words too, since a cut-off paste is easy to miss.
            hint = [hint, request.t("hint.maxLength", [FieldLimits.grouped(limit, french: request.language == .fr)])].compactMap { $0 }.joined(separator: " ")
        }
        return FieldView(
            id: name, name: name, kind: kind,
            label: catalogue.text(labelKey ?? "field.\(name)", request.language, labelArguments)
                + (required || conditional ? "" : " " + request.t("field.optional")),
            hint: hint,
            value: kind == "password" ? "" : value,
            error: problem.map { request.t($0.messageKey) },
            autocomplete: autocomplete, required: required,
            options: options.map { OptionView(value: $0.0, label: $0.1, selected: $0.0 == value) },
            checked: kind == "checkbox" && (value == "on" || value == "true"),
            width: width, maxLength: limit)
    }

    var errors: [ErrorItem] {
        elsewhere + problems.map { ErrorItem(id: $0.field, message: request.t($0.messageKey)) }
    }

    func form(action: String, submitKey: String, sections: [FormSection], hidden: [String: String] = [:],
              multipart: Bool = false) -> FormView {
        FormView(action: action, submit: request.t(submitKey), sections: sections, errors: errors,
                 hidden: hidden.sorted { $0.key < $1.key }.map { OptionView(value: $0.value, label: $0.key, selected: false) },
                 multipart: multipart)
    }

    func section(_ legendKey: String?, _ fields: [FieldView]) -> FormSection {
        let hintKey = legendKey.map { $0 + ".hint" }
        return FormSection(legend: legendKey.map { request.t($0) },
                           hint: hintKey.flatMap { request.docket.catalogue.has($0, request.language) ? request.t($0) : nil },
                           fields: fields)
    }
}

extension Request {
    /// The submitted form as plain strings (every field of a URL-encoded or multipart body).
    func formValues() -> [String: String] {
        submittedForm.fields
    }
}
