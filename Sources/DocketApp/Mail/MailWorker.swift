import Fluent
import Foundation
import SQLKit
import Vapor

/// Delivers queued mail. Each message is claimed with a lease before it is sent, so when several
/// server processes share a PostgreSQL database each message is taken by one of them
/// (`FOR UPDATE SKIP LOCKED`); a process that dies mid-send leaves a lease that runs out and the
/// message is tried again. Failures are retried with growing waits.
struct MailWorker {
    let db: any Database
    let transport: any MailTransport
    let from: String
    let files: any FileStore
    let logger: Logger

    static let lease: TimeInterval = 300
    static let maxAttempts = 12

    /// Seconds to wait after the `attempt`-th failure: 30 s, 1 min, 2 min, … up to an hour.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(0, attempt - 1))), 3600)
    }

    /// Sends what is due at `now`, at most `limit` messages; returns how many were delivered.
    @discardableResult
    func runOnce(now: Date, limit: Int = 50) async throws -> Int {
        var delivered = 0
        for _ in 0..<limit {
            guard let record = try await claim(now: now) else { break }
            do {
                try await transport.deliver(message(from: record))
                record.sentAt = now
                // The development mailbox is where such mail is read, so it keeps its links there.
                if record.sensitive, !(transport is DevMailboxTransport) {
                    record.textBody = Outbox.scrubbed
                    record.htmlBody = Outbox.scrubbed
                }
                record.leaseUntil = nil
                record.lastError = nil
                delivered += 1
            } catch {
                record.lastError = String(describing: error).prefix(500).description
                record.leaseUntil = nil
                if record.attempts >= Self.maxAttempts {
                    record.failedAt = now
                    logger.error("gave up delivering a message", metadata: ["outbox-id": "\(record.id?.uuidString ?? "")"])
                } else {
                    record.nextAttemptAt = now.addingTimeInterval(Self.backoff(afterAttempt: record.attempts))
                    logger.warning("mail delivery failed; will retry", metadata: [
                        "outbox-id": "\(record.id?.uuidString ?? "")", "attempt": "\(record.attempts)"])
                }
            }
            try await record.save(on: db)
        }
        return delivered
    }

    /// Takes one due message for this process, or nil when none is due.
    func claim(now: Date) async throws -> OutboxRecord? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw("""
            UPDATE mail_outbox SET lease_until = \(bind: now.addingTimeInterval(Self.lease)), attempts = attempts + 1
            WHERE id = (SELECT id FROM mail_outbox
                        WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= \(bind: now)
                          AND (lease_until IS NULL OR lease_until < \(bind: now))
                        ORDER BY next_attempt_at LIMIT 1\(unsafeRaw: lock))
            RETURNING id
            """).all()
        guard let id = try rows.first?.decode(column: "id", as: UUID.self) else { return nil }
        return try await OutboxRecord.find(id, on: db)
    }

    func message(from record: OutboxRecord) throws -> MailMessage {
        let refs = try JSONDecoder().decode([MailAttachment].self, from: Data(record.attachments.utf8))
        let attached = try refs.map { ref -> (MailAttachment, Data) in
            guard let data = files.get(ref.path) else {
                throw MailError.missingAttachment(ref.path)
            }
            return (ref, data)
        }
        return MailMessage(id: try record.requireID(), from: from, to: record.recipient, subject: record.subject,
                           text: record.textBody, html: record.htmlBody, attachments: attached)
    }
}

enum MailError: Error, CustomStringConvertible {
    case missingAttachment(String)
    var description: String {
        switch self { case .missingAttachment(let p): "attachment \(p) is missing from the data folder" }
    }
}

extension Application {
    var mailWorker: MailWorker {
        MailWorker(db: db, transport: docket.mailTransport, from: docket.settings.mailFrom,
                   files: docket.files, logger: logger)
    }
}

/// Runs `work` every `interval` seconds in the background while `docket serve` runs.
struct BackgroundLoop: LifecycleHandler {
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()
    let name: String
    let interval: @Sendable (Settings) -> Double
    let work: @Sendable (Application) async throws -> Void

    func didBootAsync(_ app: Application) async throws {
        guard app.docket.settings.runsBackgroundWork else { return }
        let seconds = interval(app.docket.settings)
        let (name, work) = (self.name, self.work)
        box.task = Task {
            while !Task.isCancelled {
                do {
                    try await work(app)
                } catch {
                    app.logger.error("\(name): \(String(describing: error))")
                }
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        box.task?.cancel()
        await box.task?.value
    }
}
