import Vapor
import FluentKit
import Fluent
import Persistence
import Community
import Foundation
import Logging

/// One JSON object per line, for log shippers. Callers log ids and counts only — never names,
/// e-mail addresses or free text about people (STYLE.md rule 11).
public enum JSONLogHandlerFactory {
    public static func make(label: String) -> any LogHandler { JSONLogHandler(label: label) }
}

struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: String] = [
            "ts": Date().formatted(.iso8601), "level": event.level.rawValue, "label": label, "msg": "\(event.message)",
        ]
        for (k, v) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[k] = "\(v)" }
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
            let line = String(data: data, encoding: .utf8)
        {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
