import Crypto
import DocketDocuments
import Foundation

/// Where files live: uploads (`uploads/…`) and sealed documents (`documents/…`) alike, so a shared
/// store can replace the local folder without touching callers. Files are named by the SHA-256 of
/// their content, so the same file stored twice is kept once and a stored file cannot be changed
/// without its name changing.
protocol FileStore: Sendable {
    /// Keeps `data` under `reference` (a path in the store), unless a file is already there.
    func keep(_ data: Data, at reference: String) throws
    func get(_ reference: String) -> Data?
}

extension FileStore {
    /// Stores an upload (already checked) and returns its reference: `uploads/ab/abcdef….pdf`.
    func put(_ data: Data, kind: UploadKind) throws -> String {
        let hash = Tokens.hex(SHA256.hash(data: data))
        let reference = "uploads/\(hash.prefix(2))/\(hash).\(kind.fileExtension)"
        try keep(data, at: reference)
        return reference
    }
}

/// Files in the data directory, written atomically; only `uploads/` and `documents/` are served.
struct LocalFileStore: FileStore {
    let root: String
    static let folders = ["uploads/", "documents/"]

    func keep(_ data: Data, at reference: String) throws {
        guard Self.isStoreReference(reference) else { throw NotAStoreReference(reference: reference) }
        let full = (root as NSString).appendingPathComponent(reference)
        guard !FileManager.default.fileExists(atPath: full) else { return }
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full), options: .atomic)
    }

    func get(_ reference: String) -> Data? {
        guard Self.isStoreReference(reference) else { return nil }
        return FileManager.default.contents(atPath: (root as NSString).appendingPathComponent(reference))
    }

    static func isStoreReference(_ reference: String) -> Bool {
        !reference.contains("..") && folders.contains { reference.hasPrefix($0) }
    }

    struct NotAStoreReference: Error { let reference: String }
}
