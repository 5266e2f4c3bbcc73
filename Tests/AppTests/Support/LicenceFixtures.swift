import Fluent
import Community
import Foundation
import Licensing
import Persistence
import Vapor

@testable import Web

/// Generated usage reports (small) as files to upload.
enum LicenceFixtures {
    static func reports(users: Int = 300) throws -> [(field: String, name: String, bytes: [UInt8])] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hf-fixture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = try DemoReports.write(users: users, to: dir)
        return try names.map { name in
            (field: name == "people.csv" ? "people" : "files", name: name, bytes: Array(try Data(contentsOf: dir.appendingPathComponent(name))))
        }
    }

    /// A stored snapshot for B, with marker strings in a person's UPN and department.
    static func snapshotForB(_ world: World, _ app: Application) async throws -> UUID {
        try await snapshot(org: world.b, user: world.adminB, upn: "\(World.marker.lowercased()).person@odense.example",
            department: "\(World.marker) Afdeling", app)
    }

    static func snapshotForA(_ world: World, _ app: Application) async throws -> UUID {
        try await snapshot(org: world.a, user: world.licenceAdminA, upn: "anna.andersen@aarhus.example", department: "Borgerservice", app)
    }

    static func snapshot(org: Organisation, user: UserAccount, upn: String, department: String, _ app: Application) async throws -> UUID {
        let header = "Report Refresh Date,User Principal Name,Is Deleted,Exchange Last Activity Date,Exchange License Assign Date,Assigned Products\n"
        let rows = "2026-03-01,\(upn),False,2026-02-20,2024-01-01,MICROSOFT 365 E3\n"
        var reader = ReportReader(catalogue: .bundled)
        try reader.read([.bytes(Array((header + rows).utf8), name: "au.csv")])
        let people = PeopleFile(people: [upn: Person(department: department)])
        let profile = try Profiler(catalogue: .bundled, policy: Policy(), people: people).profile(reader.table)
        let scope = World.scope(org, user, [.licenceAdministrator])
        let repo = LicenceRepository(db: app.db)
        return try await repo.createSnapshot(table: reader.table, people: people, profile: profile, fileNames: ["\(department).csv"],
            settings: try await repo.settings(in: scope), by: user.id, in: scope, now: fixedNow)
    }
}
