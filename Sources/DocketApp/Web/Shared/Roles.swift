import DocketCore
import Vapor

/// Pages for signed-in people: anyone else is sent to sign in, and told if their session ran out.
struct RequireAccountMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.account != nil else {
            var target = "/sign-in?next=" + (request.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/account")
            if request.sessionExpired { target += "&expired=1" }
            return request.redirect(to: target)
        }
        return try await next.respond(to: request)
    }
}

/// Court staff pages: a party (or staff of another role) gets 403.
struct RequireStaffMiddleware: AsyncMiddleware {
    let roles: Set<StaffRole>

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let account = request.account else {
            return try await RequireAccountMiddleware().respond(to: request, chainingTo: next)
        }
        guard account.isStaff, let role = account.role, roles.contains(role) else {
            request.logger.notice("refused a staff page to an account without the role")
            throw Abort(.forbidden)
        }
        return try await next.respond(to: request)
    }
}

/// Claims and disputes are brought by people with accounts of their own, not by court staff.
struct RequireFilerMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.account?.isStaff == true { throw Abort(.forbidden) }
        return try await next.respond(to: request)
    }
}
