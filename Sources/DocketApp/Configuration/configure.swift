import DocketCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import Vapor

/// Sets Docket up on `app`: data folder, database and migrations, templates, middleware, routes,
/// commands and the mail worker. Tests pass their own clock and mail transport.
public func configure(_ app: Application, settings: Settings, clock: any DocketClock = SystemClock(),
                      mailTransport: (any MailTransport)? = nil, migrate: Bool = true) async throws {
    try DataFolder.prepare(settings.dataDirectory)
    let secret = try DataFolder.secret(in: settings.dataDirectory)
    let catalogue = try Catalogue(directory: settings.resourcesPath + "Resources/Localization")
    let commonPasswords = (try? String(contentsOfFile: settings.resourcesPath + "Resources/common-passwords.txt", encoding: .utf8)) ?? ""
    let transport = try mailTransport ?? defaultTransport(settings: settings, environment: app.environment, logger: app.logger)
    app.storage[DocketServicesKey.self] = DocketServices(
        settings: settings, clock: clock, secret: secret, catalogue: catalogue,
        passwords: PasswordPolicy(commonPasswords: commonPasswords.split(whereSeparator: \.isNewline).map(String.init)),
        seal: try SealedDocuments.loadSeal(settings: settings),
        platformSeal: try SealedDocuments.loadSeal(settings: settings, variable: "DOCKET_PLATFORM_KEY", file: "platform.key"),
        mailTransport: transport, rules: try courtRules(settings))

    if app.environment == .testing {
        app.passwords.use(.bcrypt(cost: 4))
    }
    app.docket.dummyPasswordHash = try app.password.hash(Tokens.random())
    app.lifecycle.use(app.docket.slowWork)

    if let url = settings.databaseURL {
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: settings.databasePoolSize,
                                        connectionPoolTimeout: .seconds(30)), as: .psql)
    } else {
        let path = (settings.dataDirectory as NSString).appendingPathComponent("docket.sqlite")
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(30)), as: .sqlite)
        app.databases.middleware.use(SQLiteFile(path: path), on: .sqlite)
    }
    app.migrations.add(Migrations.all)
    if migrate {
        try await app.autoMigrate()
        try await CaseProjection.upgrade(app: app)
        if settings.databaseURL == nil, let sql = app.db as? any SQLDatabase {
            // Readers do not wait for the writer, and the file survives a crash mid-write.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await CourtOffices.seedIfEmpty(app, csvPath: settings.resourcesPath + "Resources/data/ontario-court-offices.csv")
    }
    if settings.databaseURL == nil { try await SQLitePages.keepMore(app) }

    app.directory = DirectoryConfiguration(workingDirectory: settings.resourcesPath)
    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag()
    // Parsed templates are kept, whatever the environment; DOCKET_TEMPLATE_RELOAD=1 reads them
    // afresh on every request, for editing templates without restarting.
    app.leaf.cache.isEnabled = !settings.reloadsTemplates
    app.docket.templates = try TemplateLibrary(directory: app.directory.viewsDirectory, reloads: settings.reloadsTemplates)

    app.middleware = Middlewares()
    app.servers.use { $0.docketServer }
    app.http.server.configuration.shutdownTimeout = .seconds(Int64(settings.shutdownGraceSeconds))
    app.middleware.use(MiddlewareChain(stages: [
        InFlightRequests.Middleware(requests: app.inFlightRequests),
        RequestLogMiddleware(),
        SecurityHeadersMiddleware(),
        ErrorPageMiddleware(environment: app.environment),
        LanguageMiddleware(),
        PublicFiles(directory: app.directory.publicDirectory, reloads: settings.reloadsTemplates),
        AccountSessionMiddleware(),
        CSRFMiddleware(),
    ]))
    app.routes.defaultMaxBodySize = "1mb"
    ContentConfiguration.global.use(decoder: RefusedMultipartDecoder(), for: .formData)

    try routes(app)

    app.asyncCommands.use(StaffCommand(), as: "staff")
    app.asyncCommands.use(PopulateCommand(), as: "populate")
    app.asyncCommands.use(MigrateOnlyCommand(), as: "migrate")
    app.asyncCommands.use(VerifyCommand(), as: "verify")
    app.asyncCommands.use(VerifyDocketsCommand(), as: "verify-dockets")
    app.lifecycle.use(BackgroundLoop(name: "mail worker", interval: \.mailIntervalSeconds) {
        try await $0.mailWorker.runOnce(now: $0.docket.clock.now())
    })
    app.lifecycle.use(BackgroundLoop(name: "sweep", interval: \.sweepIntervalSeconds) {
        try await Sweep.run(app: $0)
    })
}

/// Ontario's rule set with the configured special holidays, office closures and issuance mode.
func courtRules(_ settings: Settings) throws -> RuleSet {
    guard let issuance = IssuanceMode(rawValue: settings.issuance) else {
        throw UsageError("DOCKET_ISSUANCE: '\(settings.issuance)' is not a mode; use automatic or clerk-confirmation")
    }
    let base = RuleSets.ontarioSmallClaims.with(issuance: issuance)
    switch base.calendar.adding(specialHolidays: settings.specialHolidays, officeClosures: settings.officeClosures) {
    case .success(let calendar): return base.with(calendar: calendar)
    case .failure(let error):
        throw UsageError("\(error.list.rawValue): '\(error.entry)' is not a date; list dates as YYYY-MM-DD separated by commas")
    }
}

func defaultTransport(settings: Settings, environment: Environment, logger: Logger) throws -> any MailTransport {
    if let url = settings.smtpURL {
        return try SMTPTransport(url: url)
    }
    if environment == .production {
        logger.warning("SMTP_URL is not set: mail stays queued in the outbox until it is")
        return UnconfiguredTransport()
    }
    return DevMailboxTransport()
}
