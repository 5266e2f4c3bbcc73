import Bindings
import Community
import Fluent
import Foundation
import Persistence
import Tabular
import Vapor

/// Reads a municipality's portfolio straight from KITOS's API v2 (the same four endpoints the
/// saved-file import takes), page by page. After the first full pull only what changed since the
/// last one is asked for (`changedSinceGtEq`); the shared system catalogue is always read for the
/// systems the municipality uses, so rights holders stay known.
public struct KitosPull: Sendable {
    public var baseURL: String
    public var token: String
    /// The municipality's organisation uuid in KITOS.
    public var organisationUUID: UUID
    public var pageSize = 250

    public init(baseURL: String, token: String, organisationUUID: UUID) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.organisationUUID = organisationUUID
    }

    public enum Failure: Error, CustomStringConvertible {
        case http(String, UInt)
        case notAnArray(String)

        public var description: String {
            switch self {
            case .http(let url, let status): "KITOS answered \(status) for \(url)"
            case .notAnArray(let url): "KITOS did not answer with a JSON array for \(url)"
            }
        }
    }

    /// Every page of one endpoint, joined into one JSON array (as a saved file would hold it).
    func fetch(_ endpoint: String, organisationParameter: String, since: Date?, client: any Client) async throws -> [UInt8] {
        var items: [String] = []
        var page = 0
        while true {
            var url = "\(baseURL)/api/v2/\(endpoint)?\(organisationParameter)=\(organisationUUID.uuidString.lowercased())&page=\(page)&pageSize=\(pageSize)"
            if let since {
                var style = Date.ISO8601FormatStyle()
                style.timeZone = TimeZone(identifier: "UTC")!
                url += "&changedSinceGtEq=" + (since.formatted(style).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            let response = try await client.get(URI(string: url), headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
            guard response.status == .ok else { throw Failure.http(url, response.status.code) }
            let body = response.body.map { Data($0.readableBytesView) } ?? Data()
            guard let array = try? JSONSerialization.jsonObject(with: body) as? [Any] else { throw Failure.notAnArray(url) }
            // Keep each element's own text: the importer reads positions from it for its messages.
            for element in array {
                items.append(String(decoding: try JSONSerialization.data(withJSONObject: element, options: [.sortedKeys]), as: UTF8.self))
            }
            if array.count < pageSize || page > 10_000 { break }
            page += 1
        }
        return Array(("[\n" + items.joined(separator: ",\n") + "\n]").utf8)
    }

    public func export(since: Date?, client: any Client) async throws -> KitosExport {
        var files: [String: [UInt8]] = [:]
        files["it-system-usages.json"] = try await fetch("it-system-usages", organisationParameter: "organizationUuid", since: since, client: client)
        files["it-contracts.json"] = try await fetch("it-contracts", organisationParameter: "organizationUuid", since: since, client: client)
        files["data-processing-registrations.json"] = try await fetch("data-processing-registrations", organisationParameter: "organizationUuid", since: since,
            client: client)
        files["it-systems.json"] = try await fetch("it-systems", organisationParameter: "usedInOrganizationUuid", since: nil, client: client)
        return try KitosExport.read(files)
    }
}

extension Operations {
    /// The system's own scope for a municipality (commands run by the operator, not a person).
    static func systemScope(_ app: Application, municipalityCode code: String) async throws -> TenantScope {
        guard let org = try await OrganisationRepository(db: app.db).find(municipalityCode: code) else {
            throw RepositoryError.invalid(field: "org", message: "no municipality with kommunekode \(code)")
        }
        return TenantScope(organisationID: org.id, organisationKind: .municipality, userID: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!,
            roles: [.architect])
    }

    /// Saved KITOS files → the register (one transaction).
    public static func importKitosFiles(_ app: Application, municipalityCode: String, files: [String: [UInt8]]) async throws -> KitosImporter.Summary {
        let scope = try await systemScope(app, municipalityCode: municipalityCode)
        let export = try KitosExport.read(files)
        let now = app.services.now()
        let summary = try await KitosImporter(db: app.db).importExport(export, in: scope, now: now)
        try await KitosPullLog(db: app.db).record(in: scope, at: now, source: "files", delta: false, usages: export.usages.count)
        try await AuditLog(db: app.db).record(.kitosImported, organisationID: scope.organisationID, actorID: nil, targetType: "organisation",
            targetID: scope.organisationID.uuidString, detail: "cli files usages=\(export.usages.count)", at: now)
        return summary
    }

    /// A live pull: full the first time (or with `full`), afterwards only what changed since the
    /// last API pull. Returns the summary and whether it was a delta.
    public static func pullKitos(_ app: Application, municipalityCode: String, pull: KitosPull, full: Bool) async throws -> (KitosImporter.Summary, Bool) {
        let scope = try await systemScope(app, municipalityCode: municipalityCode)
        let log = KitosPullLog(db: app.db)
        let since = full ? nil : try await log.last(in: scope, source: "api")?.at
        // Ask from a little before the last pull started: KITOS's clock and ours may differ.
        let started = app.services.now()
        let export = try await pull.export(since: since.map { $0.addingTimeInterval(-300) }, client: app.client)
        let summary = try await KitosImporter(db: app.db).importExport(export, in: scope, now: started, delta: since != nil)
        try await log.record(in: scope, at: started, source: "api", delta: since != nil, usages: export.usages.count)
        try await AuditLog(db: app.db).record(.kitosImported, organisationID: scope.organisationID, actorID: nil, targetType: "organisation",
            targetID: scope.organisationID.uuidString, detail: "cli api delta=\(since != nil) usages=\(export.usages.count)", at: started)
        return (summary, since != nil)
    }
}
