import DocketCore
import Fluent
import Vapor

/// `docket populate --cases N [--people P] [--heavy H] [--password …]`: fills an empty database
/// with generated accounts, court claims and online disputes, each with its docket, projection and
/// participants, for load tests and demonstrations. It refuses a database that has accounts.
struct PopulateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "cases", help: "how many cases, half court claims and half online disputes (default 1,000)")
        var cases: Int?
        @Option(name: "people", help: "how many filers share them (default one for every ten cases)")
        var people: Int?
        @Option(name: "heavy", help: "cases for one more filer, sign-in ID 'heavy' (default 0)")
        var heavy: Int?
        @Option(name: "password", help: "every generated account's password (default 'generated-Password-1')")
        var password: String?
    }

    var help: String { "Fills an empty database with generated accounts and cases, for load tests and demonstrations." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let cases = signature.cases ?? 1000
        let heavy = signature.heavy ?? 0
        guard (0...5_000_000).contains(cases) else { throw UsageError("--cases: give a number from 0 to 5000000") }
        guard (0...1_000_000).contains(heavy) else { throw UsageError("--heavy: give a number from 0 to 1000000") }
        let people = signature.people ?? max(2, cases / 10)
        guard (2...1_000_000).contains(people) else { throw UsageError("--people: give a number from 2 to 1000000") }
        let password = signature.password ?? "generated-Password-1"
        let started = Date()
        let made = try await Population(app: context.application, people: people, password: password).fill(cases: cases, heavy: heavy)
        context.console.print("Generated \(made.accounts) accounts and \(made.cases) cases (\(made.entries) docket entries) in "
                              + String(format: "%.1f s", Date().timeIntervalSince(started)) + ".")
        context.console.print("Sign in as filer1 … filer\(people)\(heavy > 0 ? ", heavy" : ""), or clerk, with the password '\(password)'.")
    }
}
