import DocketDocuments
import Foundation
import Testing
@testable import DocketApp

@Suite struct FileStoreTests {
    @Test func contentIsStoredOnceUnderItsHash() throws {
        let root = NSTemporaryDirectory() + "docket-files-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = LocalFileStore(root: root)
        let data = Data("%PDF-1.7 evidence".utf8)
        let first = try store.put(data, kind: .pdf)
        let again = try store.put(data, kind: .pdf)
        #expect(first == again)
        #expect(first.hasPrefix("uploads/"))
        #expect(first.hasSuffix(".pdf"))
        #expect(first.contains(CourtSeal.digest(data)))
        #expect(store.get(first) == data)
        let other = try store.put(Data([0xFF, 0xD8, 0xFF, 1]), kind: .jpeg)
        #expect(other != first)
        #expect(other.hasSuffix(".jpg"))
        #expect(store.get("../../etc/passwd") == nil)
        #expect(store.get("uploads/../../x") == nil)
    }
}
