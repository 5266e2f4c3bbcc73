import Foundation

/// The export archive: a zip of JSON and CSV files, documented in docs/export-format.md.
public enum ArchiveFormat {
    public static let name = "handlefrihed-export"
    public static let version = 1
    /// Every file the format defines, in the order they are written.
    public static let files = [
        "organisation.json", "departments.csv", "people.csv", "memberships.csv", "grants.csv", "audit_log.csv",
        "licence_settings.csv", "licence_snapshots.csv", "licence_users.csv", "incidents.csv", "incident_timeline.csv",
        "management_training.csv", "assets.csv", "asset_dependencies.csv", "risk_matrices.csv", "measures.csv", "measure_evidence.csv",
        "risks.csv", "risk_measures.csv", "continuity_plans.csv", "plan_contacts.csv", "exercises.csv", "nis2_registration.csv", "nis2_tasks.csv",
        "vendors.csv", "products.csv", "components.csv", "bindings.csv", "integrations.csv", "contracts.csv", "contract_usages.csv", "data_assets.csv",
        "vendor_roles.csv", "exit_plans.csv", "lockin_snapshots.csv", "kitos_pulls.csv",
    ]
    public static let manifest = "manifest.json"
    /// Limits on what an archive may unpack to; a larger entry or archive (or a zip bomb, whose
    /// headers understate the size) is refused.
    public struct Limits: Sendable {
        public var entryBytes: Int
        public var totalBytes: Int

        public init(entryBytes: Int, totalBytes: Int) {
            (self.entryBytes, self.totalBytes) = (entryBytes, totalBytes)
        }

        /// 512 MiB per file, 2 GiB in all.
        public static let standard = Limits(entryBytes: 512 * 1_048_576, totalBytes: 2_048 * 1_048_576)
    }

    public struct Manifest: Codable, Equatable, Sendable {
        public var format: String
        public var version: Int
        public var exportedAt: Date
        public var organisationCode: String
        public var organisationName: String
        /// SHA-256 (hex) of each file.
        public var files: [String: String]
        public var counts: [String: Int]

        public init(
            format: String, version: Int, exportedAt: Date, organisationCode: String, organisationName: String, files: [String: String],
            counts: [String: Int]
        ) {
            (self.format, self.version, self.exportedAt, self.organisationCode) = (format, version, exportedAt, organisationCode)
            (self.organisationName, self.files, self.counts) = (organisationName, files, counts)
        }
    }

    /// Entry names must be plain file names at the archive's root.
    public static func isSafe(path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("..") && !path.contains("\\") && !path.contains("/")
            && !path.contains("\0")
    }

    static var jsonEncoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    static var jsonDecoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    static let timestamp: Date.ISO8601FormatStyle = .iso8601
    /// With fractional seconds, for values that must come back exactly (licence data).
    static let preciseTimestamp: Date.ISO8601FormatStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func format(_ date: Date?) -> String {
        date.map { $0.formatted(timestamp) } ?? ""
    }
}
