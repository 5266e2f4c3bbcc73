import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Testing
import Vapor
import ZIPFoundation

@testable import Web

@Suite struct ArchiveTests {
    static func files(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var out: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            out[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return out
    }

    static func zip(_ files: [(String, Data)], compressed: Bool = false) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in files {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compressed ? .deflate : .none) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        return archive.data!
    }

    @Test func exportThenImportIntoAnEmptyInstallationGivesIdenticalData() async throws {
        var first: (Data, ArchiveFormat.Manifest)?
        try await withApp { app in
            _ = try await Operations.loadDemo(app)
            let scope = TenantScope(organisationID: DemoData.municipalityID, organisationKind: .municipality, userID: DemoData.adminID, roles: [.securityOfficer])
            let incident = try await IncidentRepository(db: app.db).create(title: "Strømsvigt", description: "Rådhuset", severity: "high",
                awareAt: fixedNow.addingTimeInterval(-7200), by: DemoData.adminID, in: scope, now: fixedNow)
            try await IncidentRepository(db: app.db).decideSignificance(incident, significant: true, justification: "", by: DemoData.adminID, in: scope, now: fixedNow)
            // Binary evidence (every byte value) must survive the CSV archive.
            let measure = try #require(try await ResilienceRepository(db: app.db).measures(in: scope).first)
            _ = try await ResilienceRepository(db: app.db).addEvidence(measure.id, filename: "gendannelsestest.bin", contentType: "application/octet-stream",
                bytes: Data((0...255).map(UInt8.init)), by: DemoData.adminID, in: scope, now: fixedNow)
            first = try await Operations.exportArchive(app, municipalityCode: DemoData.municipalityCode)
        }
        let (data, manifest) = try #require(first)
        #expect(manifest.counts["people"] == 13)
        #expect(manifest.counts["departments"] == 8)
        #expect(manifest.counts["grants"] == 2)
        #expect(manifest.counts["licence_snapshots"] == 1)
        // The demo's incident in progress and the one made here; the demo register.
        #expect(manifest.counts["incidents"] == 2)
        #expect(manifest.counts["incident_timeline"] == 8)
        // The NIS2 register's 8 assets and Bindinger's 5 systems; the register's 9 dependencies and the journalising process's.
        #expect(manifest.counts["assets"] == 13)
        #expect(manifest.counts["asset_dependencies"] == 10)
        #expect(manifest.counts["bindings"] == 15)
        #expect(manifest.counts["contracts"] == 6)
        #expect(manifest.counts["exit_plans"] == 1)
        #expect(manifest.counts["lockin_snapshots"] ?? 0 > 10)
        #expect(manifest.counts["risks"] == 6)
        #expect(manifest.counts["measures"] == 11)
        #expect(manifest.counts["measure_evidence"] == 1)
        #expect(manifest.counts["continuity_plans"] == 2)
        #expect(manifest.counts["plan_contacts"] == 7)
        #expect(manifest.counts["exercises"] == 1)
        #expect(manifest.counts["nis2_registration"] == 1)
        #expect(manifest.counts["licence_users"] ?? 0 > 1900)
        try await withApp { app in
            let summary = try await Operations.importArchive(app, data: data)
            #expect(summary.organisationCode == "0999")
            let (again, _) = try await ArchiveExporter(db: app.db).export(municipalityCode: "0999", now: fixedNow)
            let before = try Self.files(data)
            let after = try Self.files(again)
            for name in ArchiveFormat.files {
                #expect(before[name] == after[name], "\(name) differs after the round trip")
            }
            // The licence snapshot came along, with every per-user row.
            let scope = TenantScope(organisationID: DemoData.municipalityID, organisationKind: .municipality, userID: DemoData.adminID, roles: [.licenceAdministrator])
            let snapshots = try await LicenceRepository(db: app.db).snapshots(in: scope)
            #expect(snapshots.count == 1)
            #expect(try await LicenceRepository(db: app.db).users(snapshot: snapshots[0].id, query: .init(), in: scope).total == snapshots[0].usersProfiled)
            let register = ResilienceRepository(db: app.db)
            let evidence = try #require(try await register.evidence(in: scope).first)
            #expect(try await register.evidenceFile(evidence.id, in: scope).1 == Data((0...255).map(UInt8.init)))
            #expect(try await register.risks(in: scope).filter { $0.record.acceptedAt != nil }.count == 2)
            // Imported people have no password until one is set.
            let account = try #require(try await UserRepository(db: app.db).credentials(email: DemoData.adminEmail))
            #expect(account.0.hasPassword == false)
        }
    }

