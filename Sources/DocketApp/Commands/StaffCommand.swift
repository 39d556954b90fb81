import DocketCore
import Fluent
import Vapor

/// `docket staff add --email … --role clerk|judge|admin`: staff cannot register themselves.
struct StaffCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "add")
        var action: String
        @Option(name: "email", help: "the staff member's email address; also their sign-in ID")
        var email: String?
        @Option(name: "role", help: "clerk, judge or admin")
        var role: String?
    }

    var help: String { "Adds a court staff account and prints the single-use link that sets its password." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "add" else {
            throw UsageError("unknown action '\(signature.action)': use 'docket staff add --email … --role …'")
        }
        let link = try await StaffAccounts.add(email: signature.email ?? "", role: signature.role ?? "", app: context.application)
        context.console.print("Added. The staff member sets a password at (valid 24 hours, also emailed):")
        context.console.print(link)
    }
}

/// A command used the wrong way; the description says which argument and how to fix it.
public struct UsageError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

enum StaffAccounts {
    static let setupLifetime: TimeInterval = 24 * 60 * 60

    /// Creates the account with no usable password and a set-password link; returns the link.
    static func add(email: String, role: String, app: Application) async throws -> String {
        guard let address = EmailAddress.normalised(email) else {
            throw UsageError("--email: give the staff member's email address, e.g. --email clerk@example.org")
        }
        guard let staffRole = StaffRole(rawValue: role.lowercased()) else {
            throw UsageError("--role: use one of clerk, judge, admin")
        }
        if try await AccountRecord.query(on: app.db).group(.or, { $0.filter(\.$email == address).filter(\.$signInID == address) }).first() != nil {
            throw UsageError("--email: an account with \(address) already exists")
        }
        let now = app.docket.clock.now()
        let token = Tokens.random()
        let account = AccountRecord()
        account.id = UUID()
        account.signInID = address
        account.email = address
        account.kind = "staff"
        account.staffRole = staffRole.rawValue
        account.passwordHash = try await app.password.async.hash(Tokens.random()).get()
        account.termsVersion = AccountStore.termsVersion
        account.failedSignIns = 0
        account.createdAt = now
        try await app.write { db in
            try await account.create(on: db)
            let reset = PasswordResetRecord()
            reset.tokenHash = Tokens.sha256(token)
            reset.accountID = account.id!
            reset.createdAt = now
            reset.expiresAt = now.addingTimeInterval(setupLifetime)
            try await reset.create(on: db)
            try await Mailbox.staffSetup(account, token: token, on: app, at: now, on: db)
        }
        app.logger.info("staff account added", metadata: ["account": "\(account.id!)", "role": "\(staffRole.rawValue)"])
        return app.docket.settings.baseURL + "/recover/reset?setup=1&token=" + token
    }
}

/// `docket migrate`: brings the database schema up to date and exits.
struct MigrateOnlyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Brings the database schema up to date (serve does this too at start)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        context.console.print("The database schema is up to date.")
    }
}
