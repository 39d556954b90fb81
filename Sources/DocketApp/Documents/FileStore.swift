import Crypto
import DocketDocuments
import Foundation

/// Where uploaded files live. Files are named by the SHA-256 of their content, so the same file
/// stored twice is kept once and a stored file cannot be changed without its name changing.
protocol FileStore: Sendable {
    /// Stores `data` (already checked) and returns its reference: the path under the store.
    func put(_ data: Data, kind: UploadKind) throws -> String
    func get(_ reference: String) -> Data?
}

/// Files in a folder of the data directory: `uploads/ab/abcdef….pdf`, written atomically.
struct LocalFileStore: FileStore {
    let root: String

    func put(_ data: Data, kind: UploadKind) throws -> String {
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let reference = "uploads/\(hash.prefix(2))/\(hash).\(kind.fileExtension)"
        let full = (root as NSString).appendingPathComponent(reference)
        if !FileManager.default.fileExists(atPath: full) {
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: full), options: .atomic)
        }
        return reference
    }

    func get(_ reference: String) -> Data? {
        guard !reference.contains(".."), reference.hasPrefix("uploads/") else { return nil }
        return FileManager.default.contents(atPath: (root as NSString).appendingPathComponent(reference))
    }
}
