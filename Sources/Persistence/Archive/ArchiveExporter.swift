import Community
import Crypto
import FluentKit
import Foundation
import Tabular
import ZIPFoundation

/// Writes everything of one municipality as an archive.
public struct ArchiveExporter: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// The archive's bytes. Reads in one transaction so the files agree with each other.
    public func export(municipalityCode code: String, now: Date) async throws -> (data: Data, manifest: ArchiveFormat.Manifest) {
        let files = try await db.transaction { tx in try await Self.files(code: code, on: tx) }
        let manifest = ArchiveFormat.Manifest(
            format: ArchiveFormat.name, version: ArchiveFormat.version, exportedAt: now,
            organisationCode: files.organisation.code, organisationName: files.organisation.name,
            files: files.contents.mapValues { SHA256.hex(of: $0) }, counts: files.counts)
        let archive = try Archive(data: Data(), accessMode: .create)
        for name in ArchiveFormat.files {
            try Self.add(name, files.contents[name]!, to: archive, date: now)
        }
        try Self.add(ArchiveFormat.manifest, ArchiveFormat.jsonEncoder.encode(manifest), to: archive, date: now)
        return (archive.data!, manifest)
    }

    static func add(_ name: String, _ data: Data, to archive: Archive, date: Date) throws {
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
            compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    struct Files {
        var organisation: Organisation
        var contents: [String: Data]
        var counts: [String: Int]
    }

    static func files(code: String, on db: any Database) async throws -> Files {
        guard let org = try await OrganisationRepository(db: db).find(municipalityCode: code) else {
            throw ArchiveError.unknownOrganisation(code)
        }
        var contents: [String: Data] = [:]
        var counts: [String: Int] = [:]
        contents["organisation.json"] = try ArchiveFormat.jsonEncoder.encode(org)

        let departments = try await OrganisationModel.query(on: db).filter(\.$parentID == org.id).sort(\.$name).all()
        var csv = CSVWriter()
        csv.write(["id", "code", "name"])
        for d in departments { csv.write([d.id!.uuidString, d.code, d.name]) }
        contents["departments.csv"] = Data(csv.output.utf8)
        counts["departments"] = departments.count

        let memberships = try await MembershipModel.query(on: db).filter(\.$organisationID == org.id).sort(\.$id).all()
        let userIDs = Array(Set(memberships.map(\.userID)))
        let users = userIDs.isEmpty ? [] : try await UserModel.query(on: db).filter(\.$id ~~ userIDs).sort(\.$email).all()
        csv = CSVWriter()
        csv.write(["id", "email", "display_name", "is_disabled", "is_demo", "created_at"])
        for u in users {
            csv.write([u.id!.uuidString, u.email, u.displayName, String(u.isDisabled), String(u.isDemo), ArchiveFormat.format(u.createdAt)])
        }
        contents["people.csv"] = Data(csv.output.utf8)
        counts["people"] = users.count

        csv = CSVWriter()
        csv.write(["id", "user_id", "role", "department_id", "created_at"])
        for m in memberships {
            csv.write([m.id!.uuidString, m.userID.uuidString, m.role, m.departmentID?.uuidString ?? "", ArchiveFormat.format(m.createdAt)])
        }
        contents["memberships.csv"] = Data(csv.output.utf8)
        counts["memberships"] = memberships.count

        let grants = try await GrantModel.query(on: db).filter(\.$fromOrganisationID == org.id).sort(\.$id).all()
        let grantees = try await OrganisationRepository(db: db).find(ids: grants.map(\.toOrganisationID))
        csv = CSVWriter()
        csv.write(["id", "to_organisation_id", "to_kind", "to_code", "to_name", "to_region", "scope", "note", "created_at"])
        for g in grants {
            let to = grantees.first { $0.id == g.toOrganisationID }
            csv.write([
                g.id!.uuidString, g.toOrganisationID.uuidString, to?.kind.rawValue ?? "", to?.code ?? "", to?.name ?? "",
                to?.region ?? "", g.scope, g.note, ArchiveFormat.format(g.createdAt),
            ])
        }
        contents["grants.csv"] = Data(csv.output.utf8)
        counts["grants"] = grants.count

        let events = try await AuditEventModel.query(on: db).filter(\.$organisationID == org.id).sort(\.$at).sort(\.$id).all()
        csv = CSVWriter()
        csv.write(["id", "actor_id", "action", "target_type", "target_id", "detail", "at"])
        for e in events {
            csv.write([
                e.id!.uuidString, e.actorID?.uuidString ?? "", e.action, e.targetType, e.targetID ?? "", e.detail,
                ArchiveFormat.format(e.at),
            ])
        }
        contents["audit_log.csv"] = Data(csv.output.utf8)
        counts["audit_events"] = events.count

        for table in ArchiveTables.all {
            let (data, n) = try await ArchiveTables.export(table, organisation: org.id, on: db)
            contents[table.file] = data
            counts[table.name] = n
        }
        return Files(organisation: org, contents: contents, counts: counts)
    }
}

extension SHA256 {
    static func hex(of data: Data) -> String {
        hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
