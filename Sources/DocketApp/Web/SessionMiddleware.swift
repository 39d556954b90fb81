import DocketCore
import Fluent
import Vapor

/// Finds the signed-in account from the session cookie and ends sessions idle for longer than the
/// configured time (seed 002: 15 minutes). Sessions live in the database, so any server process can
/// serve any request.
struct AccountSessionMiddleware: AsyncMiddleware {
    static let cookie = "docket_session"
    /// A session's last-seen time is written at most this often, to spare the database a write per request.
    static let touchInterval: TimeInterval = 15

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var clearCookie = false
        if let token = request.cookies[Self.cookie]?.string {
            let now = request.now
            if let found = try await SessionLookup.find(tokenHash: Tokens.sha256(token), on: request.db),
               found.session.endedAt == nil {
                let session = found.session
                if now.timeIntervalSince(session.lastSeenAt) > request.docket.idleLimit {
                    try await request.autocommit { db in try await SessionLookup.end(session, reason: "idle", at: now, on: db) }
                    request.storage[SessionExpiredKey.self] = true
                    request.logger.info("session ended after inactivity")
                    clearCookie = true
                } else {
                    if now.timeIntervalSince(session.lastSeenAt) >= Self.touchInterval {
                        try await request.autocommit { db in try await SessionLookup.touch(session, at: now, on: db) }
                    }
                    request.storage[SignedInKey.self] = found
                }
            } else {
                clearCookie = true
            }
        }
        let response = try await next.respond(to: request)
        if let fresh = request.storage[NewSessionTokenKey.self] {
            response.cookies[Self.cookie] = .init(string: fresh, path: "/", isSecure: request.isSecure,
                                                  isHTTPOnly: true, sameSite: .lax)
        } else if clearCookie || request.storage[SessionEndedKey.self] == true {
            response.cookies[Self.cookie] = .expired
        }
        return response
    }
}

struct SignedIn {
    let account: AccountRecord
    let session: AccountSessionRecord
}

struct SignedInKey: StorageKey { typealias Value = SignedIn }
struct SessionExpiredKey: StorageKey { typealias Value = Bool }
struct SessionEndedKey: StorageKey { typealias Value = Bool }
struct NewSessionTokenKey: StorageKey { typealias Value = String }

extension DocketServices {
    var idleLimit: TimeInterval { TimeInterval(settings.sessionIdleMinutes * 60) }
}

extension Request {
    var signedIn: SignedIn? { storage[SignedInKey.self] }
    var account: AccountRecord? { signedIn?.account }
    var sessionExpired: Bool { storage[SessionExpiredKey.self] == true }

    /// Starts a session for `account`: a new random token in the cookie, its hash in the database.
    func startSession(for account: AccountRecord, on db: any Database) async throws {
        let token = Tokens.random()
        let session = AccountSessionRecord()
        session.tokenHash = Tokens.sha256(token)
        session.accountID = try account.requireID()
        session.createdAt = now
        session.lastSeenAt = now
        try await session.save(on: db)
        storage[NewSessionTokenKey.self] = token
        rotateCSRF()
    }

    func endSession(reason: String) async throws {
        if let session = signedIn?.session {
            let now = now
            try await autocommit { db in try await SessionLookup.end(session, reason: reason, at: now, on: db) }
        }
        storage[SignedInKey.self] = nil
        storage[SessionEndedKey.self] = true
        rotateCSRF()
    }
}
