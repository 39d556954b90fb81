import Vapor

/// `bare --port N`: serves `/html`, a small fixed page, and `/health`, on 127.0.0.1 only.
@main
enum Bare {
    static let page = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head>
        <body><main><h1>Bare Vapor</h1><p>A fixed page, the yardstick for Docket's benchmarks.</p></main></body></html>
        """

    static func main() async throws {
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.logger.logLevel = .error
        app.get("html") { _ in
            Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: page))
        }
        app.get("health") { _ in "ok" }
        try await app.execute()
        try await app.asyncShutdown()
    }
}
