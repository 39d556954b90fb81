import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// Templates are parsed once and kept, in the default (development) environment too.
@Suite struct TemplateCacheTests {
    @Test func aDefaultServeKeepsParsedTemplates() async throws {
        try await withDocket(environment: .development) { app, _ in
            #expect(app.leaf.cache.count == 0)
            let b = Browser(app)
            try await b.get("/")
            try await b.get("/sign-in")
            #expect(app.leaf.cache.count >= 2, "the home page, sign-in and their layout are kept")
        }
    }

    @Test func reloadingTemplatesIsAChoice() async throws {
        try await withDocket(environment: .development, settings: { $0.reloadsTemplates = true }) { app, _ in
            try await Browser(app).get("/")
            #expect(app.leaf.cache.count == 0)
        }
    }
}
