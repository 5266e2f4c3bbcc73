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
    /// PostgreSQL connections per event loop (per core).
    public var databaseConnectionsPerLoop = 4
    /// The address people reach the app at (for links in e-mails and the calendar URL); when unset,
    /// taken from the request's Host header.
    public var publicURL: String?
    /// Where reminders are sent from; nil means reminders are off.
    public var smtp: SMTPSettings?

    public struct SMTPSettings: Equatable, Sendable {
        public enum Security: String, Sendable { case none, starttls }
        public var host: String
        public var port = 25
        public var from: String
        public var security = Security.none
        public var username: String?
        public var password: String?

        public init(host: String, port: Int = 25, from: String, security: Security = .none, username: String? = nil, password: String? = nil) {
            self.host = host
            self.port = port
            self.from = from
            self.security = security
            self.username = username
            self.password = password
        }
    }

    public init() {}

    /// Reads `HANDLEFRIHED_HOST`, `HANDLEFRIHED_PORT`, `DATABASE_URL`, `HANDLEFRIHED_SQLITE`,
    /// `HANDLEFRIHED_SECURE_COOKIES`, `HANDLEFRIHED_LOG_FORMAT`, `HANDLEFRIHED_MAX_UPLOAD_MB`,
    /// `HANDLEFRIHED_PUBLIC_URL` and the reminder mail server `HANDLEFRIHED_SMTP_HOST`, `_PORT`, `_FROM`,
    /// `_SECURITY` (none or starttls), `_USERNAME`, `_PASSWORD`.
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
        if let n = env["HANDLEFRIHED_DB_CONNECTIONS"], !n.isEmpty {
            if let count = Int(n), (1...64).contains(count) { c.databaseConnectionsPerLoop = count } else {
                problems.append("HANDLEFRIHED_DB_CONNECTIONS must be a whole number from 1 to 64 (per core), not \"\(n)\"")
            }
        }
        if let url = env["HANDLEFRIHED_PUBLIC_URL"], !url.isEmpty {
            if (url.hasPrefix("https://") || url.hasPrefix("http://")) && URL(string: url)?.host != nil {
                c.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("HANDLEFRIHED_PUBLIC_URL must be an address like https://handlefrihed.example.dk, not \"\(url)\"")
            }
        }
        if let host = env["HANDLEFRIHED_SMTP_HOST"], !host.isEmpty {
            var smtp = SMTPSettings(host: host, from: env["HANDLEFRIHED_SMTP_FROM"] ?? "")
            if !smtp.from.contains("@") { problems.append("HANDLEFRIHED_SMTP_FROM must be the sender's e-mail address when HANDLEFRIHED_SMTP_HOST is set") }
            if let p = env["HANDLEFRIHED_SMTP_PORT"], !p.isEmpty {
                if let port = Int(p), (1...65535).contains(port) { smtp.port = port } else {
                    problems.append("HANDLEFRIHED_SMTP_PORT must be a port number from 1 to 65535, not \"\(p)\"")
                }
            }
            if let s = env["HANDLEFRIHED_SMTP_SECURITY"], !s.isEmpty {
                if let security = SMTPSettings.Security(rawValue: s) { smtp.security = security } else {
                    problems.append("HANDLEFRIHED_SMTP_SECURITY must be none or starttls, not \"\(s)\"")
                }
            }
            smtp.username = env["HANDLEFRIHED_SMTP_USERNAME"].flatMap { $0.isEmpty ? nil : $0 }
            smtp.password = env["HANDLEFRIHED_SMTP_PASSWORD"]
            if smtp.username != nil && smtp.security != .starttls {
                problems.append("HANDLEFRIHED_SMTP_USERNAME needs HANDLEFRIHED_SMTP_SECURITY=starttls (no passwords over plain connections)")
            }
            c.smtp = smtp
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
