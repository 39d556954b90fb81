import Foundation

/// The data folder: created on first start; holds the SQLite file, the server secret and (later)
/// keys and uploaded files.
enum DataFolder {
    /// Creates the folder (0700), and makes every file this process creates from now on (the
    /// database and its journal, uploads, sealed documents, keys) readable by its owner only.
    /// Files left readable by an earlier release are narrowed to 0600.
    static func prepare(_ path: String) throws {
        umask(0o077)
        let files = FileManager.default
        try files.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        for name in (try? files.contentsOfDirectory(atPath: path)) ?? [] {
            let full = (path as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: full, isDirectory: &isFolder) else { continue }
            try? files.setAttributes([.posixPermissions: isFolder.boolValue ? 0o700 : 0o600], ofItemAtPath: full)
        }
    }

    /// Reads the secret at `name` in the folder, making it (random, owner-only) if absent.
    static func secret(in folder: String, name: String = "server-secret", byteCount: Int = 32) throws -> [UInt8] {
        let path = (folder as NSString).appendingPathComponent(name)
        if let data = FileManager.default.contents(atPath: path), data.count == byteCount {
            return [UInt8](data)
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw DataFolderError.cannotWrite(path)
        }
        return bytes
    }
}

enum DataFolderError: Error, CustomStringConvertible {
    case cannotWrite(String)
    var description: String {
        switch self { case .cannotWrite(let p): "Cannot write \(p): check DOCKET_DATA_DIR and its permissions." }
    }
}