    @Test func archiveFilesAreReadableCSVAndJSON() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            let (data, _) = try await ArchiveExporter(db: app.db).export(municipalityCode: "0751", now: fixedNow)
            let files = try Self.files(data)
            #expect(Set(files.keys) == Set(ArchiveFormat.files + ["manifest.json"]))
            #expect(files["departments.csv"]!.hasPrefix("id,code,name\r\n"))
            #expect(files["people.csv"]!.contains("admin@aarhus.example"))
            #expect(!files["people.csv"]!.contains("odense"))
            #expect(!files.values.contains { $0.contains(World.marker) })
            #expect(!files.values.contains { $0.contains("$2b$") }, "no password hashes in the archive")
            #expect(files["manifest.json"]!.contains("\"format\" : \"handlefrihed-export\""))
        }
    }

    static func expectRefused(_ data: Data, _ expected: ArchiveError, in app: Application) async throws {
        let before = try await UserRepository(db: app.db).count()
        await #expect(throws: expected) { try await Operations.importArchive(app, data: data) }
        #expect(try await UserRepository(db: app.db).count() == before)
    }

    @Test func damagedForeignAndTrickArchivesAreRefusedAndChangeNothing() async throws {
        var good = Data()
        try await withApp { app in
            _ = try await Operations.loadDemo(app)
            good = try await ArchiveExporter(db: app.db).export(municipalityCode: "0999", now: fixedNow).data
        }
        let files = try Self.files(good)
        try await withApp { app in
            try await Self.expectRefused(Data("hello".utf8), .notAZipFile, in: app)
            try await Self.expectRefused(try Self.zip([("readme.txt", Data("x".utf8))]), .unexpectedEntry("readme.txt"), in: app)
            try await Self.expectRefused(try Self.zip([("../evil.csv", Data("x".utf8))]), .unsafePath("../evil.csv"), in: app)
            try await Self.expectRefused(try Self.zip([("/etc/passwd", Data("x".utf8))]), .unsafePath("/etc/passwd"), in: app)
            try await Self.expectRefused(try Self.zip([("manifest.json", Data("{}".utf8))]), .notAHandlefrihedArchive, in: app)

            var tampered = files.map { ($0.key, Data($0.value.utf8)) }
            let i = tampered.firstIndex { $0.0 == "people.csv" }!
            tampered[i].1 = Data((files["people.csv"]! + "00000000-0000-4000-9000-0000000000ff,x@y.example,X,false,true,\r\n").utf8)
            try await Self.expectRefused(try Self.zip(tampered), .damaged("people.csv"), in: app)

            let missing = files.filter { $0.key != "grants.csv" }.map { ($0.key, Data($0.value.utf8)) }
            try await Self.expectRefused(try Self.zip(missing), .missingFile("grants.csv"), in: app)

            var newer = files
            newer["manifest.json"] = newer["manifest.json"]!.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 9")
            try await Self.expectRefused(try Self.zip(newer.map { ($0.key, Data($0.value.utf8)) }), .unsupportedVersion(9), in: app)

            // A truncated zip.
            try await Self.expectRefused(good.prefix(good.count / 2), .notAZipFile, in: app)
        }
    }

    @Test func zipBombsAndOversizedArchivesAreRefusedBeforeAnythingIsWritten() async throws {
        let limits = ArchiveFormat.Limits(entryBytes: 1 << 20, totalBytes: 3 << 19)
        let zeros = Data(count: 3 << 20)
        try await withApp { app in
            let users = try await UserRepository(db: app.db).count()
            func refused(_ data: Data) async -> ArchiveError? {
                do {
                    _ = try await ArchiveImporter(db: app.db, limits: limits).importArchive(data)
                    return nil
                } catch { return error as? ArchiveError }
            }
            // An honest header over the limit.
            #expect(await refused(try Self.zip([("people.csv", zeros)])) == .tooLarge("people.csv", limit: 1 << 20))
            // A bomb: 3 MiB of zeros compress to a few KiB; its headers are rewritten to claim 100 bytes.
            var bomb = try Self.zip([("people.csv", zeros)], compressed: true)
            #expect(bomb.count < 64 << 10)
            Self.understateSizes(in: &bomb, as: 100)
            let error = await refused(bomb)
            #expect(error == .tooLarge("people.csv", limit: 1 << 20) || error == .damaged("people.csv"), "\(String(describing: error))")
            // Each file under the limit, together over it.
            let parts = [("departments.csv", Data(count: 800 << 10)), ("people.csv", Data(count: 800 << 10))]
            #expect(await refused(try Self.zip(parts)) == .tooLarge("(all files)", limit: 3 << 19))
            #expect(try await UserRepository(db: app.db).count() == users)
        }
    }

    /// Rewrites the uncompressed-size fields of every local header and central directory entry.
    static func understateSizes(in zip: inout Data, as size: UInt32) {
        let le = withUnsafeBytes(of: size.littleEndian) { Data($0) }
        var i = zip.startIndex
        while i + 30 < zip.endIndex {
            if zip[i] == 0x50, zip[i + 1] == 0x4B, zip[i + 2] == 0x03, zip[i + 3] == 0x04 { zip.replaceSubrange(i + 22..<i + 26, with: le) }
            if zip[i] == 0x50, zip[i + 1] == 0x4B, zip[i + 2] == 0x01, zip[i + 3] == 0x02 { zip.replaceSubrange(i + 24..<i + 28, with: le) }
            i += 1
        }
    }

    @Test func invalidRowIsNamedByFileLineAndField() async throws {
        var good = Data()
        try await withApp { app in
            _ = try await Operations.loadDemo(app)
            good = try await ArchiveExporter(db: app.db).export(municipalityCode: "0999", now: fixedNow).data
        }
        var files = try Self.files(good)
        var lines = files["memberships.csv"]!.components(separatedBy: "\r\n")
        lines[2] = lines[2].replacingOccurrences(of: ",licence_administrator,", with: ",king,")
            .replacingOccurrences(of: ",architect,", with: ",king,").replacingOccurrences(of: ",security_officer,", with: ",king,")
            .replacingOccurrences(of: ",administrator,", with: ",king,")
        files["memberships.csv"] = lines.joined(separator: "\r\n")
        // Re-sign the manifest so only the row is wrong.
        var manifest = try JSONDecoder.iso.decode(ArchiveFormat.Manifest.self, from: Data(files["manifest.json"]!.utf8))
        manifest.files["memberships.csv"] = sha256(files["memberships.csv"]!)
        files["manifest.json"] = String(decoding: try JSONEncoder.iso.encode(manifest), as: UTF8.self)
        try await withApp { app in
            try await Self.expectRefused(try Self.zip(files.map { ($0.key, Data($0.value.utf8)) }),
                .invalidRow(file: "memberships.csv", line: 3, field: "role", message: "unknown role \"king\""), in: app)
        }
    }

    @Test func importIntoAMunicipalityWithDataIsRefused() async throws {
        try await withApp { app in
            _ = try await Operations.loadDemo(app)
            let (data, _) = try await ArchiveExporter(db: app.db).export(municipalityCode: "0999", now: fixedNow)
            await #expect(throws: ArchiveError.self) { try await Operations.importArchive(app, data: data) }
        }
    }

    @Test func unsafePathRules() {
        #expect(ArchiveFormat.isSafe(path: "people.csv"))
        #expect(!ArchiveFormat.isSafe(path: "../people.csv"))
        #expect(!ArchiveFormat.isSafe(path: "a/../../b"))
        #expect(!ArchiveFormat.isSafe(path: "/abs"))
        #expect(!ArchiveFormat.isSafe(path: "dir\\file"))
        #expect(!ArchiveFormat.isSafe(path: "sub/file.csv"))
        #expect(!ArchiveFormat.isSafe(path: ""))
    }
}

import Crypto

func sha256(_ s: String) -> String {
    SHA256.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined()
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

extension JSONEncoder {
    static var iso: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}
