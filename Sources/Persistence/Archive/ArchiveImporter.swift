import Community
import Crypto
import FluentKit
import Foundation
import Tabular
import SQLKit

/// Reads an export archive back. Everything is checked before anything is written, and the
/// writes happen in one transaction: a refused or failed import changes nothing.
public struct ArchiveImporter: Sendable {
    let db: any Database
    let limits: ArchiveFormat.Limits

    public init(db: any Database, limits: ArchiveFormat.Limits = .standard) {
        self.db = db
        self.limits = limits
    }

    public struct Summary: Equatable, Sendable {
        public var organisationCode: String
        public var counts: [String: Int]
    }

    public func importArchive(_ data: Data) async throws -> Summary {
        let contents = try Self.readEntries(data, limits: limits)
        let parsed = try Self.parse(contents)
        try await db.transaction { tx in try await Self.write(parsed, on: tx) }
        return Summary(organisationCode: parsed.organisation.code, counts: parsed.manifest.counts)
    }

    /// Reads and checks an archive without writing anything: what `importArchive` would refuse,
    /// this refuses with the same error. (The fuzz targets use it.)
    public static func validate(_ data: Data) throws -> Summary {
        let parsed = try parse(readEntries(data, limits: .standard))
        return Summary(organisationCode: parsed.organisation.code, counts: parsed.manifest.counts)
    }

    /// Checks already-unpacked archive files (name → bytes), as `validate` does after unzipping.
    public static func validate(files: [String: Data]) throws -> Summary {
        let parsed = try parse(files)
        return Summary(organisationCode: parsed.organisation.code, counts: parsed.manifest.counts)
    }

    // MARK: Reading and checking

