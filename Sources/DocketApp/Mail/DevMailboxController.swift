import Fluent
import Vapor

/// `/dev/mailbox`: every queued or sent message, newest first. Registered only outside production.
struct DevMailboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("dev", "mailbox", use: list)
        routes.get("dev", "mailbox", ":messageID", "attachments", ":index", use: attachment)
    }

    struct Body: Encodable {
        struct Item: Encodable {
            let to: String
            let subject: String
            let text: String
            let queued: String
            let status: String
            let attachments: [LinkView]
            var hasAttachments: Bool { !attachments.isEmpty }

            enum CodingKeys: String, CodingKey { case to, subject, text, queued, status, attachments, hasAttachments }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(to, forKey: .to); try c.encode(subject, forKey: .subject); try c.encode(text, forKey: .text)
                try c.encode(queued, forKey: .queued); try c.encode(status, forKey: .status)
                try c.encode(attachments, forKey: .attachments); try c.encode(hasAttachments, forKey: .hasAttachments)
            }
        }
        let items: [Item]
    }

    func list(req: Request) async throws -> Response {
        let messages = try await OutboxRecord.query(on: req.db).sort(\.$createdAt, .descending).limit(200).all()
        let items = messages.map { m in
            Body.Item(to: m.recipient, subject: m.subject, text: m.textBody,
                      queued: DateText.long(m.createdAt, req.language),
                      status: req.t(m.sentAt != nil ? "mailbox.sent" : m.failedAt != nil ? "mailbox.failed" : "mailbox.queued"),
                      attachments: Self.attachments(of: m).enumerated().map { n, a in
                          LinkView(href: "/dev/mailbox/\(m.id!)/attachments/\(n)", label: a.filename)
                      })
        }
        return try await req.page("mailbox", titleKey: "mailbox.title", Body(items: items))
    }

    static func attachments(of message: OutboxRecord) -> [MailAttachment] {
        (try? JSONDecoder().decode([MailAttachment].self, from: Data(message.attachments.utf8))) ?? []
    }

    /// An attached file, as the recipient would get it.
    func attachment(req: Request) async throws -> Response {
        guard let id = req.parameters.get("messageID", as: UUID.self), let n = req.parameters.get("index", as: Int.self),
              let message = try await OutboxRecord.find(id, on: req.db) else { throw Abort(.notFound) }
        let list = Self.attachments(of: message)
        guard list.indices.contains(n), !list[n].path.contains(".."),
              let data = req.docket.files.get(list[n].path)
        else { throw Abort(.notFound) }
        return .download(data, type: list[n].contentType, filename: list[n].filename)
    }
}
