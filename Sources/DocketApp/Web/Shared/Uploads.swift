import DocketCore
import DocketDocuments
import Foundation
import Vapor

/// Files people attach to a claim or a dispute: checked (a real PDF or image within the limit),
/// then kept in the file store under their hash.
enum Uploads {
    /// Checks an uploaded file and stores it; nil with the problem when it is refused (nothing stored).
    static func store(_ file: UploadedFile?, req: Request) -> Result<ClaimDocument?, FieldProblem> {
        guard let file, !file.isEmpty else { return .success(nil) }
        let bytes = Data(buffer: file.data)
        switch UploadCheck.inspect(bytes) {
        case .failure(let problem): return .failure(FieldProblem("file", problem.messageKey))
        case .success(let kind):
            guard let reference = try? req.docket.files.put(bytes, kind: kind) else { return .failure(FieldProblem("file", "error.upload.storage")) }
            let name = String(file.filename.suffix(120)).replacingOccurrences(of: "/", with: "_")
            return .success(ClaimDocument(title: "", fileName: name, reference: reference, sha256: CourtSeal.digest(bytes),
                                          contentType: kind.contentType))
        }
    }
}
