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
        let checked: Bool
        let issued: Bool
        let title: String?
        let reference: String?
        let sealedAt: String?
        let sha256: String?
        let error: String?
        let publicKey: String
    }

    func show(req: Request) async throws -> Response {
        try await render(req, body: Body(checked: false, issued: false, title: nil, reference: nil, sealedAt: nil, sha256: nil,
                                         error: nil, publicKey: req.docket.seal.publicKey.base64EncodedString()))
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
        let key = req.docket.seal.publicKey.base64EncodedString()
        guard !hash.isEmpty else {
            return try await render(req, body: Body(checked: false, issued: false, title: nil, reference: nil, sealedAt: nil, sha256: nil,
                                                    error: req.t("verify.error.missing"), publicKey: key), status: .unprocessableEntity)
        }
        let outcome = try await SealedDocuments.verify(sha256: hash, document: document, app: req.application, on: req.db)
        switch outcome {
        case let .issued(title, reference, sealedAt):
            return try await render(req, body: Body(checked: true, issued: true, title: title, reference: reference,
                                                    sealedAt: DateText.long(sealedAt, req.language), sha256: hash.lowercased(), error: nil, publicKey: key))
        case .notIssued:
            return try await render(req, body: Body(checked: true, issued: false, title: nil, reference: nil, sealedAt: nil,
                                                    sha256: hash.lowercased(), error: nil, publicKey: key))
        }
    }

    func publicKey(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: req.docket.seal.publicKey.base64EncodedString() + "\n"))
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
        case .notIssued:
            context.console.print("Not issued by this court: no sealed document has SHA-256 \(CourtSeal.digest(bytes)).")
            throw NotIssued()
        }
    }

    struct NotIssued: Error, CustomStringConvertible {
        var description: String { "the file was not issued by this court" }
    }
}