    static func readEntries(_ data: Data, limits: ArchiveFormat.Limits = .standard) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        var total = 0
        for entry in try ZipReader.entries(data) {
            let path = entry.path
            guard ArchiveFormat.isSafe(path: path) else { throw ArchiveError.unsafePath(path) }
            guard !entry.isDirectory else { throw ArchiveError.unexpectedEntry(path) }
            guard path == ArchiveFormat.manifest || ArchiveFormat.files.contains(path), contents[path] == nil else {
                throw ArchiveError.unexpectedEntry(path)
            }
            if entry.uncompressedSize > limits.entryBytes { throw ArchiveError.tooLarge(path, limit: limits.entryBytes) }
            var bytes = Data()
            try ZipReader.extract(entry, from: data) { chunk in
                // The header's size can lie (a zip bomb): count what really comes out, per entry and in all.
                guard bytes.count + chunk.count <= limits.entryBytes else { throw ArchiveError.tooLarge(path, limit: limits.entryBytes) }
                total += chunk.count
                guard total <= limits.totalBytes else { throw ArchiveError.tooLarge("(all files)", limit: limits.totalBytes) }
                bytes.append(chunk)
            }
            contents[path] = bytes
        }
        return contents
    }

    struct Parsed {
        var manifest: ArchiveFormat.Manifest
        var organisation: Organisation
        var departments: [(id: UUID, code: String, name: String)]
        var people: [(id: UUID, email: String, name: String, disabled: Bool, demo: Bool, created: Date)]
        var memberships: [(id: UUID, user: UUID, role: Role, department: UUID?, created: Date)]
        var grants: [(id: UUID, to: Organisation, scope: GrantScope, note: String, created: Date)]
        var events: [AuditEventModel]
        var licenceRows: [(ArchiveTables.Table, [[any SQLExpression]])]
    }

    static func parse(_ contents: [String: Data]) throws -> Parsed {
        guard let manifestData = contents[ArchiveFormat.manifest],
            let manifest = try? ArchiveFormat.jsonDecoder.decode(ArchiveFormat.Manifest.self, from: manifestData),
            manifest.format == ArchiveFormat.name
        else { throw ArchiveError.notAHandlefrihedArchive }
        guard manifest.version == ArchiveFormat.version else { throw ArchiveError.unsupportedVersion(manifest.version) }
        for name in ArchiveFormat.files {
            guard let data = contents[name] else { throw ArchiveError.missingFile(name) }
            guard manifest.files[name] == SHA256.hex(of: data) else { throw ArchiveError.damaged(name) }
        }
        let organisation: Organisation
        do {
            organisation = try ArchiveFormat.jsonDecoder.decode(Organisation.self, from: contents["organisation.json"]!)
        } catch {
            throw ArchiveError.invalidRow(file: "organisation.json", line: 1, field: "-", message: "not a valid organisation")
        }
        guard organisation.kind == .municipality, Municipality.isValidCode(organisation.code),
            organisation.code == manifest.organisationCode
        else {
            throw ArchiveError.invalidRow(file: "organisation.json", line: 1, field: "code", message: "not a municipality's kommunekode")
        }

        var rows = try Rows(file: "departments.csv", contents, ["id", "code", "name"])
        var departments: [(UUID, String, String)] = []
        while let r = rows.next() {
            departments.append((try r.uuid("id"), r["code"], try r.nonEmpty("name")))
        }
        let departmentIDs = Set(departments.map(\.0))

        rows = try Rows(file: "people.csv", contents, ["id", "email", "display_name", "is_disabled", "is_demo", "created_at"])
        var people: [(UUID, String, String, Bool, Bool, Date)] = []
        while let r = rows.next() {
            let email = try r.nonEmpty("email").lowercased()
            guard UserRepository.isPlausibleEmail(email) else { throw r.invalid("email", "not an e-mail address") }
            people.append((try r.uuid("id"), email, try r.nonEmpty("display_name"), try r.bool("is_disabled"), try r.bool("is_demo"), try r.date("created_at")))
        }
        let personIDs = Set(people.map(\.0))
        if personIDs.count != people.count { throw ArchiveError.invalidRow(file: "people.csv", line: 0, field: "id", message: "duplicate id") }

        rows = try Rows(file: "memberships.csv", contents, ["id", "user_id", "role", "department_id", "created_at"])
        var memberships: [(UUID, UUID, Role, UUID?, Date)] = []
        while let r = rows.next() {
            let user = try r.uuid("user_id")
            guard personIDs.contains(user) else { throw r.invalid("user_id", "no such person in people.csv") }
            guard let role = Role(rawValue: r["role"]), Role.assignable(in: .municipality).contains(role) else {
                throw r.invalid("role", "unknown role \"\(r["role"])\"")
            }
            let dept = r["department_id"].isEmpty ? nil : try r.uuid("department_id")
            if let dept, !departmentIDs.contains(dept) { throw r.invalid("department_id", "no such department in departments.csv") }
            memberships.append((try r.uuid("id"), user, role, dept, try r.date("created_at")))
        }

        rows = try Rows(file: "grants.csv", contents, ["id", "to_organisation_id", "to_kind", "to_code", "to_name", "scope", "note", "created_at"])
        var grants: [(UUID, Organisation, GrantScope, String, Date)] = []
        while let r = rows.next() {
            guard let kind = OrganisationKind(rawValue: r["to_kind"]), kind == .centre || kind == .cert else {
                throw r.invalid("to_kind", "must be centre or cert")
            }
            guard let scope = GrantScope(rawValue: r["scope"]) else { throw r.invalid("scope", "unknown scope \"\(r["scope"])\"") }
            let to = Organisation(
                id: try r.uuid("to_organisation_id"), kind: kind, code: try r.nonEmpty("to_code"), name: try r.nonEmpty("to_name"),
                region: r["to_region"].isEmpty ? nil : r["to_region"])
            grants.append((try r.uuid("id"), to, scope, r["note"], try r.date("created_at")))
        }

        rows = try Rows(file: "audit_log.csv", contents, ["id", "actor_id", "action", "target_type", "target_id", "detail", "at"])
        var events: [AuditEventModel] = []
        while let r = rows.next() {
            events.append(
                AuditEventModel(
                    id: try r.uuid("id"), organisationID: organisation.id,
                    actorID: r["actor_id"].isEmpty ? nil : try r.uuid("actor_id"), action: try r.nonEmpty("action"),
                    targetType: r["target_type"], targetID: r["target_id"].isEmpty ? nil : r["target_id"], detail: r["detail"],
                    at: try r.date("at")))
        }
        var licenceRows: [(ArchiveTables.Table, [[any SQLExpression]])] = []
        for table in ArchiveTables.all {
            guard let data = contents[table.file] else { throw ArchiveError.missingFile(table.file) }
            licenceRows.append((table, try ArchiveTables.parse(table, data)))
        }
        return Parsed(
            manifest: manifest, organisation: organisation,
            departments: departments.map { (id: $0.0, code: $0.1, name: $0.2) },
            people: people.map { (id: $0.0, email: $0.1, name: $0.2, disabled: $0.3, demo: $0.4, created: $0.5) },
            memberships: memberships.map { (id: $0.0, user: $0.1, role: $0.2, department: $0.3, created: $0.4) },
            grants: grants.map { (id: $0.0, to: $0.1, scope: $0.2, note: $0.3, created: $0.4) }, events: events,
            licenceRows: licenceRows)
    }

    // MARK: Writing

    static func write(_ p: Parsed, on db: any Database) async throws {
        let orgID = p.organisation.id
        if let existing = try await OrganisationModel.find(orgID, on: db) {
            guard existing.code == p.organisation.code else {
                throw ArchiveError.notEmpty("organisation id \(orgID) belongs to kommunekode \(existing.code)")
            }
            let departments = try await OrganisationModel.query(on: db).filter(\.$parentID == orgID).count()
            let members = try await MembershipModel.query(on: db).filter(\.$organisationID == orgID).count()
            let grants = try await GrantModel.query(on: db).filter(\.$fromOrganisationID == orgID).count()
            var other = 0
            for table in ["licence_snapshots", "incidents"] {
                other += try await (db as? any SQLDatabase)?.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from(table).where("organisation_id", .equal, SQLBind(orgID)).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            if departments + members + grants + other > 0 {
                throw ArchiveError.notEmpty("it already has departments, people or grants")
            }
        } else {
            if try await OrganisationModel.query(on: db).filter(\.$kind == "municipality").filter(\.$code == p.organisation.code).first() != nil {
                throw ArchiveError.notEmpty("kommunekode \(p.organisation.code) exists with another id")
            }
            try await OrganisationModel(domain: p.organisation).create(on: db)
        }
        for d in p.departments {
            try await OrganisationModel(
                domain: Organisation(id: d.id, kind: .department, code: d.code, name: d.name, parentID: orgID)
            ).create(on: db)
        }
        for person in p.people {
            if let existing = try await UserModel.find(person.id, on: db) {
                guard existing.email == person.email else {
                    throw ArchiveError.notEmpty("person id \(person.id) exists with another e-mail address")
                }
                continue
            }
            if try await UserModel.query(on: db).filter(\.$email == person.email).first() != nil {
                throw ArchiveError.notEmpty("a person with another id has the e-mail address of people.csv id \(person.id)")
            }
            // Passwords are never exported: the person sets a new one (`handlefrihed users passwd`).
            try await UserModel(
                id: person.id, email: person.email, displayName: person.name, passwordHash: "",
                isDisabled: person.disabled, isDemo: person.demo, createdAt: person.created
            ).create(on: db)
        }
        for m in p.memberships {
            try await MembershipModel(id: m.id, userID: m.user, organisationID: orgID, role: m.role, departmentID: m.department,
                createdAt: m.created).create(on: db)
        }
        for g in p.grants {
            if try await OrganisationModel.find(g.to.id, on: db) == nil {
                try await OrganisationModel(domain: g.to).create(on: db)
            }
            try await GrantModel(
                domain: Grant(id: g.id, fromOrganisationID: orgID, toOrganisationID: g.to.id, scope: g.scope, note: g.note),
                createdAt: g.created
            ).create(on: db)
        }
        for e in p.events { try await e.create(on: db) }
        for (table, rows) in p.licenceRows {
            try await ArchiveTables.insert(table, rows: rows, organisation: orgID, on: db)
        }
    }
}

