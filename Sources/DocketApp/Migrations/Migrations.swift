import Fluent

/// The schema, in order: one migration a file, numbered. A released migration is never edited; a
/// change is a new migration at the end. Each runs once on a database made by any earlier release.
enum Migrations {
    static let all: [any AsyncMigration] = [
        CreateAccounts(),                // 0001
        CreateSessions(),                // 0002
        CreateOutbox(),                  // 0003
        CreateCourtOffices(),            // 0004
        CreateSealedDocuments(),         // 0005
        CreateClaims(),                  // 0006
        CreateOdr(),                     // 0007
        CreateRateLimits(),              // 0008
        AddOutboxSensitive(),            // 0009
        AddOfficeNamesAndShortCodes(),   // 0010
        AddSealKinds(),                  // 0011
        CreateCaseProjections(),         // 0012
        AddOdrLookupIndexes(),           // 0013
        AddCaseListings(),               // 0014
        AddQueueColumns(),               // 0015
    ]
}
