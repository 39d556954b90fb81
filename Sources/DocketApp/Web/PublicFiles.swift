import Crypto
import Foundation
import Vapor

/// Serves the few files in `Public/` (style sheet, script, icon) from memory: read once at start,
/// each with an ETag, so a browser revalidates and gets 304 when nothing changed. A path is looked
/// up whole in a table of the files found, so nothing outside `Public/` can be named.
/// With `reloads` (DOCKET_TEMPLATE_RELOAD=1) the folder is read afresh on each request.
struct PublicFiles: AsyncMiddleware {
    struct File: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    let directory: String
    let reloads: Bool
    private let files: [String: File]

    init(directory: String, reloads: Bool) {
        self.directory = directory
        self.reloads = reloads
        files = Self.read(directory)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD,
              let file = (reloads ? Self.read(directory) : files)[request.url.path] else {
            return try await next.respond(to: request)
        }
        var headers = HTTPHeaders([("ETag", file.etag), ("Cache-Control", "no-cache")])
        if request.headers.first(name: .ifNoneMatch) == file.etag {
            return Response(status: .notModified, headers: headers)
        }
        headers.add(name: .contentType, value: file.contentType)
        return Response(status: .ok, headers: headers, body: .init(buffer: request.method == .HEAD ? ByteBuffer() : file.body))
    }

    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon", "txt": "text/plain; charset=utf-8"]

    /// Every regular file under `directory`, keyed by its URL path ("/css/docket.css").
    static func read(_ directory: String) -> [String: File] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        var files: [String: File] = [:]
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let data = try? Data(contentsOf: url) else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count))
            let digest = Tokens.hex(SHA256.hash(data: data).prefix(12))
            files[path] = File(body: ByteBuffer(data: data), contentType: types[url.pathExtension.lowercased()] ?? "application/octet-stream",
                               etag: "\"\(digest)\"")
        }
        return files
    }
}
