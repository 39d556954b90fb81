import Foundation
import Testing
import VaporTesting
@testable import DocketApp

/// Docket's template reader and renderer. (Every page the other tests visit is also checked
/// against Leaf's rendering of the same template: see `Request.render`.)
@Suite struct TemplateTests {
    struct Item: Encodable { let name: String; let count: Int; let flag: Bool; let note: String? }
    struct Body: Encodable { let title: String; let items: [Item]; let empty: [Item]; let kind: String; let count: Int }

    static let body = Body(title: "Équipe <A&B> \"q\" 'x'", items: [Item(name: "Zoë", count: 2, flag: true, note: nil),
                                                                    Item(name: "李", count: 0, flag: false, note: "n")],
                           empty: [], kind: "radio", count: 3)

    func render(_ source: String, _ extra: [String: String] = [:]) throws -> String {
        var parsed = ["main": source]
        parsed.merge(extra) { $1 }
        let folder = NSTemporaryDirectory() + "docket-templates-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in parsed {
            let path = folder + "/" + name + ".leaf"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let library = try TemplateLibrary(directory: folder, reloads: false)
        return try library.render("main", try TemplateValue.of(["page": Self.body])) { key, arguments in
            "{\(key)|\(arguments.joined(separator: "|"))}"
        }
    }

    @Test func valuesAreEscapedAndTextIsNot() throws {
        #expect(try render("<h1>#(page.title)</h1> & <b>") == "<h1>Équipe &lt;A&amp;B&gt; &quot;q&quot; &#39;x&#39;</h1> & <b>")
        #expect(try render("#(page.count) #(page.items)") .hasPrefix("3 ["))
        #expect(try render("[#(page.missing)]") == "[]")
    }

    @Test func translationsTakeArgumentsAndAreEscaped() throws {
        #expect(try render("#t(\"a.b\", page.count, page.title)") == "{a.b|3|Équipe &lt;A&amp;B&gt; &quot;q&quot; &#39;x&#39;}")
    }

    @Test func choices() throws {
        let source = "#if(page.kind == \"select\"):S#elseif(page.kind == \"radio\"):R#else:E#endif"
        #expect(try render(source) == "R")
        #expect(try render("#if(page.count > 2):big#endif#if(page.count > 3):huge#endif") == "big")
        #expect(try render("#if(page.missing):yes#else:no#endif|#if(!page.missing):none#endif") == "no|none")
        // A value that is there counts as true, even an empty list; only false and missing do not.
        #expect(try render("#if(page.empty):listed#endif") == "listed")
    }

    @Test func loopsShadowAndNest() throws {
        let source = "#for(i in page.items):[#(i.name):#if(i.flag):on#else:off#endif#for(j in page.items):#(j.count)#endfor]#endfor"
        #expect(try render(source) == "[Zoë:on20][李:off20]")
        #expect(try render("#for(page in page.items):#(page.name)#endfor") == "Zoë李")
        #expect(try render("#for(i in page.empty):x#endfor.") == ".")
    }

    @Test func hashesThatAreNotTags() throws {
        #expect(try render("<a href=\"#main\">x</a> \\#t # #1") == "<a href=\"#main\">x</a> #t # #1")
    }

    @Test func extendImportAndPartials() throws {
        let layout = "<main>#import(\"body\")</main>#import(\"missing\")"
        let main = "#extend(\"layout\"):\nignored\n#export(\"body\"):<p>#(page.count)</p>#extend(\"partials/p\")#endexport\n#endextend"
        #expect(try render(main, ["layout": layout, "partials/p": "[#(page.kind)]"]) == "<main><p>3</p>[radio]</main>")
    }

    @Test func mistakesAreFoundWhenTheTemplatesAreRead() {
        for broken in ["#if(page.x):never closed", "#endif", "#unknown(page.x)", "#for(x page.items):#endfor", "#extend(\"main\")",
                       "#(page.x", "#(a b)"] {
            #expect(throws: TemplateError.self, "\(broken)") { try render(broken) }
        }
    }

