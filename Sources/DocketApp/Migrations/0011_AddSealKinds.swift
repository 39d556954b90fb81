import DocketCore
import Fluent

/// The register says what each sealed document is.
struct AddSealKinds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(SealedDocumentRecord.schema).field("kind", .string, .required, .sql(.default("court"))).update()
        try await db.schema(SealedDocumentRecord.schema).field("signed_by", .string, .required, .sql(.default(""))).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SealedDocumentRecord.schema).deleteField("kind").update()
        try await db.schema(SealedDocumentRecord.schema).deleteField("signed_by").update()
    }
}
