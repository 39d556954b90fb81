import DocketCore
import Vapor

/// Turns every error into a page in the person's language. A 500 says only that something went
/// wrong and gives the request id to quote; the details go to the log.
struct ErrorPageMiddleware: AsyncMiddleware {
    let environment: Environment

    struct Body: Encodable {
        let status: Int
        let heading: String
        let message: String
        let requestID: String?
        /// Back to the filing or case the refused request was about.
        let back: LinkView?
        /// For a submitted ODR case: "Start a new case from this one".
        let copyAction: String?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            if let refusal = error as? Refusal { return try await render(refusal, for: request) }
            if let pageError = error as? PageError { return try await render(status: pageError.status, key: pageError.pageKey, for: request) }
            let status = (error as? any AbortError)?.status ?? .internalServerError
            if status.code >= 500 { request.logger.report(error: error) }
            return try await render(status: status, key: Self.key(for: status), for: request)
        }
    }

    /// A refusal from the core: 409 when the step was taken already, 403 when it is not the
    /// person's to take, 422 otherwise; the message is the refusal's own, from the catalogue.
    private func render(_ refusal: Refusal, for request: Request) async throws -> Response {
        let status: HTTPStatus
        switch refusal.reason {
        case .alreadyDone, .caseMovedOn: status = .conflict
        case .notPermitted: status = .forbidden
        default: status = .unprocessableEntity
        }
        request.logger.info("refused", metadata: ["reason": "\(refusal.reason.rawValue)", "rule": "\(refusal.rule ?? "-")"])
        let titleKey = refusal.reason == .caseMovedOn ? "error.page.409odr.heading"
            : "error.page.\(status == .conflict ? "409" : status == .forbidden ? "403" : "400").heading"
        let body = Body(status: Int(status.code), heading: request.t(titleKey), message: request.t(refusal.key), requestID: nil,
                        back: Self.back(from: request), copyAction: nil)
        return try await request.page("error", titleKey: titleKey, body, status: status)
    }

    /// `/claims/<id>/…` leads back to the claim, `/odr/<id>/…` to the case.
    static func back(from request: Request) -> LinkView? {
        let parts = request.url.path.split(separator: "/")
        guard parts.count >= 2, UUID(uuidString: String(parts[1])) != nil else { return nil }
        switch parts[0] {
        case "claims": return LinkView(href: "/claims/\(parts[1])", label: request.t("error.page.back.claim"))
        case "odr": return LinkView(href: "/odr/\(parts[1])", label: request.t("error.page.back.odr"))
        default: return nil
        }
    }

    /// The error page for a status: `error.page.<key>` in the catalogues.
    static func key(for status: HTTPStatus) -> String {
        switch status.code {
        case 403: "403"
        case 404, 405: "404"
        case 409: "409"
        case 413: "413"
        case 429: "429"
        case 400..<500: "400"
        default: "500"
        }
    }

    private func render(status: HTTPStatus, key: String, for request: Request) async throws -> Response {
        let wantsJSON = request.headers.accept.mediaTypes.contains(.json) && !request.headers.accept.mediaTypes.contains(.html)
        if wantsJSON {
            let response = Response(status: status)
            try response.content.encode(["error": request.t("error.page.\(key).heading")], as: .json)
            return response
        }
        let body = Body(status: Int(status.code), heading: request.t("error.page.\(key).heading"),
                        message: request.t("error.page.\(key).message"),
                        requestID: status.code >= 500 ? request.headers.first(name: "X-Request-ID") ?? request.id : nil,
                        back: status == .conflict ? Self.back(from: request) : nil,
                        copyAction: key == PageError.disputeSubmitted.pageKey ? Self.back(from: request).map { $0.href + "/copy" } : nil)
        do {
            return try await request.page("error", titleKey: "error.page.\(key).heading", body, status: status)
        } catch {
            // The page itself failed (a broken template): fall back to plain text without internals.
            request.logger.report(error: error)
            let response = Response(status: status, body: .init(string: body.heading + "\n" + body.message))
            response.headers.contentType = .plainText
            return response
        }
    }
}
