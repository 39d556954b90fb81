import Foundation
import Logging
import Vapor

/// Log output: Vapor's console format, or one JSON object a line (`DOCKET_LOG_FORMAT=json`) for a
/// log collector. Either way each request's lines carry its `request-id`.
public enum DocketLogHandler {
    public static func make(label: String, level: Logger.Level, format: String) -> any LogHandler {
        if format == "json" {
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return RedactingLogHandler(handler)
        }
        return RedactingLogHandler(ConsoleLogger(label: label, console: Terminal(), level: level))
    }
}

/// Keeps secrets out of every log line. At debug level the database drivers log each query with
/// its bound values, and those include mail bodies that carry single-use links; this handler
/// replaces such values before any output sees them. Passwords, answers and session tokens are
/// hashed before they reach a query, so they never appear in the first place.
public struct RedactingLogHandler: LogHandler {
    /// Metadata keys whose values are never written.
    static let secretKeys: Set<String> = ["binds", "input", "password", "token", "cookie", "authorization"]

    var inner: any LogHandler

    public init(_ inner: any LogHandler) { self.inner = inner }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = Self.redact(newValue) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = Self.secretKeys.contains(key.lowercased()) ? "<redacted>" : newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.metadata = event.metadata.map(Self.redact)
        inner.log(event: event)
    }

    static func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var out = metadata
        for key in metadata.keys where secretKeys.contains(key.lowercased()) { out[key] = "<redacted>" }
        return out
    }
}

struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private static let lock = NSLock()

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: String] = [
            "time": ISO8601DateFormatter().string(from: Date()),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = value.description
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        Self.lock.lock(); defer { Self.lock.unlock() }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
