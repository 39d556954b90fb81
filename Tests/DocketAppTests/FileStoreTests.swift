import Foundation
import Testing
@testable import DocketApp

/// Uploads and sealed documents go through one store, which keeps a file once and hands out only
/// what lives in its two folders.
@Suite struct FileStoreTests {
    @Test func theStoreKeepsUploadsAndDocumentsAndNothingElse() throws {
        let root = NSTemporaryDirectory() + "docket-store-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = LocalFileStore(root: root)
        let upload = try store.put(Data("%PDF-1.7 invoice".utf8), kind: .pdf)
        #expect(upload.hasPrefix("uploads/"))
        #expect(store.get(upload) == Data("%PDF-1.7 invoice".utf8))
        try store.keep(Data("sealed".utf8), at: "documents/abc.pdf")
        try store.keep(Data("changed".utf8), at: "documents/abc.pdf")
        #expect(store.get("documents/abc.pdf") == Data("sealed".utf8), "a kept file is never overwritten")
        for outside in ["seal.key", "documents/../seal.key", "/etc/passwd", "uploads/../../x"] {
            #expect(store.get(outside) == nil)
            #expect(throws: LocalFileStore.NotAStoreReference.self) { try store.keep(Data(), at: outside) }
        }
    }
}
