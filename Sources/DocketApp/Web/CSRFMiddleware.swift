import Vapor

/// Cross-site request forgery protection for every request that changes something.
///
/// Each browser holds a random value in an HttpOnly cookie; forms carry an HMAC of it under the
/// server secret (`_csrf`, or the `X-CSRF-Token` header for scripts). A POST whose token is missing
/// or wrong gets 403 before any handler runs, so it changes nothing. The body is collected (within
/// the route's limit) and parsed as a form first, so a token in a body that arrived in many reads
/// is found, and a malformed body is refused with 400 before anything else reads it.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookie = "docket_csrf"
    static let field = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET && request.method != .HEAD && request.method != .OPTIONS {
            let form = try await request.readForm()
            guard let secret = request.cookies[Self.cookie]?.string else {
                throw PageError.formExpired
            }
            let expected = Self.token(for: secret, request: request)
            let given = request.headers.first(name: "X-CSRF-Token") ?? form.fields[Self.field]
            guard let given, Tokens.equal(given, expected) else {
                request.logger.notice("refused a request without a valid CSRF token")
                throw PageError.formExpired
            }
        }
        let response = try await next.respond(to: request)
        if let fresh = request.storage[NewCSRFSecretKey.self] {
            response.cookies[Self.cookie] = .init(string: fresh, path: "/", isSecure: request.isSecure,
                                                  isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    static func token(for secret: String, request: Request) -> String {
        Tokens.hmac("csrf:" + secret, key: request.docket.secret)
    }
}

struct NewCSRFSecretKey: StorageKey { typealias Value = String }

extension Request {
    /// The token to put in this page's forms; starts a CSRF cookie for a new visitor.
    var csrfToken: String {
        let secret = storage[NewCSRFSecretKey.self] ?? cookies[CSRFMiddleware.cookie]?.string ?? {
            let s = Tokens.random()
            storage[NewCSRFSecretKey.self] = s
            return s
        }()
        return CSRFMiddleware.token(for: secret, request: self)
    }

    /// A new CSRF secret, at sign-in and sign-out, so a token seen before does not outlive them.
    func rotateCSRF() {
        storage[NewCSRFSecretKey.self] = Tokens.random()
    }
}
