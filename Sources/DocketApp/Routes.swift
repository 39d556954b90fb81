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
    if app.environment != .production {
        try app.register(collection: DevMailboxController())
    }
}