    @Test func reloadingReadsEditsWithoutARestart() throws {
        let folder = NSTemporaryDirectory() + "docket-templates-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "one".write(toFile: folder + "/p.leaf", atomically: true, encoding: .utf8)
        let kept = try TemplateLibrary(directory: folder, reloads: false)
        let reloading = try TemplateLibrary(directory: folder, reloads: true)
        try "two".write(toFile: folder + "/p.leaf", atomically: true, encoding: .utf8)
        #expect(try kept.render("p", .null) { k, _ in k } == "one")
        #expect(try reloading.render("p", .null) { k, _ in k } == "two")
        #expect(throws: TemplateError.self) { try kept.render("nothing", .null) { k, _ in k } }
    }

    @Test func everyShippedTemplateIsReadAtStart() async throws {
        try await withDocket(environment: .development) { app, _ in
            let library = try #require(app.docket.templates)
            let shipped = FileManager.default.enumerator(atPath: packageRoot + "/Resources/Views")!
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".leaf") }
            #expect(library.count == shipped.count)
            #expect(library.count > 30)
            #expect(try await Browser(app).get("/").status == .ok)
        }
        try await withDocket(environment: .development, settings: { $0.reloadsTemplates = true }) { app, _ in
            #expect(app.docket.templates?.count == 0, "DOCKET_TEMPLATE_RELOAD=1 reads the files at each render")
            let page = try await Browser(app).get("/")
            #expect(page.body.contains("<main"))
        }
    }
}

/// Small pieces every request uses.
@Suite struct RequestBasicsTests {
    @Test func tokensAreURLSafeAndFresh() {
        let tokens = (0..<200).map { _ in Tokens.random() }
        #expect(Set(tokens).count == 200)
        for token in tokens {
            #expect(token.count == 43)
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        #expect(Tokens.random(byteCount: 16).count == 22)
        #expect(Tokens.base64URL(Data([0xFB, 0xFF, 0xBF])) == "-_-_")
        #expect(Tokens.hex([0x00, 0x0F, 0xA5, 0xFF]) == "000fa5ff")
        #expect(Tokens.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func catalogueArgumentsFillTheirPlaces() {
        #expect(Catalogue.fill("{0} owes {1} — {0}", ["Zoë", "$5"]) == "Zoë owes $5 — Zoë")
        #expect(Catalogue.fill("{2} {x} { {0", ["a"]) == "{2} {x} { {0")
        #expect(Catalogue.fill("no places", ["a"]) == "no places")
        #expect(Catalogue.fill("{0}{1}", ["{1}", "b"]) == "{1}b", "an argument is not read again")
    }

    @Test func publicFilesComeFromMemoryWithAnETag() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            let css = try await b.get("/css/docket.css")
            #expect(css.status == .ok)
            #expect(css.headers.first(name: .contentType) == "text/css; charset=utf-8")
            #expect(css.headers.first(name: .cacheControl) == "no-cache")
            #expect(css.body == (try String(contentsOfFile: packageRoot + "/Public/css/docket.css", encoding: .utf8)))
            let etag = try #require(css.headers.first(name: .eTag))
            let again = try await b.get("/css/docket.css", extra: ["If-None-Match": etag])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            let stale = try await b.get("/css/docket.css", extra: ["If-None-Match": "\"other\""])
            #expect(stale.status == .ok)
            #expect(try await b.get("/js/docket.js").headers.first(name: .contentType) == "text/javascript; charset=utf-8")
            // Only files in the folder, named whole: no way out of it, and no listing.
            for path in ["/css/../../Package.swift", "/css/", "/css", "/..%2FPackage.swift", "/css/docket.css.bak"] {
                #expect(try await b.get(path).status == .notFound, "\(path)")
            }
            // A post to a file's address is not a file request.
            #expect(try await b.post("/css/docket.css", [:]).status != .ok)
        }
    }
}
