import Vapor

/// Docket's middlewares run one inside the other as plain async calls. Registered one by one,
/// each would start a task of its own for every request (Vapor's `AsyncMiddleware` bridges to
/// futures that way); in one chain the whole request is one task until it reaches the route.
struct MiddlewareChain: AsyncMiddleware {
    let stages: [any AsyncMiddleware]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await Stage(stages: stages[...], last: next).respond(to: request)
    }

    /// The rest of the chain from one middleware on, ending with the router.
    private struct Stage: AsyncResponder {
        let stages: ArraySlice<any AsyncMiddleware>
        let last: any AsyncResponder

        func respond(to request: Request) async throws -> Response {
            guard let first = stages.first else { return try await last.respond(to: request) }
            return try await first.respond(to: request, chainingTo: Stage(stages: stages.dropFirst(), last: last))
        }
    }
}
