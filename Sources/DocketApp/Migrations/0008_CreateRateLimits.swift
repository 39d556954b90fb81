import DocketCore
import Fluent
import SQLKit

struct CreateRateLimits: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(RateLimiter.schema)
            .field("key", .string, .identifier(auto: false))
            .field("window_start", .double, .required)
            .field("hits", .int, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "rate_limits_window_start").on(RateLimiter.schema).column("window_start").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(RateLimiter.schema).delete()
    }
}
