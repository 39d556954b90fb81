import Fluent
import SQLKit

/// What listings read without opening a case: the parties' names and the balance on the projection,
/// the day the sweep is next due there; each participant row carries its case's kind, whether it is
/// open, and its last activity, so "my cases" is one index range however many cases a person has.
/// `projection_versions` records which version of `CaseProjection` wrote the rows: a start-up with a
/// newer version re-projects every case once (here, to fill the new columns).
struct AddCaseListings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.transaction { db in
            // One column a statement: SQLite adds one column per ALTER TABLE.
            for (name, type) in [("first_party", DatabaseSchema.DataType.string), ("other_party", .string),
                                 ("balance_cents", .int64), ("sweep_on", .string)] {
                try await db.schema("case_projections").field(.string(name), type).update()
            }
            try await db.schema("case_participants").field("kind", .string, .required, .sql(.default("court"))).update()
            try await db.schema("case_participants").field("open", .bool, .required, .sql(.default(true))).update()
            try await db.schema("case_participants").field("updated_at", .datetime).update()
            try await db.schema("projection_versions").field("id", .int, .identifier(auto: false))
                .field("version", .int, .required).create()
            let sql = db as! any SQLDatabase
            try await sql.raw("INSERT INTO projection_versions (id, version) VALUES (1, 1)").run()
            try await sql.create(index: "case_projections_sweep").on("case_projections").column("sweep_on").run()
            try await sql.create(index: "case_participants_listing").on("case_participants")
                .column("account_id").column("kind").column("open").column("updated_at").column("case_id").run()
            try await sql.create(index: "case_participants_recent").on("case_participants")
                .column("account_id").column("kind").column("updated_at").column("case_id").run()
            try await sql.create(index: "case_projections_filer_submitted").on("case_projections")
                .column("filer_account_id").column("submitted_at").run()
            try await sql.create(index: "case_participants_case").on("case_participants").column("case_id").run()
            try await sql.create(index: "claims_account_status").on("claims").column("account_id").column("status").column("updated_at").run()
            try await sql.create(index: "odr_cases_account_status").on("odr_cases").column("account_id").column("status").column("updated_at").run()
        }
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for name in ["case_projections_sweep", "case_projections_filer_submitted", "case_participants_listing", "case_participants_recent", "case_participants_case",
                     "claims_account_status", "odr_cases_account_status"] {
            try await sql.drop(index: name).run()
        }
        try await db.schema("projection_versions").delete()
        for name in ["kind", "open", "updated_at"] { try await db.schema("case_participants").deleteField(.string(name)).update() }
        for name in ["first_party", "other_party", "balance_cents", "sweep_on"] {
            try await db.schema("case_projections").deleteField(.string(name)).update()
        }
    }
}
