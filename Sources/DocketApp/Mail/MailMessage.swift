import Fluent
import Foundation

/// A file to attach, by reference to stored content; bytes are read only at delivery.
struct MailAttachment: Codable, Equatable, Sendable {
    let filename: String
    let contentType: String
    /// Path relative to the data folder.
    let path: String
}

/// A message ready for a transport.
public struct MailMessage: Sendable {
    public let id: UUID
    public let from: String
    public let to: String
    public let subject: String
    public let text: String
    public let html: String
    let attachments: [(MailAttachment, Data)]
}

/// Delivers one message or throws; the worker handles retries.
public protocol MailTransport: Sendable {
    func deliver(_ message: MailMessage) async throws
}

/// In development with no SMTP server, messages are only kept for `/dev/mailbox`.
struct DevMailboxTransport: MailTransport {
    func deliver(_ message: MailMessage) async throws {}
}

/// In production with no `SMTP_URL`: nothing is sent, everything waits in the outbox.
struct UnconfiguredTransport: MailTransport {
    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "SMTP_URL is not set" }
    }
    func deliver(_ message: MailMessage) async throws { throw NotConfigured() }
}

enum Outbox {
    /// What a delivered message that carried a single-use link keeps of its bodies.
    static let scrubbed = "(removed after delivery: this message carried a single-use link)"

    /// Queues a message on `db`: call it inside the transaction of the action that causes it, so
    /// the message exists exactly when the action happened.
    static func enqueue(to recipient: String, subject: String, text: String, html: String,
                        attachments: [MailAttachment] = [], sensitive: Bool = false, at now: Date, on db: any Database) async throws {
        let record = OutboxRecord()
        record.recipient = recipient
        record.subject = subject
        record.textBody = text
        record.htmlBody = html
        record.attachments = String(decoding: try JSONEncoder().encode(attachments), as: UTF8.self)
        record.createdAt = now
        record.nextAttemptAt = now
        record.attempts = 0
        record.sensitive = sensitive
        try await record.save(on: db)
    }
}
