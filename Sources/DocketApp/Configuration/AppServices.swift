import DocketCore
import DocketDocuments
import Foundation
import Vapor

/// The pieces that reach the outside world or depend on time, kept on the application so tests can
/// swap them: the clock, the settings, the server secret, and the mail transport.
struct DocketServicesKey: StorageKey {
    typealias Value = DocketServices
}

public final class DocketServices: @unchecked Sendable {
    public let settings: Settings
    public let clock: any DocketClock
    /// 32 random bytes kept in the data folder; keys the CSRF tokens and decoy recovery questions.
    public let secret: [UInt8]
    public let catalogue: Catalogue
    public let passwords: PasswordPolicy
    /// The court's seal for issued documents.
    public let seal: CourtSeal
    /// Docket's own key, for records of what parties signed (never a court's seal).
    public let platformSeal: CourtSeal
    public let mailTransport: any MailTransport
    /// The court's rules, with any configured special holidays and office closures.
    public let rules: RuleSet
    /// Where uploaded files are kept.
    let files: any FileStore
    /// Takes filing fees (tests put their own here).
    var payments: any PaymentGateway = RecordedPaymentGateway()
    /// A hash of a random string, checked against when there is no account to check.
    var dummyPasswordHash: String = ""
    /// The page templates, parsed and linked at start.
    var templates: TemplateLibrary?
    /// How write transactions start: one at a time on SQLite.
    let writes: Writes
    /// Threads for laying out and sealing documents, off the event loops.
    let slowWork = SlowWork()

    init(settings: Settings, clock: any DocketClock, secret: [UInt8], catalogue: Catalogue,
         passwords: PasswordPolicy, seal: CourtSeal, platformSeal: CourtSeal, mailTransport: any MailTransport, rules: RuleSet) {
        self.settings = settings; self.clock = clock; self.secret = secret
        self.catalogue = catalogue; self.passwords = passwords; self.seal = seal; self.platformSeal = platformSeal
        self.mailTransport = mailTransport
        self.rules = rules
        self.files = LocalFileStore(root: settings.dataDirectory)
        self.writes = Writes(serialized: settings.databaseURL == nil)
    }
}

extension Application {
    public var docket: DocketServices {
        guard let s = storage[DocketServicesKey.self] else { fatalError("configure(_:) has not run") }
        return s
    }
}

extension Request {
    var docket: DocketServices { application.docket }
    var now: Date { application.docket.clock.now() }
}
