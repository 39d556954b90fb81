import DocketCore
import Fluent
import SQLKit

/// Indexes for the lookups every ODR page makes: a case's invitations, an account's answered
/// invitations, and an account's representations (odr_representatives is unique on
/// (case_id, account_id), which serves lookups by case but not by account alone).
struct AddOdrLookupIndexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.create(index: "odr_invitations_case").on(OdrInvitationRecord.schema).column("case_id").run()
        try await sql.create(index: "odr_invitations_account").on(OdrInvitationRecord.schema).column("account_id").run()
        try await sql.create(index: "odr_representatives_account").on(OdrRepresentativeRecord.schema).column("account_id").run()
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for name in ["odr_invitations_case", "odr_invitations_account", "odr_representatives_account"] {
            try await sql.drop(index: name).run()
        }
    }
}
