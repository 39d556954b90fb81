import DocketCore
import Foundation

/// Takes a filing fee. A card processor would implement this; none is wired in.
protocol PaymentGateway: Sendable {
    /// Charges `amount` for `description`; returns the reference the court reconciles against.
    func charge(_ amount: Money, description: String, at now: Date) async throws -> String
    /// Cancels the charge `reference`: the filing it paid for was not recorded.
    func void(_ reference: String, at now: Date) async
}

/// The built-in gateway: it takes no money. It gives each fee a unique reference and records it
/// with the filing, for the court office to reconcile with what it collects.
struct RecordedPaymentGateway: PaymentGateway {
    func charge(_ amount: Money, description: String, at now: Date) async throws -> String {
        let day = CivilDate.of(now).description.replacingOccurrences(of: "-", with: "")
        return "PAY-\(day)-" + Tokens.sha256(Tokens.random()).prefix(10).uppercased()
    }

    /// Nothing was taken, so nothing is given back; the reference is never recorded with a filing.
    func void(_ reference: String, at now: Date) async {}
}
