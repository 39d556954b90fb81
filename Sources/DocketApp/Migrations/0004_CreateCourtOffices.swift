import DocketCore
import Fluent

struct CreateCourtOffices: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(CourtOfficeRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("street_address", .string, .required)
            .field("city", .string, .required)
            .field("postal_code", .string, .required)
            .field("phone", .string, .required)
            .field("small_claims", .string, .required)
            .field("location_id", .string, .required)
            .field("retired_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(CourtOfficeRecord.schema).delete()
    }
}
