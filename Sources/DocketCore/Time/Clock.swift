import Foundation

/// The source of "now" for everything that depends on time. Production uses `SystemClock`;
/// tests fix the time with `FixedClock` and move it forward explicitly.
public protocol DocketClock: Sendable {
    func now() -> Date
}

public struct SystemClock: DocketClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to.
public final class FixedClock: DocketClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public func now() -> Date {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    public func set(_ date: Date) {
        lock.lock(); defer { lock.unlock() }
        current = date
    }

    public func advance(by seconds: TimeInterval) {
        lock.lock(); defer { lock.unlock() }
        current = current.addingTimeInterval(seconds)
    }
}

public enum CourtTime {
    /// Dates that matter in law are calendar dates in this zone.
    public static let zone = TimeZone(identifier: "America/Toronto")!

    /// Parses "YYYY-MM-DDTHH:MM" (or with ":SS") as local Toronto time.
    public static func localInstant(_ text: String) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2 else { return nil }
        let d = parts[0].split(separator: "-").compactMap { Int($0) }
        let t = parts[1].split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count == 2 || t.count == 3 else { return nil }
        var c = DateComponents()
        c.year = d[0]; c.month = d[1]; c.day = d[2]
        c.hour = t[0]; c.minute = t[1]; c.second = t.count == 3 ? t[2] : 0
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        guard let date = cal.date(from: c) else { return nil }
        let back = cal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.year == c.year, back.month == c.month, back.day == c.day else { return nil }
        return date
    }
}

/// A clock that runs with real time but can be moved: for trying deadlines by hand outside
/// production (`/dev/clock`, `DOCKET_NOW`, `DOCKET_CLOCK_OFFSET`). Never used in production.
public final class MovableClock: DocketClock, @unchecked Sendable {
    private let lock = NSLock()
    private let base: any DocketClock
    private var offset: TimeInterval

    public init(base: any DocketClock = SystemClock(), offset: TimeInterval = 0) {
        self.base = base
        self.offset = offset
    }

    public func now() -> Date {
        lock.lock(); defer { lock.unlock() }
        return base.now().addingTimeInterval(offset)
    }

    /// How far this clock is from real time, in seconds.
    public var currentOffset: TimeInterval {
        lock.lock(); defer { lock.unlock() }
        return offset
    }

    public func set(_ date: Date) {
        lock.lock(); defer { lock.unlock() }
        offset = date.timeIntervalSince(base.now())
    }

    public func advance(by seconds: TimeInterval) {
        lock.lock(); defer { lock.unlock() }
        offset += seconds
    }

    public func reset() {
        lock.lock(); defer { lock.unlock() }
        offset = 0
    }
}
