import DocketApp
import DocketCLI
import Foundation
import Logging
import NIOCore
import NIOPosix
import Vapor

/// The `docket` command: `serve`, `migrate`, `staff` and the rest run inside the web application.
/// A failure prints one line naming what to fix and exits 2 for a usage mistake, 1 otherwise.
@main
enum Docket {
    static func main() async {
        // Async work runs on the server's event loops, not on a second pool of threads: a request
        // is not handed from thread to thread at every await.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "rules" {
            // Pure answers from the rules core: no database, no server.
            let (out, err, status) = RulesCLI.run(Array(arguments.dropFirst()))
            FileHandle.standardOutput.write(Data(out.utf8))
            FileHandle.standardError.write(Data(err.utf8))
            exit(status)
        }
        do {
            try await run()
        } catch {
            FileHandle.standardError.write(Data("docket: \(error)\n".utf8))
            exit(error is UsageError ? 2 : 1)
        }
    }

    static func run() async throws {
        var arguments = CommandLine.arguments
        let onNetwork = arguments.contains(ServeAddress.developmentOnNetworkFlag)
        arguments.removeAll { $0 == ServeAddress.developmentOnNetworkFlag }
        var environment = try Environment.detect(arguments: arguments)
        var settings = Settings()
        let command = environment.arguments.dropFirst().first { !$0.hasPrefix("-") }
        if command == nil || command == "serve" {
            try ServeAddress.check(arguments: environment.arguments, environment: environment, allowDevelopment: onNetwork)
        }
        settings.runsBackgroundWork = command == nil || command == "serve"
        let listingRoutes = command == "routes"
        if listingRoutes {
            // Listing routes touches no database and leaves no data folder behind.
            settings.dataDirectory = NSTemporaryDirectory() + "docket-routes-" + UUID().uuidString
            settings.databaseURL = nil
        }
        defer { if listingRoutes { try? FileManager.default.removeItem(atPath: settings.dataDirectory) } }
        let format = settings.logFormat
        try LoggingSystem.bootstrap(from: &environment) { level in
            { label in DocketLogHandler.make(label: label, level: level, format: format) }
        }
        let app = try await Application.make(environment)
        do {
            try await configure(app, settings: settings, clock: try settings.serverClock(environment: environment), migrate: !listingRoutes)
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        // A stop (SIGTERM, Ctrl-C) lets requests in flight finish before the database closes.
        guard await app.stopGracefully(grace: .seconds(settings.shutdownGraceSeconds)) else { exit(1) }
    }
}
