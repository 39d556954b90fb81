import Vapor

/// The largest body each route accepts, known from the request head alone, so the server refuses
/// an oversized body before reading it instead of after.
struct RouteBodyLimits: Sendable {
    private struct Entry: Sendable {
        let method: HTTPMethod
        let path: [PathComponent]
        let limit: Int
    }

    private let entries: [Entry]
    let defaultLimit: Int

    init(routes: Routes) {
        defaultLimit = routes.defaultMaxBodySize.value
        entries = routes.all.compactMap { route in
            guard let limit = route.userInfo[BodyLimit.key] as? Int else { return nil }
            return Entry(method: route.method, path: route.path, limit: limit)
        }
    }

    /// The limit for a request to `uri` with `method`: the route's own, or the default.
    func limit(method: HTTPMethod, uri: String) -> Int {
        // The path as the router reads it, whatever form the target takes (origin or absolute).
        let path = URI(string: uri).path
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        let entry = entries.first { $0.method == method && Self.matches($0.path, components) }
        return entry?.limit ?? defaultLimit
    }

    private static func matches(_ pattern: [PathComponent], _ components: [Substring]) -> Bool {
        for (index, part) in pattern.enumerated() {
            switch part {
            case .catchall: return components.count > index
            case .constant(let text):
                guard index < components.count, components[index] == text else { return false }
            case .parameter, .anything:
                guard index < components.count else { return false }
            }
        }
        return pattern.count == components.count
    }
}
