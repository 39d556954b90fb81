/// A template after parsing: text, values, translations, choices and loops, with `#extend` and
/// `#import` already replaced by what they name.
indirect enum TemplateNode: Sendable {
    case text(String)
    /// `#(expression)`: the value, HTML-escaped.
    case output(TemplateExpression)
    /// `#t("key", arguments…)`: the catalogue's text in the page's language, HTML-escaped.
    case translate(key: String, arguments: [TemplateExpression])
    /// `#if(…): … #elseif(…): … #else: … #endif`: the first branch whose condition holds.
    case choice(branches: [(TemplateExpression, [TemplateNode])], otherwise: [TemplateNode])
    /// `#for(item in list): … #endfor`.
    case loop(item: String, list: TemplateExpression, body: [TemplateNode])
    /// `#extend("name")`, before linking; `exports` fill the named template's `#import`s.
    case extend(name: String, exports: [String: [TemplateNode]])
    /// `#import("name")`, before linking.
    case importing(String)
}

indirect enum TemplateExpression: Sendable {
    /// `page.form.errors`: a field of the page data or of a loop's item.
    case path([String])
    case string(String)
    case int(Int)
    case not(TemplateExpression)
    case compare(TemplateExpression, Comparison, TemplateExpression)

    enum Comparison: String, Sendable, CaseIterable {
        case equal = "==", unequal = "!=", greaterOrEqual = ">=", lessOrEqual = "<=", greater = ">", less = "<"
    }
}

/// A mistake in a template, with the template's name; found when the templates are read at start.
struct TemplateError: Error, CustomStringConvertible {
    let template: String
    let message: String
    var description: String { "template \(template): \(message)" }
}

/// Reads Docket's templates: Leaf's syntax, in the part of it the templates use.
///
/// `#name(parameters)` is a tag, `#name(parameters):` opens a body closed by `#endname`, `#(x)`
/// prints a value, `\#` is a literal `#`, and a `#` not followed by a letter or `(` is text; so is
/// `#word` naming no tag (`href="#main"`).
struct TemplateParser {
    private let name: String
    private let source: [Character]
    private var position = 0

    init(name: String, source: String) {
        self.name = name
        self.source = Array(source)
    }

    static func parse(name: String, source: String) throws -> [TemplateNode] {
        var parser = TemplateParser(name: name, source: source)
        let (nodes, end) = try parser.nodes(until: [])
        if let end { throw parser.error("#\(end.name) without its opening tag") }
        return nodes
    }

    private struct Tag {
        let name: String
        let parameters: [String]?
        let opensBody: Bool
    }

    private enum Piece {
        case text(String)
        case tag(Tag)
    }

    static let closers: Set<String> = ["elseif", "else", "endif", "endfor", "endexport", "endextend"]

