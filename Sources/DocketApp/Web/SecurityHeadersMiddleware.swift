import Vapor

/// Headers on every response, error pages included: no inline script, no framing, no type
/// sniffing, no full referrers, and nothing personal left in shared caches. A header value with a
/// control character (which could end the header and start another) is dropped, whatever put it
/// there: response splitting needs one, and no header Docket sends has one.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let unsafe = response.headers.filter { Self.hasControlCharacter($0.value) || Self.hasControlCharacter($0.name) }
        for header in unsafe {
            request.logger.warning("dropped a response header with a control character", metadata: ["header": "\(header.name.prefix(40))"])
            response.headers.remove(name: header.name)
        }
        let headers: [(String, String)] = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if request.isSecure {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        if response.headers.first(name: .cacheControl) == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    static func hasControlCharacter(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }
    }
}
