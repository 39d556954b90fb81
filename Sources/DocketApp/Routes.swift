import DocketCore
import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HomeController())
    try app.register(collection: HealthController())
    try app.register(collection: RegistrationController())
    try app.register(collection: SignInController())
    try app.register(collection: RecoveryController())
    try app.register(collection: MyAccountController())
    try app.register(collection: StaffController())
    try app.register(collection: CourtOfficeController())
    try app.register(collection: VerifyController())
    try app.register(collection: PreparedClaimController())
    try app.register(collection: ClaimController())
    try app.register(collection: ClaimSectionController())
    try app.register(collection: ClaimDocumentsController())
    try app.register(collection: ClerkReviewController())
    try app.register(collection: OdrDraftController())
    try app.register(collection: OdrInvitationController())
    try app.register(collection: OdrCaseController())
    try app.register(collection: OdrSettlementController())
    if app.environment != .production {
        try app.register(collection: DevMailboxController())
        if let clock = app.docket.clock as? MovableClock {
            try app.register(collection: DevClockController(clock: clock))
        }
    }
}
