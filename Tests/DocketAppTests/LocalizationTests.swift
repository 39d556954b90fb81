import DocketDocuments
import Foundation
import Testing
import VaporTesting
@testable import DocketApp

@Suite struct LocalizationTests {
    let catalogue = try! Catalogue(directory: packageRoot + "/Resources/Localization")

    @Test func bothCataloguesHaveTheSameKeys() {
        let en = Set(catalogue.strings(.en).keys), fr = Set(catalogue.strings(.fr).keys)
        #expect(en.subtracting(fr).isEmpty, "missing in fr: \(en.subtracting(fr).sorted())")
        #expect(fr.subtracting(en).isEmpty, "missing in en: \(fr.subtracting(en).sorted())")
        #expect(catalogue.strings(.en).values.allSatisfy { !$0.isEmpty })
        #expect(catalogue.strings(.fr).values.allSatisfy { !$0.isEmpty })
    }

    /// Every `#t("…")` in a template names a key that exists in both languages.
    /// Leaf reads `#t("key"):` as a tag with a body, and the page fails to render.
    @Test func noTranslationTagIsFollowedByAColon() throws {
        let views = packageRoot + "/Resources/Views"
        let files = FileManager.default.enumerator(atPath: views)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".leaf") }
        let pattern = try Regex(#"#t\("[^"]+"[^)]*\):"#)
        for file in files {
            let text = try String(contentsOfFile: views + "/" + file, encoding: .utf8)
            #expect(text.firstMatch(of: pattern) == nil, "\(file)")
        }
    }

    @Test func everyTemplateKeyExists() throws {
        let views = packageRoot + "/Resources/Views"
        let files = FileManager.default.enumerator(atPath: views)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".leaf") }
        #expect(files.count > 10)
        let pattern = try NSRegularExpression(pattern: #"#t\("([^"]+)""#)
        for file in files {
            let text = try String(contentsOfFile: views + "/" + file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                #expect(catalogue.has(key, .en) && catalogue.has(key, .fr), "\(file): \(key)")
            }
        }
    }

    @Test func aMissingKeyShowsAsAMarkerNotSilence() {
        #expect(catalogue.text("no.such.key", .fr) == "[no.such.key]")
        #expect(catalogue.text("terms.version", .fr, ["2026"]) == "Version 2026")
    }

    @Test(arguments: ["/", "/register", "/sign-in", "/court-offices", "/verify", "/recover", "/recover/questions", "/recover/email",
                      "/recover/sign-in-id", "/terms", "/accessibility", "/contact"])
    func publicPagesAreCompleteInBothLanguages(path: String) async throws {
        try await withDocket { app, _ in
            for lang in ["en", "fr"] {
                let page = try await Browser(app).get(path + "?lang=" + lang)
                #expect(page.status == .ok)
                #expect(page.body.contains("<html lang=\"\(lang)\">"))
                #expect(page.body.range(of: #"\[[a-z]+\.[A-Za-z.\-]+\]"#, options: .regularExpression) == nil, "\(path) \(lang)")
                let other = lang == "en" ? "Français" : "English"
                #expect(page.body.contains(">\(other)</a>"))
            }
        }
    }

    @Test func signedInPagesAreCompleteInFrench() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.register()
            for path in ["/account", "/account/contact"] {
                let page = try await b.get(path + "?lang=fr")
                #expect(page.status == .ok)
                #expect(page.body.range(of: #"\[[a-z]+\.[A-Za-z.\-]+\]"#, options: .regularExpression) == nil, "\(path)")
            }
            #expect(try await b.get("/account").body.contains("Mon compte"))
        }
    }

    @Test func theChoiceIsRememberedAndTheSwitchKeepsThePage() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            let first = try await b.get("/sign-in?lang=fr")
            #expect(first.body.contains("Connexion"))
            #expect(first.body.contains("href=\"/sign-in?lang=en\""))
            #expect(b.cookies["docket_lang"] == "fr")
            let later = try await b.get("/register")
            #expect(later.body.contains("<html lang=\"fr\">"))
            #expect(later.body.contains("Créer un compte"))
            #expect(later.headers.first(name: .contentLanguage) == "fr")
        }
    }

    @Test func theBrowsersLanguageIsTheDefault() async throws {
        try await withDocket { app, _ in
            let page = try await Browser(app).get("/", extra: ["Accept-Language": "fr-CA,fr;q=0.9,en;q=0.8"])
            #expect(page.body.contains("<html lang=\"fr\">"))
            #expect(LanguageMiddleware.preferred("en-US,en;q=0.9,fr;q=0.5") == .en)
            #expect(LanguageMiddleware.preferred("de-DE") == .en)
            #expect(LanguageMiddleware.preferred(nil) == .en)
        }
    }

    @Test func errorsAreInFrenchOnAFrenchPage() async throws {
        try await withDocket { app, _ in
            let b = Browser(app)
            try await b.get("/register?lang=fr")
            var form = registration()
            form["postalCode"] = "nope"
            let page = try await b.post("/register", form)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Il y a un problème"))
            #expect(page.body.contains("Entrez un code postal canadien comme K2P 2K1."))
        }
    }
}

@Suite struct CoreMessageKeyTests {
    /// Every message key the rules core can return has text in both languages.
    @Test func eligibilityKeysExist() throws {
        let catalogue = try Catalogue(directory: packageRoot + "/Resources/Localization")
        let source = try String(contentsOfFile: packageRoot + "/Sources/DocketCore/Rules/Eligibility.swift", encoding: .utf8)
        let keys = source.components(separatedBy: "messageKey: \"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(keys.count >= 8)
        for key in keys { #expect(catalogue.has(key, .en) && catalogue.has(key, .fr), "\(key)") }
    }

    @Test func uploadProblemKeysExist() throws {
        let catalogue = try Catalogue(directory: packageRoot + "/Resources/Localization")
        for problem in UploadProblem.allCases {
            #expect(catalogue.has(problem.messageKey, .en) && catalogue.has(problem.messageKey, .fr), "\(problem)")
        }
    }
}
