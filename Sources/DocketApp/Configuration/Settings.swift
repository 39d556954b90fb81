import DocketCore
import Foundation
import Vapor

/// Everything Docket reads from its environment, in one place. See the README for each variable.
public struct Settings: Sendable {
    /// Where the SQLite file, uploaded files and keys live (`DOCKET_DATA_DIR`, default `./data`).
    public var dataDirectory: String
    /// `DATABASE_URL` (postgres://…) switches from SQLite to PostgreSQL.
    public var databaseURL: String?
    /// `SMTP_URL` (smtp://user:pass@host:port, or smtps://…) turns on SMTP delivery.
    public var smtpURL: String?
    /// `DOCKET_MAIL_FROM`: the sender of every message.
    public var mailFrom: String
    /// `DOCKET_BASE_URL`: the address people use to reach Docket, for links in email.
    public var baseURL: String
    /// `DOCKET_SESSION_IDLE_MINUTES`: minutes of inactivity that end a session (seed 002: 15).
    public var sessionIdleMinutes: Int
    /// `DOCKET_RESOURCES_DIR`: the folder holding `Resources/` and `Public/` (default: the working directory).
    public var resourcesDirectory: String
    /// `DOCKET_MAIL_INTERVAL_SECONDS`: how often the delivery worker looks for mail to send.
    public var mailIntervalSeconds: Double
    /// `DOCKET_SWEEP_INTERVAL_SECONDS`: how often ODR cases are swept for lapses, reminders and defaults.
    public var sweepIntervalSeconds: Double
    /// `DOCKET_LOG_FORMAT`: `json` for one JSON object a line, `text` for Vapor's console format.
    public var logFormat: String
    /// `DOCKET_SPECIAL_HOLIDAYS` and `DOCKET_OFFICE_CLOSURES`: extra dates (YYYY-MM-DD, comma
    /// separated) added to the rule set's calendar, as for `docket rules`.
    public var specialHolidays: String
    public var officeClosures: String
    /// `DOCKET_DB_POOL`: PostgreSQL connections per event loop (one event loop per core).
    public var databasePoolSize: Int
    /// `DOCKET_TRUSTED_PROXIES`: addresses of reverse proxies whose `X-Forwarded-Proto` and
    /// `X-Forwarded-For` are believed (comma separated). From anyone else those headers are ignored.
    public var trustedProxies: Set<String>
    /// `DOCKET_SHUTDOWN_GRACE_SECONDS`: how long a stop waits for requests in flight (default 30).
    public var shutdownGraceSeconds: Int
    /// `DOCKET_NOW` (Toronto time, `YYYY-MM-DDTHH:MM`) or `DOCKET_CLOCK_OFFSET` (seconds): where the
    /// movable development clock starts, as an offset from real time. Refused in production.
    public var clockOffset: TimeInterval?
    /// `DOCKET_ISSUANCE`: `automatic` (the default: an online claim issues when submitted, as seed
    /// 002 describes) or `clerk-confirmation` (Ontario from 2025-06-08, O. Reg. 153/25: every claim
    /// waits for a clerk and issues on the day the clerk confirms it).
    public var issuance: String
    /// `DOCKET_TEMPLATE_RELOAD=1`: read and parse templates on every request (for editing them).
    public var reloadsTemplates: Bool
    /// Whether this process runs the background workers (mail delivery). True for `serve`.
    public var runsBackgroundWork: Bool = false

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        func value(_ key: String) -> String? {
            guard let v = environment[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        let cwd = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        dataDirectory = value("DOCKET_DATA_DIR") ?? cwd + "data"
        databaseURL = value("DATABASE_URL")
        smtpURL = value("SMTP_URL")
        mailFrom = value("DOCKET_MAIL_FROM") ?? "Docket <no-reply@docket.localhost>"
        baseURL = value("DOCKET_BASE_URL") ?? "http://127.0.0.1:8080"
        sessionIdleMinutes = value("DOCKET_SESSION_IDLE_MINUTES").flatMap(Int.init) ?? 15
        resourcesDirectory = value("DOCKET_RESOURCES_DIR") ?? cwd
        mailIntervalSeconds = value("DOCKET_MAIL_INTERVAL_SECONDS").flatMap(Double.init) ?? 5
        logFormat = value("DOCKET_LOG_FORMAT") ?? "text"
        sweepIntervalSeconds = value("DOCKET_SWEEP_INTERVAL_SECONDS").flatMap(Double.init) ?? 60
        specialHolidays = value("DOCKET_SPECIAL_HOLIDAYS") ?? ""
        databasePoolSize = value("DOCKET_DB_POOL").flatMap(Int.init).map { max(1, $0) } ?? 4
        officeClosures = value("DOCKET_OFFICE_CLOSURES") ?? ""
        if let at = value("DOCKET_NOW") {
            clockOffset = CourtTime.localInstant(at).map { $0.timeIntervalSinceNow } ?? .nan
        } else {
            clockOffset = value("DOCKET_CLOCK_OFFSET").map { Double($0) ?? .nan }
        }
        reloadsTemplates = value("DOCKET_TEMPLATE_RELOAD") == "1"
        issuance = value("DOCKET_ISSUANCE") ?? IssuanceMode.automatic.rawValue
        shutdownGraceSeconds = value("DOCKET_SHUTDOWN_GRACE_SECONDS").flatMap(Int.init).map { max(1, $0) } ?? 30
        trustedProxies = Set((value("DOCKET_TRUSTED_PROXIES") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    var resourcesPath: String { resourcesDirectory.hasSuffix("/") ? resourcesDirectory : resourcesDirectory + "/" }
}