/// Header-addressed rows of one archive file, with typed accessors whose errors name file, line and field.
struct Rows {
    let file: String
    let table: CSVTable
    var index = 0

    init(file: String, _ contents: [String: Data], _ required: [String]) throws {
        self.file = file
        do {
            table = try CSVTable(bytes: Array(contents[file] ?? Data()))
        } catch {
            throw ArchiveError.invalidRow(file: file, line: error.line, field: "-", message: error.description)
        }
        for column in required where table.column(column) == nil {
            throw ArchiveError.invalidRow(file: file, line: 1, field: column, message: "required column is missing")
        }
    }

    mutating func next() -> Row? {
        guard index < table.rows.count else { return nil }
        defer { index += 1 }
        return Row(file: file, table: table, row: table.rows[index])
    }

    struct Row {
        let file: String
        let table: CSVTable
        let row: CSVTable.Row

        subscript(_ name: String) -> String { row[table.column(name)] }

        func invalid(_ field: String, _ message: String) -> ArchiveError {
            .invalidRow(file: file, line: row.line, field: field, message: message)
        }

        func uuid(_ field: String) throws -> UUID {
            guard let id = UUID(uuidString: self[field]) else { throw invalid(field, "not a UUID: \"\(self[field].prefix(40))\"") }
            return id
        }

        func nonEmpty(_ field: String) throws -> String {
            let v = self[field]
            guard !v.trimmingCharacters(in: .whitespaces).isEmpty else { throw invalid(field, "must not be empty") }
            return v
        }

        func bool(_ field: String) throws -> Bool {
            switch self[field] {
            case "true": return true
            case "false": return false
            default: throw invalid(field, "must be true or false")
            }
        }

        func date(_ field: String) throws -> Date {
            guard let d = try? Date(self[field], strategy: ArchiveFormat.timestamp) else {
                throw invalid(field, "not an ISO 8601 timestamp")
            }
            return d
        }
    }
}
