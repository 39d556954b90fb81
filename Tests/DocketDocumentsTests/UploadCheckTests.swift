import Foundation
import Testing
@testable import DocketDocuments

@Suite struct UploadCheckTests {
    func pdf() -> Data {
        var b = PDFDocumentBuilder(title: "Evidence")
        b.text("A receipt for the work done.")
        return b.render()
    }

    @Test func aRealPDFIsAccepted() {
        #expect(UploadCheck.inspect(pdf()) == .success(.pdf))
    }

    @Test(.enabled(if: pdfToolsAvailable, "needs qpdf"))
    func aPDFWithACrossReferenceStreamIsAccepted() throws {
        let dir = NSTemporaryDirectory() + "docket-upload-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try pdf().write(to: URL(fileURLWithPath: dir + "/in.pdf"))
        let r = try #require(tool("qpdf", ["--object-streams=generate", dir + "/in.pdf", dir + "/out.pdf"]))
        #expect(r.status == 0)
        let converted = try Data(contentsOf: URL(fileURLWithPath: dir + "/out.pdf"))
        #expect(String(decoding: converted, as: UTF8.self).contains("/XRef"))
        #expect(UploadCheck.inspect(converted) == .success(.pdf))
    }

    @Test func imagesAreJudgedFromTheirBytes() {
        #expect(UploadCheck.inspect(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])) == .success(.png))
        #expect(UploadCheck.inspect(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16])) == .success(.jpeg))
    }

    @Test func aFakePDFIsRefused() {
        #expect(UploadCheck.inspect(Data("%PDF-1.7\nnot really a pdf at all, no trailer\n".utf8)) == .failure(.brokenPDF))
        var truncated = pdf()
        truncated.removeLast(200)
        #expect(UploadCheck.inspect(truncated) == .failure(.brokenPDF))
        var wrongOffset = String(decoding: pdf(), as: UTF8.self)
        wrongOffset = wrongOffset.replacingOccurrences(of: "startxref\n", with: "startxref\n9")
        #expect(UploadCheck.inspect(Data(wrongOffset.utf8)) == .failure(.brokenPDF))
    }

    @Test func otherTypesEmptyAndOversizedFilesAreRefused() {
        #expect(UploadCheck.inspect(Data("MZ\u{90}\0executable".utf8)) == .failure(.notAllowed))
        #expect(UploadCheck.inspect(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])) == .failure(.notAllowed))
        #expect(UploadCheck.inspect(Data("<html>not a pdf</html>".utf8)) == .failure(.notAllowed))
        #expect(UploadCheck.inspect(Data()) == .failure(.empty))
        #expect(UploadCheck.inspect(pdf(), maxBytes: 100) == .failure(.tooLarge))
        #expect(UploadCheck.maxBytes == 20 * 1024 * 1024)
        #expect(UploadProblem.brokenPDF.messageKey == "error.upload.broken-pdf")
    }
}
