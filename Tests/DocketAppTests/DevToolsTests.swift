import DocketCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// The development clock and mailbox, and `docket routes` without a data folder.
@Suite struct DevToolsTests {
    @Test func theClockMovesOutsideProductionAndTheSweepRunsAtOnce() async throws {
        let mail = RecordingTransport()
        try await withDocket(environment: .development, transport: mail, movableClock: true) { app, _ in
            let (_, path) = try await submittedDispute(app)
            let before = app.docket.clock.now()
            let clerk = Browser(app)
            try await clerk.get("/dev/clock")
            try await clerk.expectRedirect(clerk.post("/dev/clock", ["action": "advance", "days": "15"]))
            #expect(app.docket.clock.now().timeIntervalSince(before) >= 15 * 86_400)
            let id = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
            #expect(try await OdrCases.entries(id, on: app.db).contains { $0.event == .lapsed })

            for bad in [["action": "advance", "days": "many"], ["action": "set", "at": "tomorrow"], ["action": "jump"]] {
                let refused = try await clerk.post("/dev/clock", bad)
                #expect(refused.status == .unprocessableEntity)
            }
            try await clerk.expectRedirect(clerk.post("/dev/clock", ["action": "set", "at": "2027-01-04T09:00"]))
            #expect(CivilDate.of(app.docket.clock.now()).description == "2027-01-04")
            try await clerk.expectRedirect(clerk.post("/dev/clock", ["action": "reset"]))
            #expect(abs(app.docket.clock.now().timeIntervalSince(before)) < 60)
            #expect(try await clerk.post("/dev/clock", ["action": "reset"], csrf: "").status == .forbidden)
        }
    }

    @Test func theClockCannotBeMovedInProduction() async throws {
        try await withDocket(environment: .production, movableClock: true) { app, _ in
            let page = try await Browser(app).get("/dev/clock")
            #expect(page.status == .notFound)
        }
        var moved = Settings(environment: ["DOCKET_NOW": "2026-12-24T17:30"])
        #expect(throws: UsageError.self) { try moved.serverClock(environment: .production) }
        let clock = try #require(try moved.serverClock(environment: .development) as? MovableClock)
        #expect(CivilDate.of(clock.now()).description == "2026-12-24")
        moved = Settings(environment: ["DOCKET_NOW": "Christmas"])
        #expect(throws: UsageError.self) { try moved.serverClock(environment: .development) }
        #expect(try Settings(environment: [:]).serverClock(environment: .production) is SystemClock)
    }

    @Test func theMailboxListsAndServesAttachments() async throws {
        try await withDocket(environment: .development) { app, _ in
            let reference = try app.docket.files.put(invoicePDF(), kind: .pdf)
            try await Outbox.enqueue(to: "marie@example.com", subject: "With a file", text: "See attached", html: "<p>See attached</p>",
                                     attachments: [MailAttachment(filename: "invoice.pdf", contentType: "application/pdf", path: reference)],
                                     at: app.docket.clock.now(), on: app.db)
            let b = Browser(app)
            let page = try await b.get("/dev/mailbox")
            let range = try #require(page.body.range(of: "/dev/mailbox/[0-9A-Fa-f-]+/attachments/0", options: .regularExpression))
            #expect(page.body.contains(">invoice.pdf</a>"))
            let file = try await b.get(String(page.body[range]))
            #expect(file.status == .ok)
            #expect(Data(file.body.utf8).prefix(5) == Data("%PDF-".utf8))
            #expect(try await b.get("/dev/mailbox/\(UUID())/attachments/0").status == .notFound)
        }
    }

    @Test func listingRoutesLeavesNoDataFolder() throws {
        let binary = packageRoot + "/.build/debug/docket"
        guard FileManager.default.isExecutableFile(atPath: binary) else { return }
        let folder = NSTemporaryDirectory() + "docket-routes-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["routes"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKET_RESOURCES_DIR"] = packageRoot
        environment["DATABASE_URL"] = "postgres://nobody:nothing@127.0.0.1:1/none"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let listing = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(listing.contains("/dev/mailbox") || listing.contains("/sign-in"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
