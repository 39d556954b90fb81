import Foundation

/// What a template reads: a page's data, turned from its `Encodable` structs into plain values
/// once per page.
indirect enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([TemplateValue])
    case object([String: TemplateValue])

    /// True for `true` and for any value that is there and is not a Boolean (an empty list or text
    /// included); false for `false` and for a missing value.
    var isTruthy: Bool {
        switch self {
        case .bool(let b): b
        case .null: false
        default: true
        }
    }

    /// The value as text: numbers in decimal, Booleans as `true`/`false`, nothing for a missing value.
    var text: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .array(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .object(let fields): "[" + fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ") + "]"
        }
    }

    var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .string(let s): Double(s)
        default: nil
        }
    }

    /// A field of an object; missing for anything else.
    subscript(key: String) -> TemplateValue {
        if case .object(let fields) = self { return fields[key] ?? .null }
        return .null
    }

    /// `value` as template data, through its `Encodable` conformance.
    static func of<T: Encodable>(_ value: T) throws -> TemplateValue {
        switch value {
        case let s as String: return .string(s)
        case let i as Int: return .int(i)
        case let b as Bool: return .bool(b)
        default:
            let encoder = TemplateEncoder()
            try value.encode(to: encoder)
            return encoder.root.resolved
        }
    }
}

/// A value being encoded: containers asked for later fill it in place.
private final class Slot {
    var value: TemplateValue = .null
    var fields: [String: TemplateValue]?
    var items: [TemplateValue]?
    /// Nested containers, filled after they were handed out.
    var pendingFields: [String: Slot] = [:]
    var pendingItems: [(Int, Slot)] = []

    var resolved: TemplateValue {
        if var fields {
            for (key, slot) in pendingFields { fields[key] = slot.resolved }
            return .object(fields)
        }
        if var items {
            for (index, slot) in pendingItems { items[index] = slot.resolved }
            return .array(items)
        }
        return value
    }
}

private final class TemplateEncoder: Encoder {
    let root: Slot
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(root: Slot = Slot()) { self.root = root }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if root.fields == nil { root.fields = [:] }
        return KeyedEncodingContainer(Keyed<Key>(slot: root))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if root.items == nil { root.items = [] }
        return Unkeyed(slot: root)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: root) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { slot.fields![key.stringValue] = .null }
        mutating func encode(_ value: Bool, forKey key: Key) throws { slot.fields![key.stringValue] = .bool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { slot.fields![key.stringValue] = .string(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { slot.fields![key.stringValue] = .int(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { slot.fields![key.stringValue] = .double(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            slot.fields![key.stringValue] = try TemplateValue.of(value)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = Slot()
            nested.fields = [:]
            slot.pendingFields[key.stringValue] = nested
            return KeyedEncodingContainer(Keyed<NestedKey>(slot: nested))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = Slot()
            nested.items = []
            slot.pendingFields[key.stringValue] = nested
            return Unkeyed(slot: nested)
        }
        mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }
        private func superEncoder(named name: String) -> any Encoder {
            let nested = Slot()
            slot.pendingFields[name] = nested
            return TemplateEncoder(root: nested)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey] { [] }
        var count: Int { slot.items!.count }

        mutating func encodeNil() throws { slot.items!.append(.null) }
        mutating func encode(_ value: String) throws { slot.items!.append(.string(value)) }
        mutating func encode(_ value: Int) throws { slot.items!.append(.int(value)) }
        mutating func encode(_ value: Bool) throws { slot.items!.append(.bool(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { slot.items!.append(try TemplateValue.of(value)) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = pending()
            nested.fields = [:]
            return KeyedEncodingContainer(Keyed<NestedKey>(slot: nested))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = pending()
            nested.items = []
            return Unkeyed(slot: nested)
        }
        mutating func superEncoder() -> any Encoder { TemplateEncoder(root: pending()) }
        private func pending() -> Slot {
            let nested = Slot()
            slot.pendingItems.append((slot.items!.count, nested))
            slot.items!.append(.null)
            return nested
        }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { slot.value = .null }
        mutating func encode(_ value: Bool) throws { slot.value = .bool(value) }
        mutating func encode(_ value: String) throws { slot.value = .string(value) }
        mutating func encode(_ value: Int) throws { slot.value = .int(value) }
        mutating func encode(_ value: Double) throws { slot.value = .double(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { slot.value = try TemplateValue.of(value) }
    }
}
