import Vapor

/// The public pages: home, terms of use, accessibility.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("terms", use: terms)
        routes.get("accessibility", use: accessibility)
        routes.get("contact", use: contact)
    }

    func home(req: Request) async throws -> Response {
        try await req.page("home", titleKey: "home.title", NoBody())
    }

    struct TermsBody: Encodable { let version: String }

    func terms(req: Request) async throws -> Response {
        try await req.page("terms", titleKey: "terms.title", TermsBody(version: AccountStore.termsVersion))
    }

    func accessibility(req: Request) async throws -> Response {
        try await req.page("accessibility", titleKey: "accessibility.title", NoBody())
    }

    func contact(req: Request) async throws -> Response {
        try await req.page("contact", titleKey: "contactUs.title", NoBody())
    }
}

/// `/health`: the process answers. `/ready`: and its database answers.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("health") { _ in HTTPStatus.ok }
        routes.get("ready", use: ready)
    }

    func ready(req: Request) async throws -> Response {
        do {
            _ = try await AccountRecord.query(on: req.db).limit(1).all()
            return Response(status: .ok, body: .init(string: "ready\n"))
        } catch {
            req.logger.error("readiness check failed: \(String(describing: error))")
            return Response(status: .serviceUnavailable, body: .init(string: "database unavailable\n"))
        }
    }
}
