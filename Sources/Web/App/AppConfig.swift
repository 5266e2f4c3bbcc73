import Vapor
import FluentKit
import Fluent
import Persistence
import Community
import Foundation

/// All configuration, read once at start from the environment. Defaults give a working
/// SQLite setup on a laptop.
public struct AppConfig: Equatable, Sendable {
    public enum Storage: Equatable, Sendable {
        case sqlite(path: String)
        case sqliteInMemory
        case postgres(url: String)
    }

    public enum LogFormat: String, Sendable { case text, json }

    public var hostname = "127.0.0.1"
    public var port = 8080
    public var storage: Storage = .sqlite(path: "handlefrihed.sqlite")
    /// Set when the app is served over TLS (behind a reverse proxy): cookies get `Secure`.
    public var secureCookies = false
    public var logFormat: LogFormat = .text
    public var maxUploadBytes = 256 * 1_048_576

    public init() {}

    /// Reads `HANDLEFRIHED_HOST`, `HANDLEFRIHED_PORT`, `DATABASE_URL`, `HANDLEFRIHED_SQLITE`,
    /// `HANDLEFRIHED_SECURE_COOKIES`, `HANDLEFRIHED_LOG_FORMAT`, `HANDLEFRIHED_MAX_UPLOAD_MB`.
    /// Every bad value is reported at once.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> AppConfig {
        var c = AppConfig()
        var problems: [String] = []
        if let host = env["HANDLEFRIHED_HOST"], !host.isEmpty { c.hostname = host }
        if let p = env["HANDLEFRIHED_PORT"], !p.isEmpty {
            if let port = Int(p), (1...65535).contains(port) { c.port = port } else {
                problems.append("HANDLEFRIHED_PORT must be a port number from 1 to 65535, not \"\(p)\"")
            }
        }
        if let url = env["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                c.storage = .postgres(url: url)
            } else {
                problems.append("DATABASE_URL must start with postgres:// or postgresql://")
            }
        } else if let path = env["HANDLEFRIHED_SQLITE"], !path.isEmpty {
            c.storage = path == ":memory:" ? .sqliteInMemory : .sqlite(path: path)
        }
        if let s = env["HANDLEFRIHED_SECURE_COOKIES"], !s.isEmpty {
            switch s.lowercased() {
            case "1", "true", "yes": c.secureCookies = true
            case "0", "false", "no": c.secureCookies = false
            default: problems.append("HANDLEFRIHED_SECURE_COOKIES must be true or false, not \"\(s)\"")
            }
        }
        if let f = env["HANDLEFRIHED_LOG_FORMAT"], !f.isEmpty {
            if let format = LogFormat(rawValue: f) { c.logFormat = format } else {
                problems.append("HANDLEFRIHED_LOG_FORMAT must be text or json, not \"\(f)\"")
            }
        }
        if let m = env["HANDLEFRIHED_MAX_UPLOAD_MB"], !m.isEmpty {
            if let mb = Int(m), (1...4096).contains(mb) { c.maxUploadBytes = mb * 1_048_576 } else {
                problems.append("HANDLEFRIHED_MAX_UPLOAD_MB must be a whole number from 1 to 4096, not \"\(m)\"")
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return c
    }
}

public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "Configuration problems:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
