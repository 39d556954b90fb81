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
            return handler
        }
        return ConsoleLogger(label: label, console: Terminal(), level: level)
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