    /// Nodes up to one of the tags in `ends` (returned) or the end of the source (nil).
    private mutating func nodes(until ends: Set<String>) throws -> ([TemplateNode], Tag?) {
        var nodes: [TemplateNode] = []
        while let piece = try next() {
            switch piece {
            case .text(let text):
                if case .text(let before)? = nodes.last {
                    nodes[nodes.count - 1] = .text(before + text)
                } else {
                    nodes.append(.text(text))
                }
            case .tag(let tag):
                if ends.contains(tag.name) { return (nodes, tag) }
                nodes.append(try node(for: tag))
            }
        }
        if !ends.isEmpty { throw error("a tag is not closed: expected one of \(ends.sorted().map { "#" + $0 }.joined(separator: ", "))") }
        return (nodes, nil)
    }

    private mutating func node(for tag: Tag) throws -> TemplateNode {
        let parameters = tag.parameters ?? []
        switch (tag.name, tag.opensBody) {
        case ("", false):
            return .output(try expression(single(parameters, tag)))
        case ("t", false):
            guard case .string(let key)? = try parameters.first.map(expression) else { throw error("#t needs a key in quotes first") }
            return .translate(key: key, arguments: try parameters.dropFirst().map(expression))
        case ("if", true):
            var branches: [(TemplateExpression, [TemplateNode])] = []
            var condition = try expression(single(parameters, tag))
            var otherwise: [TemplateNode] = []
            while true {
                let (body, end) = try nodes(until: ["elseif", "else", "endif"])
                branches.append((condition, body))
                guard let end, end.name != "endif" else { break }
                if end.name == "elseif" {
                    condition = try expression(single(end.parameters ?? [], end))
                } else {
                    otherwise = try nodes(until: ["endif"]).0
                    break
                }
            }
            return .choice(branches: branches, otherwise: otherwise)
        case ("for", true):
            let words = try single(parameters, tag).split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 3, words[1] == "in" else { throw error("#for reads #for(item in list)") }
            let (body, _) = try nodes(until: ["endfor"])
            return .loop(item: String(words[0]), list: try expression(String(words[2])), body: body)
        case ("extend", let opensBody):
            guard case .string(let target) = try expression(single(parameters, tag)) else { throw error("#extend needs a template name in quotes") }
            var exports: [String: [TemplateNode]] = [:]
            if opensBody {
                let (body, _) = try nodes(until: ["endextend"])
                for case .extend(name: "", exports: let found) in body { exports.merge(found) { $1 } }
            }
            return .extend(name: target, exports: exports)
        case ("export", true):
            guard case .string(let key) = try expression(single(parameters, tag)) else { throw error("#export needs a name in quotes") }
            let (body, _) = try nodes(until: ["endexport"])
            // Held as an unnamed extend so the enclosing #extend can collect it.
            return .extend(name: "", exports: [key: body])
        case ("import", false):
            guard case .string(let key) = try expression(single(parameters, tag)) else { throw error("#import needs a name in quotes") }
            return .importing(key)
        case (let other, false) where tag.parameters == nil && !Self.closers.contains(other):
            // `#word` that names no tag is text, as written.
            return .text("#" + other)
        default:
            throw error("#\(tag.name) is not a tag Docket's templates know")
        }
    }

    private func single(_ parameters: [String], _ tag: Tag) throws -> String {
        guard parameters.count == 1 else { throw error("#\(tag.name) takes one parameter, found \(parameters.count)") }
        return parameters[0]
    }

    // MARK: Lexing

    private mutating func next() throws -> Piece? {
        guard position < source.count else { return nil }
        if source[position] != "#" { return .text(readText()) }
        position += 1
        guard position < source.count, source[position].isLetter || source[position].isNumber || source[position] == "(" else {
            return .text("#")
        }
        var tagName = ""
        while position < source.count, source[position].isLetter || source[position].isNumber {
            tagName.append(source[position]); position += 1
        }
        var parameters: [String]?
        if position < source.count, source[position] == "(" {
            parameters = try readParameters()
        }
        var opensBody = false
        if position < source.count, source[position] == ":", !tagName.isEmpty {
            opensBody = true
            position += 1
        }
        return .tag(Tag(name: tagName, parameters: parameters, opensBody: opensBody))
    }

    private mutating func readText() -> String {
        var text = ""
        while position < source.count, source[position] != "#" {
            if source[position] == "\\", position + 1 < source.count, source[position + 1] == "#" {
                text.append("#"); position += 2
                continue
            }
            text.append(source[position]); position += 1
        }
        return text
    }

    /// The parameters between parentheses, split at commas outside quotes, each trimmed.
    private mutating func readParameters() throws -> [String] {
        position += 1
        var parameters: [String] = []
        var current = ""
        var depth = 1
        var quoted = false
        while position < source.count {
            let c = source[position]
            position += 1
            if quoted {
                current.append(c)
                if c == "\\", position < source.count { current.append(source[position]); position += 1 } else if c == "\"" { quoted = false }
                continue
            }
            switch c {
            case "\"": quoted = true; current.append(c)
            case "(": depth += 1; current.append(c)
            case ")":
                depth -= 1
                if depth == 0 {
                    let last = current.trimmingCharacters(in: .whitespaces)
                    if !last.isEmpty || !parameters.isEmpty { parameters.append(last) }
                    return parameters
                }
                current.append(c)
            case "," where depth == 1:
                parameters.append(current.trimmingCharacters(in: .whitespaces)); current = ""
            default: current.append(c)
            }
        }
        throw error("a parameter list is not closed")
    }

    // MARK: Expressions

    private func expression(_ text: String) throws -> TemplateExpression {
        let text = text.trimmingCharacters(in: .whitespaces)
        for comparison in TemplateExpression.Comparison.allCases {
            if let range = Self.outsideQuotes(text, find: " \(comparison.rawValue) ") {
                return .compare(try expression(String(text[..<range.lowerBound])), comparison,
                                try expression(String(text[range.upperBound...])))
            }
        }
        if text.hasPrefix("!") { return .not(try expression(String(text.dropFirst()))) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            return .string(String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\""))
        }
        if let number = Int(text) { return .int(number) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }) else {
            throw error("'\(text)' is not a value, a text in quotes, a number or a comparison")
        }
        return .path(parts)
    }

    private static func outsideQuotes(_ text: String, find needle: String) -> Range<String.Index>? {
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "\"" { quoted.toggle() }
            if !quoted, text[index...].hasPrefix(needle) { return index..<text.index(index, offsetBy: needle.count) }
            index = text.index(after: index)
        }
        return nil
    }

    private func error(_ message: String) -> TemplateError {
        TemplateError(template: name, message: message)
    }
}
