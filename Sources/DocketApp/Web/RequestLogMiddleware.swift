import Vapor

/// Logs each request's method and path, with the secret part of a capability link (an ODR
/// invitation token, say) replaced, so a log never holds a link that works. Query strings, where
/// reset tokens travel, are never logged.
struct RequestLogMiddleware: AsyncMiddleware {
    /// Path prefixes whose next segment is a secret.
    static let secretAfter: [[String]] = [["odr", "invitations"]]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.info("\(request.method) \(Self.redacted(request.url.path))")
        return try await next.respond(to: request)
    }

    static func redacted(_ path: String) -> String {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for prefix in secretAfter {
            // segments[0] is the empty string before the leading slash.
            guard segments.count > prefix.count + 1, Array(segments[1...prefix.count]) == prefix else { continue }
            segments[prefix.count + 1] = "<redacted>"
        }
        return String(segments.joined(separator: "/").prefix(300))
    }
}
