import DocketDocuments
import Vapor

/// `/verify`: anyone can check a document against the court's register of sealed documents, by
/// uploading the PDF or pasting its SHA-256. `/verify/public-key` publishes the seal's public key.
struct VerifyController: RouteCollection {
    /// Uploads by people who are not signed in, per network address.
    static let anonymousUploads = RateLimiter.Rule(name: "verify-upload", limit: 20, window: 15 * 60)
    func boot(routes: any RoutesBuilder) throws {
        routes.get("verify", use: show)
        routes.upload("verify", use: check)
        routes.get("verify", "public-key", use: publicKey)
    }

    struct Body: Encodable {
        var checked = false
        /// Issued by the court under its seal.
        var issued = false
        /// A settlement agreement Docket sealed as its record of what the parties signed.
        var agreement = false
        var title: String? = nil
        var reference: String? = nil
        var signedBy: String? = nil
        var sealedAt: String? = nil
        var sha256: String? = nil
        var error: String? = nil
        let publicKey: String
        let platformKey: String
    }

    private func body(_ req: Request) -> Body {
        Body(publicKey: req.docket.seal.publicKey.base64EncodedString(), platformKey: req.docket.platformSeal.publicKey.base64EncodedString())
    }

    func show(req: Request) async throws -> Response {
        try await render(req, body: body(req))
    }

    func check(req: Request) async throws -> Response {
        let form = req.submittedForm
        var document: Data? = nil
        var hash = form.fields["sha256"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if let file = form.files["file"], !file.isEmpty {
            if req.account == nil, try await !RateLimiter.take(Self.anonymousUploads, key: req.clientAddress, now: req.now, on: req.db) {
                throw Abort(.tooManyRequests)
            }
            let bytes = Data(buffer: file.data)
            document = bytes
            hash = CourtSeal.digest(bytes)
        }
        var page = body(req)
        guard !hash.isEmpty else {
            page.error = req.t("verify.error.missing")
            return try await render(req, body: page, status: .unprocessableEntity)
        }
        page.checked = true
        page.sha256 = hash.lowercased()
        switch try await SealedDocuments.verify(sha256: hash, document: document, app: req.application, on: req.db) {
        case let .issued(title, reference, sealedAt):
            page.issued = true; page.title = title; page.reference = reference; page.sealedAt = DateText.long(sealedAt, req.language)
        case let .agreement(reference, signedBy, sealedAt):
            page.agreement = true; page.reference = reference; page.signedBy = signedBy; page.sealedAt = DateText.long(sealedAt, req.language)
        case .notIssued:
            break
        }
        return try await render(req, body: page)
    }

    func publicKey(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: req.docket.seal.publicKey.base64EncodedString() + "\n"))
        // The court's key only: Docket's record key is shown on /verify, named as what it is.
        response.headers.contentType = .plainText
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    private func render(_ req: Request, body: Body, status: HTTPStatus = .ok) async throws -> Response {
        try await req.page("verify", titleKey: "verify.title", body, status: status)
    }
}

/// `docket verify FILE.pdf`: says whether this court sealed the file, and what it is.
/// Exit status 0 when it did, 1 when it did not.
struct VerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "the PDF to check")
        var file: String
    }

    var help: String { "Checks a PDF against the court's register of sealed documents." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let bytes = FileManager.default.contents(atPath: signature.file) else {
            throw UsageError("FILE: cannot read \(signature.file); give the path of a PDF")
        }
        let app = context.application
        let outcome = try await SealedDocuments.verify(sha256: CourtSeal.digest(bytes), document: bytes, app: app, on: app.db)
        switch outcome {
        case let .issued(title, reference, sealedAt):
            context.console.print("Issued by this court: \(title), \(reference), sealed \(DateText.long(sealedAt, .en)).")
            context.console.print("SHA-256 \(CourtSeal.digest(bytes)); the Ed25519 signature is valid.")
        case let .agreement(reference, signedBy, sealedAt):
            context.console.print("Not a court document: a settlement agreement signed on Docket by \(signedBy), recorded \(DateText.long(sealedAt, .en)) (\(reference)).")
            context.console.print("SHA-256 \(CourtSeal.digest(bytes)); Docket's record signature is valid.")
        case .notIssued:
            context.console.print("Not issued by this court: no sealed document has SHA-256 \(CourtSeal.digest(bytes)).")
            throw NotIssued()
        }
    }

    struct NotIssued: Error, CustomStringConvertible {
        var description: String { "the file was not issued by this court" }
    }
}
