import Foundation
import NIOConcurrencyHelpers

/// Docket's page templates (`Resources/Views/**.leaf`), parsed and linked once at start: each
/// `#extend` is replaced by the template it names with its exports in place of the `#import`s, so
/// rendering is a walk over text, values, choices and loops. With `reloads` (for editing templates
/// without a restart) each render reads the files afresh.
final class TemplateLibrary: Sendable {
    let directory: String
    let reloads: Bool
    private let linked: NIOLockedValueBox<[String: [TemplateNode]]>

    init(directory: String, reloads: Bool) throws {
        self.directory = directory
        self.reloads = reloads
        linked = NIOLockedValueBox(reloads ? [:] : try Self.readAll(directory))
    }

    /// The linked template `name` ("account", "claim/tasks").
    func template(_ name: String) throws -> [TemplateNode] {
        if reloads { return try Self.link(name, parsed: Self.parseAll(directory)) }
        guard let found = linked.withLockedValue({ $0[name] }) else {
            throw TemplateError(template: name, message: "no such template in \(directory)")
        }
        return found
    }

    var count: Int { linked.withLockedValue { $0.count } }

    /// Renders `name` with `data`; `translate` gives a catalogue key's text with its arguments.
    func render(_ name: String, _ data: TemplateValue, translate: @escaping (String, [String]) -> String) throws -> String {
        var renderer = TemplateRenderer(translate: translate)
        renderer.render(try template(name), data)
        return renderer.output
    }

    private static func readAll(_ directory: String) throws -> [String: [TemplateNode]] {
        let parsed = try parseAll(directory)
        var linked: [String: [TemplateNode]] = [:]
        for name in parsed.keys { linked[name] = try link(name, parsed: parsed) }
        return linked
    }

    private static func parseAll(_ directory: String) throws -> [String: [TemplateNode]] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw TemplateError(template: directory, message: "the templates' folder cannot be read")
        }
        var parsed: [String: [TemplateNode]] = [:]
        for case let url as URL in walker where url.pathExtension == "leaf" {
            let name = String(url.standardizedFileURL.deletingPathExtension().path.dropFirst(root.path.count + 1))
            parsed[name] = try TemplateParser.parse(name: name, source: try String(contentsOf: url, encoding: .utf8))
        }
        return parsed
    }

    /// `name` with every `#extend` replaced, to any depth (a template extending itself is refused).
    private static func link(_ name: String, parsed: [String: [TemplateNode]], seen: [String] = []) throws -> [TemplateNode] {
        guard !seen.contains(name) else { throw TemplateError(template: name, message: "extends itself through \(seen.joined(separator: " → "))") }
        guard let nodes = parsed[name] else { throw TemplateError(template: seen.last ?? name, message: "#extend(\"\(name)\") names no template") }
        return try nodes.flatMap { try link($0, parsed: parsed, seen: seen + [name]) }
    }

    private static func link(_ node: TemplateNode, parsed: [String: [TemplateNode]], seen: [String]) throws -> [TemplateNode] {
        func each(_ nodes: [TemplateNode]) throws -> [TemplateNode] { try nodes.flatMap { try link($0, parsed: parsed, seen: seen) } }
        switch node {
        case .extend(let target, let exports):
            let exports = try exports.mapValues(each)
            return try link(target, parsed: parsed, seen: seen).flatMap { fill($0, exports) }
        case .choice(let branches, let otherwise):
            return [.choice(branches: try branches.map { ($0.0, try each($0.1)) }, otherwise: try each(otherwise))]
        case .loop(let item, let list, let body):
            return [.loop(item: item, list: list, body: try each(body))]
        default:
            return [node]
        }
    }

    /// `node` with `#import(name)` replaced by the export of that name (nothing when there is none).
    private static func fill(_ node: TemplateNode, _ exports: [String: [TemplateNode]]) -> [TemplateNode] {
        switch node {
        case .importing(let key): return exports[key] ?? []
        case .choice(let branches, let otherwise):
            return [.choice(branches: branches.map { ($0.0, $0.1.flatMap { fill($0, exports) }) }, otherwise: otherwise.flatMap { fill($0, exports) })]
        case .loop(let item, let list, let body): return [.loop(item: item, list: list, body: body.flatMap { fill($0, exports) })]
        default: return [node]
        }
    }
}

/// Walks a linked template over the page's data, escaping every value it prints.
struct TemplateRenderer {
    let translate: (String, [String]) -> String
    private(set) var output = ""
    /// Loop items in scope, innermost last.
    private var items: [(String, TemplateValue)] = []

    init(translate: @escaping (String, [String]) -> String) {
        self.translate = translate
        output.reserveCapacity(16_384)
    }

    mutating func render(_ nodes: [TemplateNode], _ data: TemplateValue) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .output(let expression):
                Self.escape(value(expression, data).text, into: &output)
            case .translate(let key, let arguments):
                Self.escape(translate(key, arguments.map { value($0, data).text }), into: &output)
            case .choice(let branches, let otherwise):
                if let branch = branches.first(where: { value($0.0, data).isTruthy }) {
                    render(branch.1, data)
                } else {
                    render(otherwise, data)
                }
            case .loop(let item, let list, let body):
                guard case .array(let elements) = value(list, data) else { continue }
                for element in elements {
                    items.append((item, element))
                    render(body, data)
                    items.removeLast()
                }
            case .extend, .importing:
                continue
            }
        }
    }

    private func value(_ expression: TemplateExpression, _ data: TemplateValue) -> TemplateValue {
        switch expression {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .not(let inner): return .bool(!value(inner, data).isTruthy)
        case .path(let parts):
            var current = items.last(where: { $0.0 == parts[0] })?.1 ?? data[parts[0]]
            for part in parts.dropFirst() { current = current[part] }
            return current
        case .compare(let left, let comparison, let right):
            let l = value(left, data), r = value(right, data)
            switch comparison {
            case .equal: return .bool(Self.same(l, r))
            case .unequal: return .bool(!Self.same(l, r))
            default:
                guard let a = l.number, let b = r.number else { return .null }
                switch comparison {
                case .greater: return .bool(a > b)
                case .less: return .bool(a < b)
                case .greaterOrEqual: return .bool(a >= b)
                default: return .bool(a <= b)
                }
            }
        }
    }

    private static func same(_ a: TemplateValue, _ b: TemplateValue) -> Bool {
        if a == b { return true }
        if case .null = a { return false }
        if case .null = b { return false }
        if let x = a.number, let y = b.number { return x == y }
        return false
    }

    /// Appends `text` with `& " ' < >` written as entities; text without them is appended whole.
    static func escape(_ text: String, into output: inout String) {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x22 || $0 == 0x27 || $0 == 0x3C || $0 == 0x3E }) else {
            output += text
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            default: bytes.append(byte)
            }
        }
        output += String(decoding: bytes, as: UTF8.self)
    }
}
