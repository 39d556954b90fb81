import Fluent
import SQLKit
import Vapor

/// Counts events per key in fixed windows, with the check and the count in one statement, so any
/// number of simultaneous requests (in any number of processes) can never all pass a limit.
enum RateLimiter {
    static let schema = "rate_limits"

    /// A named limit: at most `limit` events a key in `window` seconds.
    struct Rule: Sendable {
        let name: String
        let limit: Int
        let window: TimeInterval
    }

    /// Counts one event for `key` and says whether it is within the rule. An event over the limit
    /// is counted too, so hammering does not reopen the window early.
    static func take(_ rule: Rule, key: String, now: Date, on db: any Database) async throws -> Bool {
        try await count(rule, key: key, now: now, on: db) <= rule.limit
    }

    /// Counts one event and returns how many there have been in the current window.
    static func count(_ rule: Rule, key: String, now: Date, on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let id = rule.name + ":" + key
        let at = now.timeIntervalSince1970
        let cutoff = at - rule.window
        let row = try await sql.raw("""
            INSERT INTO \(ident: schema) (key, window_start, hits) VALUES (\(bind: id), \(bind: at), 1)
            ON CONFLICT (key) DO UPDATE SET
              hits = CASE WHEN \(ident: schema).window_start <= \(bind: cutoff) THEN 1 ELSE \(ident: schema).hits + 1 END,
              window_start = CASE WHEN \(ident: schema).window_start <= \(bind: cutoff) THEN \(bind: at) ELSE \(ident: schema).window_start END
            RETURNING hits
            """).first()
        return try row?.decode(column: "hits", as: Int.self) ?? Int.max
    }

    /// Gives back one event (a sign-in that turned out right does not count as a failure).
    static func giveBack(_ rule: Rule, key: String, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("UPDATE \(ident: schema) SET hits = hits - 1 WHERE key = \(bind: rule.name + ":" + key) AND hits > 0").run()
    }

    /// Forgets windows that ended more than a day ago.
    static func prune(now: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DELETE FROM \(ident: schema) WHERE window_start < \(bind: now.timeIntervalSince1970 - 86_400)").run()
    }
}
