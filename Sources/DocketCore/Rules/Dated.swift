/// A value in force from a date (inclusive) until the next entry's date, with where it comes from.
public struct Dated<Value: Sendable>: Sendable {
    public let from: CivilDate
    public let value: Value
    public let source: String

    public init(from: CivilDate, _ value: Value, source: String) {
        self.from = from; self.value = value; self.source = source
    }
}

/// Values over time: the answer on a date is the latest entry that began on or before it. Adding
/// next year's value is adding an entry.
public struct Schedule<Value: Sendable>: Sendable {
    public let entries: [Dated<Value>]

    public init(_ entries: [Dated<Value>]) {
        self.entries = entries.sorted { $0.from < $1.from }
    }

    /// The entry in force on `date`, or nil before the first one Docket knows.
    public func on(_ date: CivilDate) -> Dated<Value>? {
        entries.last { $0.from <= date }
    }
}
