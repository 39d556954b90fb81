import DocketCore
import Fluent
import Vapor

/// The court's side. Only staff reach it; a party gets 403.
struct StaffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.grouped(RequireStaffMiddleware(roles: Set(StaffRole.allCases))).grouped("staff")
        staff.get(use: home)
        let admin = routes.grouped(RequireStaffMiddleware(roles: [.admin])).grouped("staff", "accounts")
        admin.get(use: accounts)
        routes.grouped(RequireStaffMiddleware(roles: [.clerk, .admin])).get("staff", "dockets", use: dockets)
    }

    struct DocketsBody: Encodable {
        let summary: String
        let broken: [DocketChains.Broken]
        let hasBroken: Bool
    }

    /// Every case's hash chain, checked now: the same answer as `docket verify-dockets`.
    func dockets(req: Request) async throws -> Response {
        let report = try await DocketChains.verify(on: req.db)
        let catalogue = req.docket.catalogue
        let summary = report.broken.isEmpty
            ? catalogue.text("dockets.intact", req.language, count: report.checked, [String(report.checked)])
            : catalogue.text("dockets.broken", req.language, count: report.broken.count, [String(report.broken.count), String(report.checked)])
        return try await req.page("staff/dockets", titleKey: "dockets.title",
                                  DocketsBody(summary: summary, broken: report.broken, hasBroken: !report.broken.isEmpty),
                                  status: report.broken.isEmpty ? .ok : .conflict)
    }

    struct HomeBody: Encodable {
        let role: String
        let isAdmin: Bool
        let canCheckDockets: Bool
    }

    func home(req: Request) async throws -> Response {
        guard let account = req.account, let role = account.role else { throw Abort(.forbidden) }
        return try await req.page("staff/home", titleKey: "staff.title",
                                  HomeBody(role: req.t("role.\(role.rawValue)"), isAdmin: role == .admin,
                                           canCheckDockets: role == .admin || role == .clerk))
    }

    struct AccountsBody: Encodable {
        struct Row: Encodable { let email: String; let role: String; let created: String }
        let rows: [Row]
    }

    func accounts(req: Request) async throws -> Response {
        let staff = try await AccountRecord.query(on: req.db).filter(\.$kind == "staff").sort(\.$email).all()
        let rows = staff.map {
            AccountsBody.Row(email: $0.email, role: req.t("role.\($0.staffRole ?? "")"), created: DateText.long($0.createdAt, req.language))
        }
        return try await req.page("staff/accounts", titleKey: "staff.accounts.title", AccountsBody(rows: rows))
    }
}
