import Vapor

/// Refusals the web front end makes itself (the core's are `Refusal`): each has its status and
/// the catalogue entry of its error page.
enum PageError: Error, Equatable {
    /// The form's CSRF token is missing or does not match: the form expired.
    case formExpired
    /// A submitted claim cannot be changed.
    case filingSubmitted
    /// A submitted dispute cannot be changed; the page offers to copy it into a new draft.
    case disputeSubmitted

    var status: HTTPStatus {
        switch self {
        case .formExpired: .forbidden
        case .filingSubmitted, .disputeSubmitted: .conflict
        }
    }

    /// The `error.page.<key>` entries that explain it.
    var pageKey: String {
        switch self {
        case .formExpired: "csrf"
        case .filingSubmitted: "409"
        case .disputeSubmitted: "409odrSubmitted"
        }
    }
}
