import DocketCore
import DocketDocuments
import Fluent
import Vapor

/// Documents the plaintiff relies on: listed by title, each with an uploaded file (PDF, JPEG or
/// PNG, judged from its bytes, at most 20 MB, stored by content hash).
struct ClaimDocumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let claim = routes.grouped(RequireAccountMiddleware(), RequireFilerMiddleware()).grouped("claims", ":claimID")
        claim.get("documents", use: list)
        claim.upload("documents", use: upload)
        claim.post("documents", "done", use: done)
        claim.post("documents", ":index", "remove", use: remove)
        claim.get("documents", ":index", use: file)
    }

    static func uploadForm(_ b: FormBuilder, action: String) -> FormView {
        b.form(action: action, submitKey: "button.upload",
               sections: [b.section(nil, [b.field("documentTitle"), b.field("file", "file", required: false)])], multipart: true)
    }

    func list(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        return try await render(req, claim, values: [:], problems: [])
    }

    private func render(_ req: Request, _ claim: ClaimRecord, values: [String: String], problems: [FieldProblem]) async throws -> Response {
        let items = claim.draft.documents.enumerated().map { n, doc in
            ListItem(title: doc.title, lines: doc.fileName.map { [$0] } ?? [req.t("claim.documents.noFile")],
                     changeURL: doc.reference == nil ? nil : ClaimAccess.path(claim, "documents/\(n)"),
                     removeURL: ClaimAccess.path(claim, "documents/\(n)/remove"))
        }
        let form = Self.uploadForm(FormBuilder(req, values: values, problems: problems), action: ClaimAccess.path(claim, "documents"))
        let response = try await ClaimSectionController.list(
            req, claim, titleKey: "claim.section.documents", items: items, addPath: nil, form: form,
            done: LinkView(href: ClaimAccess.path(claim, "documents/done"), label: req.t("claim.documents.done")), doneIsPost: true)
        if !problems.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    func upload(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.draft(req)
        let form = req.submittedForm
        let title = (form.fields["documentTitle"] ?? "").trimmed
        var problems: [FieldProblem] = []
        if title.isEmpty { problems.append(FieldProblem("documentTitle", "error.documentTitle.missing")) }
        else if title.count > 200 { problems.append(FieldProblem("documentTitle", "error.field.tooLong")) }
        if claim.draft.documents.count >= 50 { problems.append(FieldProblem("documentTitle", "error.rows.tooMany")) }
        var stored: ClaimDocument? = nil
        if problems.isEmpty {
            switch Uploads.store(form.files["file"], req: req) {
            case .failure(let problem): problems.append(problem)
            case .success(let doc): stored = doc
            }
        }
        if !problems.isEmpty {
            req.logger.info("upload refused", metadata: ["claim": "\(claim.id!)", "problems": "\(problems)"])
            return try await render(req, claim, values: ["documentTitle": title], problems: problems)
        }
        var document = stored ?? ClaimDocument(title: title)
        document.title = title
        let (saved, _) = try await ClaimAccess.update(req) { $0.documents.append(document); return [] }
        return req.redirect(to: ClaimAccess.path(saved, "documents"))
    }

    func done(req: Request) async throws -> Response {
        let (claim, _) = try await ClaimAccess.update(req) { $0.documentsDone = true; return [] }
        return req.redirect(to: ClaimAccess.path(claim))
    }

    func remove(req: Request) async throws -> Response {
        try await ClaimSectionController.remove(req, next: "documents") { draft, n in
            guard n < draft.documents.count else { return false }
            draft.documents.remove(at: n); return true
        }
    }

    /// The filer's own copy of a document they uploaded.
    func file(req: Request) async throws -> Response {
        let claim = try await ClaimAccess.claim(req)
        let n = try req.listIndex()
        let docs = claim.draft.documents
        guard n < docs.count, let reference = docs[n].reference, let data = req.docket.files.get(reference) else { throw Abort(.notFound) }
        return .download(data, type: docs[n].contentType ?? "application/octet-stream",
                         filename: "document-\(n + 1).\(reference.split(separator: ".").last ?? "bin")")
    }
}
