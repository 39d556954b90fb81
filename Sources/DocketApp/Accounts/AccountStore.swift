import DocketCore
import Fluent
import Vapor

/// Creating accounts and finding them for sign-in and recovery.
enum AccountStore {
    /// The version of the terms of use people accept today (`Resources/Views/terms.leaf`).
    static let termsVersion = "2026-11-01"

    /// Stores a validated registration with its contact details and hashed answers, and queues the
    /// welcome message, in one transaction. Returns the problems if the email or sign-in ID is taken.
    static func create(_ registration: Registration, on request: Request) async throws -> Result<AccountRecord, RegistrationProblems> {
        var taken: [FieldProblem] = []
        if try await AccountRecord.query(on: request.db).filter(\.$email == registration.email).first() != nil {
            taken.append(FieldProblem("email", "error.email.taken"))
        }
        if try await AccountRecord.query(on: request.db).filter(\.$signInID == registration.signInID).first() != nil {
            taken.append(FieldProblem("signInID", "error.signInID.taken"))
        }
        if !taken.isEmpty { return .failure(RegistrationProblems(taken)) }

        let hasher = request.password.async
        let passwordHash = try await hasher.hash(registration.password).get()
        var hashes: [String] = []
        for answer in registration.answers { hashes.append(try await hasher.hash(answer).get()) }
        let answerHashes = hashes
        let now = request.now
        let account = AccountRecord()
        account.id = UUID()
        account.signInID = registration.signInID
        account.email = registration.email
        account.recoveryEmail = registration.recoveryEmail
        account.kind = registration.kind.rawValue
        account.lawSocietyNumber = registration.lawSocietyNumber
        account.passwordHash = passwordHash
        account.termsVersion = termsVersion
        account.termsAcceptedAt = now
        account.failedSignIns = 0
        account.createdAt = now
        let language = request.language
        do {
            try await request.write { db in
                let contact = ContactRecord(accountID: account.id!, details: registration.contact, at: now)
                try await contact.save(on: db)
                account.$contact.id = contact.id
                try await account.create(on: db)
                for (i, question) in registration.questions.enumerated() {
                    try await SecurityAnswerRecord(accountID: account.id!, position: i + 1, question: question,
                                                   answerHash: answerHashes[i]).create(on: db)
                }
                try await Mailbox.welcome(account, language: language, request: request, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another registration with the same email or ID won the race.
            return .failure(RegistrationProblems([FieldProblem("email", "error.email.taken")]))
        }
        request.logger.info("account registered", metadata: ["account": "\(account.id!)"])
        return .success(account)
    }

    /// The account a person means by a sign-in ID or an email address.
    static func find(identifier: String, on db: any Database) async throws -> AccountRecord? {
        let key = identifier.trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty else { return nil }
        return try await AccountRecord.query(on: db)
            .group(.or) { $0.filter(\.$signInID == key).filter(\.$email == key) }
            .first()
    }

    /// Accounts reached by an email address, as their sign-in email or recovery email.
    static func find(email: String, on db: any Database) async throws -> [AccountRecord] {
        guard let key = EmailAddress.normalised(email) else { return [] }
        return try await AccountRecord.query(on: db)
            .group(.or) { $0.filter(\.$email == key).filter(\.$recoveryEmail == key) }
            .all()
    }

    /// Where this account's mail goes: the sign-in email and, if different, the recovery email.
    static func recipients(_ account: AccountRecord) -> [String] {
        [account.email] + (account.recoveryEmail.map { $0 == account.email ? [] : [$0] } ?? [])
    }

    /// Sets a new password (hashed with `hashPassword` before the transaction, since hashing is
    /// slow), clears any lockout and ends every session of the account.
    static func setPassword(hash: String, for account: AccountRecord, request: Request, on db: any Database) async throws {
        account.passwordHash = hash
        account.failedSignIns = 0
        account.lockedUntil = nil
        try await account.save(on: db)
        try await AccountSessionRecord.query(on: db)
            .filter(\.$accountID == account.requireID())
            .filter(\.$endedAt == nil)
            .set(\.$endedAt, to: request.now)
            .set(\.$endReason, to: "password-changed")
            .update()
    }
}
