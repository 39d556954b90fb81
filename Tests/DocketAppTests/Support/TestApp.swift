import DocketCore
import FluentPostgresDriver
import Foundation
import Logging
import SQLKit
import Testing
import VaporTesting
@testable import DocketApp

/// The package root, found from this file's path, so tests read the real templates and catalogues.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// 2026-11-23 10:00 in Toronto: a Monday.
let testStart = CourtTime.localInstant("2026-11-23T10:00")!

/// A Docket application for one test: its own data folder, its own database (a new PostgreSQL
/// database when `DATABASE_URL` is set, else a new SQLite file), and a clock that only moves when
/// the test moves it.
func withDocket(environment: Environment = .testing,
                transport: (any MailTransport)? = nil,
                settings adjust: (inout Settings) -> Void = { _ in },
                movableClock: Bool = false,
                _ body: (Application, FixedClock) async throws -> Void) async throws {
    CapturedLogs.bootstrap()
    let clock = FixedClock(testStart)
    let dataDir = NSTemporaryDirectory() + "docket-test-" + UUID().uuidString
    var settings = Settings(environment: [:], workingDirectory: packageRoot)
    settings.dataDirectory = dataDir
    adjust(&settings)
    var database: TestDatabase? = nil
    if let base = ProcessInfo.processInfo.environment["DATABASE_URL"], !base.isEmpty {
        // Each test holds its own connections; a bound on concurrent tests keeps the server under its limit.
        await TestDatabase.slots.acquire()
        database = try await TestDatabase.create(base: base)
        settings.databaseURL = database?.url
    }
    let app = try await Application.make(environment)
    do {
        try await configure(app, settings: settings, clock: movableClock ? MovableClock(base: clock) : clock,
                            mailTransport: transport ?? RecordingTransport())
        try await body(app, clock)
    } catch {
        try? await app.asyncShutdown()
        try? await database?.drop()
        if database != nil { await TestDatabase.slots.release() }
        try? FileManager.default.removeItem(atPath: dataDir)
        throw error
    }
    try await app.asyncShutdown()
    try? await database?.drop()
    if database != nil { await TestDatabase.slots.release() }
    try? FileManager.default.removeItem(atPath: dataDir)
}

/// A counting semaphore for async code.
actor Slots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// A throwaway PostgreSQL database on the server named by `DATABASE_URL`.
struct TestDatabase {
    /// Enough tests at once to keep the server busy, few enough that their pools (4 connections
    /// per core each) stay under the 200 connections `.ci/start-postgres` allows.
    static let slots = Slots(max(2, 150 / (System.coreCount * 4)))
    let base: String
    let name: String
    var url: String {
        var c = URLComponents(string: base)!
        c.path = "/" + name
        return c.string!
    }

    static func create(base: String) async throws -> TestDatabase {
        let db = TestDatabase(base: base, name: "docket_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
        try await db.admin("CREATE DATABASE \(db.name)")
        return db
    }

    func drop() async throws {
        try await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private func admin(_ statement: String) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try .postgres(url: base), as: .psql)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// Keeps every message handed to it.
final class RecordingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var _messages: [MailMessage] = []
    var failing = false
    var delay: UInt64 = 0

    var messages: [MailMessage] { lock.lock(); defer { lock.unlock() }; return _messages }

    struct Refused: Error {}

    func deliver(_ message: MailMessage) async throws {
        if delay > 0 { try await Task.sleep(nanoseconds: delay) }
        if lock.withLock({ failing }) { throw Refused() }
        lock.withLock { _messages.append(message) }
    }
}

/// Every log line written during the test run, so tests can check what is never logged.
enum CapturedLogs {
    nonisolated(unsafe) private static var lines: [String] = []
    private static let lock = NSLock()
    private static let once: Void = {
        LoggingSystem.bootstrap { label in RedactingLogHandler(Handler(label: label)) }
    }()

    static func bootstrap() { _ = once }

    static var all: String { lock.withLock { lines.joined(separator: "\n") } }

    struct Handler: LogHandler {
        let label: String
        var logLevel: Logger.Level = .debug
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            // One event a line: a multi-line SQL statement in the metadata stays on its event's line.
            let line = "\(event.level) \(label) \(event.message) \(all)".replacingOccurrences(of: "\n", with: " ")
            CapturedLogs.lock.withLock { CapturedLogs.lines.append(line) }
        }
    }
}
