import Foundation
import LeafKit
import Vapor

/// The languages every page is offered in.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en, fr
    var other: Language { self == .en ? .fr : .en }
}

/// The English and French string catalogues (`Resources/Localization/<lang>.json`): flat objects of
/// key → text. `{0}`, `{1}` … in a text are filled from arguments. Each text is split into its
/// words and places once, at load, so a page's texts are filled without searching them again.
public struct Catalogue: Sendable {
    private let english: [String: CatalogueText]
    private let french: [String: CatalogueText]

    public init(directory: String) throws {
        var loaded: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let path = (directory as NSString).appendingPathComponent("\(language.rawValue).json")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CatalogueError.missingFile(path)
            }
            loaded[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        english = loaded[.en, default: [:]].mapValues(CatalogueText.init)
        french = loaded[.fr, default: [:]].mapValues(CatalogueText.init)
    }

    private func table(_ language: Language) -> [String: CatalogueText] { language == .en ? english : french }

    /// Every text of `language` as written in the catalogue, by key.
    public func strings(_ language: Language) -> [String: String] { table(language).mapValues(\.whole) }

    /// The text for `key`, or the key itself in brackets so a missing entry is visible (and a test
    /// fails on it) rather than silent.
    public func text(_ key: String, _ language: Language, _ arguments: [String] = []) -> String {
        guard let text = table(language)[key] else { return "[\(key)]" }
        return text.filled(arguments)
    }

    /// `text` with each `{n}` replaced by `arguments[n]`; a `{n}` with no argument stays as it is.
    static func fill(_ text: String, _ arguments: [String]) -> String { CatalogueText(text).filled(arguments) }

    public func has(_ key: String, _ language: Language) -> Bool { table(language)[key] != nil }

    /// The text of `key` for `count`: `key.one` when there is one (in French, zero or one) and the
    /// catalogue has that form, else `key`.
    public func text(_ key: String, _ language: Language, count: Int, _ arguments: [String] = []) -> String {
        let singular = language == .fr ? count <= 1 : count == 1
        return text(singular && has(key + ".one", language) ? key + ".one" : key, language, arguments)
    }
}

/// One catalogue text, split into words and `{n}` places.
struct CatalogueText: Sendable {
    enum Piece: Sendable {
        case words(String)
        case place(Int, written: String)
    }
    let whole: String
    let pieces: [Piece]

    init(_ text: String) {
        whole = text
        var pieces: [Piece] = []
        var words = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            words += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), n >= 0 {
                if !words.isEmpty { pieces.append(.words(words)); words = "" }
                pieces.append(.place(n, written: String(rest[open...close])))
                rest = after[after.index(after: close)...]
            } else {
                words += "{"
                rest = after
            }
        }
        words += rest
        if !words.isEmpty { pieces.append(.words(words)) }
        self.pieces = pieces
    }

    func filled(_ arguments: [String]) -> String {
        if arguments.isEmpty { return whole }
        var out = ""
        out.reserveCapacity(whole.utf8.count + arguments.reduce(0) { $0 + $1.utf8.count })
        for piece in pieces {
            switch piece {
            case .words(let words): out += words
            case .place(let n, let written): out += n < arguments.count ? arguments[n] : written
            }
        }
        return out
    }
}

enum CatalogueError: Error, CustomStringConvertible {
    case missingFile(String)
    var description: String {
        switch self { case .missingFile(let p): "The string catalogue \(p) is missing: set DOCKET_RESOURCES_DIR to the folder that holds Resources/." }
    }
}

/// The request's language with the catalogue its texts come from: one look-up for each text.
struct PageTexts {
    let language: Language
    let catalogue: Catalogue
}

struct LanguageKey: StorageKey { typealias Value = PageTexts }

extension Request {
    /// The language of this response: `?lang=` if given, else the remembered choice, else the
    /// browser's preference, else English.
    var language: Language {
        get { storage[LanguageKey.self]?.language ?? .en }
        set { storage[LanguageKey.self] = PageTexts(language: newValue, catalogue: docket.catalogue) }
    }

    func t(_ key: String, _ arguments: String...) -> String { t(key, arguments) }

    func t(_ key: String, _ arguments: [String]) -> String {
        let texts = storage[LanguageKey.self] ?? PageTexts(language: .en, catalogue: docket.catalogue)
        return texts.catalogue.text(key, texts.language, arguments)
    }
}

/// Sets the request's language and remembers an explicit choice in a cookie.
struct LanguageMiddleware: AsyncMiddleware {
    static let cookie = "docket_lang"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let asked = (try? request.query.get(String.self, at: "lang")).flatMap(Language.init(rawValue:))
        if let asked {
            request.language = asked
        } else if let saved = request.cookies[Self.cookie]?.string, let lang = Language(rawValue: saved) {
            request.language = lang
        } else {
            request.language = Self.preferred(request.headers.first(name: .acceptLanguage))
        }
        let response = try await next.respond(to: request)
        if let asked {
            response.cookies[Self.cookie] = HTTPCookies.Value(
                string: asked.rawValue, maxAge: 60 * 60 * 24 * 365, path: "/",
                isSecure: request.isSecure, isHTTPOnly: true, sameSite: .lax)
        }
        response.headers.replaceOrAdd(name: .contentLanguage, value: request.language.rawValue)
        return response
    }

    /// The first of English or French in an Accept-Language header, by its weight.
    static func preferred(_ header: String?) -> Language {
        guard let header else { return .en }
        let ranked = header.split(separator: ",").compactMap { part -> (Language, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard let lang = Language(rawValue: String(tag.prefix(2))) else { return nil }
            return (lang, q)
        }
        return ranked.max { $0.1 < $1.1 }?.0 ?? .en
    }
}

/// `#t("key")` or `#t("key", arg, …)` in a template: the text in the request's language.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafError(.unknownError("#t needs a string key"))
        }
        guard let request = ctx.request else { throw LeafError(.unknownError("#t needs a request")) }
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        return .string(request.docket.catalogue.text(key, request.language, Array(arguments)))
    }
}

