import DocketCore
import Fluent

struct CreateSealedDocuments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SealedDocumentRecord.schema)
            .id()
            .field("sha256", .string, .required)
            .field("signature", .string, .required)
            .field("title", .string, .required)
            .field("reference", .string, .required)
            .field("path", .string, .required)
            .field("sealed_at", .datetime, .required)
            .unique(on: "sha256")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SealedDocumentRecord.schema).delete()
    }
}
