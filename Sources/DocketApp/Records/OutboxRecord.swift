import Fluent
import Foundation

/// A message waiting to go out, written in the same transaction as the action that caused it.
final class OutboxRecord: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var textBody: String
    @Field(key: "html_body") var htmlBody: String
    /// JSON array of `MailAttachment` references (stored files, not bytes).
    @Field(key: "attachments") var attachments: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "failed_at") var failedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    /// The message carries a single-use link: its bodies are scrubbed once it is delivered.
    @Field(key: "sensitive") var sensitive: Bool

    init() {}
}
