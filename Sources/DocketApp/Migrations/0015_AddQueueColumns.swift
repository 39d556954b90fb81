import Fluent
import SQLKit

/// What the clerks' queue shows of a claim, on the projection (the amount claimed and why it was
/// referred), so the queue opens no claim; and indexes that answer the queue and a filer's
/// transactions from the index alone: the queue by who it waits on, kind and submission time, a
/// filer's claims by filer, kind and submission time (the count no longer reads each row to check
/// its kind). The next start re-projects every case once to fill the new columns.
struct AddQueueColumns: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.transaction { db in
            try await db.schema("case_projections").field("claimed_cents", .int64).update()
            try await db.schema("case_projections").field("referral_reasons", .string).update()
            let sql = try db.sql
            try await sql.drop(index: "case_projections_filer_submitted").run()
            try await sql.drop(index: "case_projections_waiting").run()
            try await sql.create(index: "case_projections_filer_kind").on("case_projections")
                .column("filer_account_id").column("kind").column("submitted_at").run()
            try await sql.create(index: "case_projections_queue").on("case_projections")
                .column("waiting_on").column("kind").column("submitted_at").column("id").run()
        }
    }

    func revert(on db: any Database) async throws {
        let sql = try db.sql
        try await sql.drop(index: "case_projections_filer_kind").run()
        try await sql.drop(index: "case_projections_queue").run()
        try await sql.create(index: "case_projections_filer_submitted").on("case_projections")
            .column("filer_account_id").column("submitted_at").run()
        try await sql.create(index: "case_projections_waiting").on("case_projections").column("waiting_on").column("submitted_at").run()
        for name in ["claimed_cents", "referral_reasons"] {
            try await db.schema("case_projections").deleteField(.string(name)).update()
        }
    }
}
