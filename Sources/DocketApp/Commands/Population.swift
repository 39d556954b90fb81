import DocketCore
import Fluent
import SQLKit
import Foundation
import Vapor

/// Generated accounts and cases that look like real ones: each case's events are decided by the
/// same core as the pages' (a claim is submitted, issued and sealed, or waits for a clerk; a
/// dispute is opened and then answered, argued, settled or withdrawn), hash-chained, projected,
/// and written in batches of a thousand cases a transaction. Deterministic for given numbers.
struct Population {
    let app: Application
    let people: Int
    let password: String

    struct Made {
        var accounts = 0, cases = 0, entries = 0
    }

    static let batch = 1000
    static let firstNames = ["Marie", "Jean", "Élise", "Zoë", "Amir", "Chen", "Siobhán", "Olu", "Priya", "Łukasz", "Ngozi", "François"]
    static let lastNames = ["Tremblay", "Côté", "Nguyen", "O'Brien", "Gagnon", "Singh", "Müller", "Okafor", "Roy", "Lavoie", "Kowalski", "Li"]
    static let businesses = ["Rénovations Lavoie Inc.", "Northern Roofing Ltd.", "Café Québec", "Maple Leaf Movers", "Toronto Auto Repair"]

    func fill(cases: Int, heavy: Int) async throws -> Made {
        guard try await AccountRecord.query(on: app.db).count() == 0 else {
            throw UsageError("the database already has accounts: populate fills an empty one (point DOCKET_DATA_DIR at a new folder)")
        }
        let offices = try await CourtOfficeRecord.query(on: app.db).all()
        guard !offices.isEmpty else { throw UsageError("no court offices: run the migrations first") }
        let hash = try await app.password.async.hash(password).get()
        var made = Made()
        var filers: [Person] = []
        for start in stride(from: 0, to: people, by: Self.batch) {
            let range = start..<min(people, start + Self.batch)
            let batch = range.map { Person(n: $0 + 1, signInID: "filer\($0 + 1)") }
            try await save(batch, hash: hash)
            filers += batch
        }
        let heavyFiler = Person(n: people + 1, signInID: "heavy", kind: AccountKind.representative.rawValue)
        let clerk = Person(n: people + 2, signInID: "clerk", kind: "staff")
        try await save([heavyFiler, clerk], hash: hash)
        made.accounts = people + 2

        var generator = CaseGenerator(app: app, offices: offices)
        let total = cases + heavy
        for start in stride(from: 0, to: total, by: Self.batch) {
            var rows = CaseRows()
            for n in start..<min(total, start + Self.batch) {
                let filer = n < cases ? filers[n % filers.count] : heavyFiler
                let other = filers[(n * 7 + 1) % filers.count]
                generator.make(n, filer: filer, other: other.n == filer.n ? filers[(n + 1) % filers.count] : other, into: &rows)
            }
            let written = rows
            try await app.write { db in try await written.save(on: db) }
            made.entries += rows.entries.count
        }
        try await generator.saveCounters(on: app.db)
        made.cases = total
        if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" {
            // The fill's write-ahead log goes into the file now, not at the next start (after a
            // million cases it was 110 MB, and that start peaked at 575 MB against 88 MB later).
            try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        }
        return made
    }

    /// A generated account: its sign-in ID, email and name.
    struct Person {
        let n: Int
        let signInID: String
        var kind = AccountKind.individual.rawValue
        var id: UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012x", n))! }
        var email: String { "\(signInID)@example.com" }
        var firstName: String { Population.firstNames[n % Population.firstNames.count] }
        var lastName: String { Population.lastNames[(n / Population.firstNames.count) % Population.lastNames.count] }
        var name: String { "\(firstName) \(lastName)" }
    }

    private func save(_ batch: [Person], hash: String) async throws {
        let now = app.docket.clock.now()
        try await app.write { db in
            var contacts: [ContactRecord] = []
            var accounts: [AccountRecord] = []
            for p in batch {
                let contact = ContactRecord(accountID: p.id, details: ContactDetails(
                    lastName: p.lastName, firstName: p.firstName, address: "\(p.n) Queen Street West", city: "Toronto",
                    province: "ON", postalCode: "M5V 2A8", phone: "416-555-0100"), at: now)
                contact.id = UUID()
                let account = AccountRecord()
                account.id = p.id
                account.signInID = p.signInID
                account.email = p.email
                account.kind = p.kind
                account.staffRole = p.kind == "staff" ? StaffRole.clerk.rawValue : nil
                account.lawSocietyNumber = p.kind == AccountKind.representative.rawValue ? "12345L" : nil
                account.passwordHash = hash
                account.termsVersion = AccountStore.termsVersion
                account.termsAcceptedAt = now
                account.failedSignIns = 0
                account.createdAt = now
                account.$contact.id = contact.id
                contacts.append(contact); accounts.append(account)
            }
            try await contacts.create(on: db)
            try await accounts.create(on: db)
        }
    }
}

/// The rows of a batch of generated cases, written together.
struct CaseRows: Sendable {
    var claims: [ClaimRecord] = []
    var disputes: [OdrCaseRecord] = []
    var invitations: [OdrInvitationRecord] = []
    var entries: [DocketEntryRecord] = []
    var projections: [CaseProjectionRecord] = []
    var participants: [CaseParticipantRecord] = []

    /// Writes the batch as plain multi-row inserts (the model's reflection per row was most of
    /// the time it took).
    func save(on db: any Database) async throws {
        try await PlainRows.insert(claims, on: db)
        try await PlainRows.insert(disputes, on: db)
        try await PlainRows.insert(invitations, on: db)
        try await DocketRows.insert(entries, on: db)
        try await ProjectionRows.insert(projections, on: db)
        try await ProjectionRows.insert(participants, on: db)
    }
}
