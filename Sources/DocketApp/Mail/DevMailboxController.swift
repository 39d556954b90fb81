import Fluent
import Vapor

/// `/dev/mailbox`: every queued or sent message, newest first. Registered only outside production.
struct DevMailboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("dev", "mailbox", use: list)
    }

    struct Body: Encodable {
        struct Item: Encodable {
            let to: String
            let subject: String
            let text: String
            let queued: String
            let status: String
        }
        let items: [Item]
    }

    func list(req: Request) async throws -> Response {
        let messages = try await OutboxRecord.query(on: req.db).sort(\.$createdAt, .descending).limit(200).all()
        let items = messages.map {
            Body.Item(to: $0.recipient, subject: $0.subject, text: $0.textBody,
                      queued: DateText.long($0.createdAt, req.language),
                      status: req.t($0.sentAt != nil ? "mailbox.sent" : $0.failedAt != nil ? "mailbox.failed" : "mailbox.queued"))
        }
        return try await req.page("mailbox", titleKey: "mailbox.title", Body(items: items))
    }
}
