import Community
import Fluent
import FluentKit
import Foundation
import Persistence
import Resilience
import Testing
import Vapor

@testable import Web

@Suite struct IncidentWebTests {
    static func securityOfficer(_ app: Application, _ world: World) async throws -> Browser {
        try await MembershipRepository(db: app.db).add(userID: world.adminA.id, role: .securityOfficer,
            in: TenantScope(organisationID: world.a.id, organisationKind: .municipality, userID: world.adminA.id, roles: [], isSystemAdministrator: true))
        var b = Browser(app)
        _ = try await b.login("admin@aarhus.example")
        return b
    }

    @Test func registerDecideSignificantFollowTheClockAndSubmit() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var officer = try await Self.securityOfficer(app, world)
            let start = try await officer.get("/nis2/haendelser")
            #expect(start.body.contains("Ingen hændelser registreret"))
            // Aware at 10:00 Danish time on 1 March 2026 (09:00Z), an hour before the fixed "now".
            let created = try await officer.post("/nis2/haendelser", ["title": "Medicinmodulet i omsorgssystemet er nede", "severity": "high",
                "aware_at": "2026-03-01T10:00", "description": "Hjemmeplejen kan ikke se medicinlister"])
            let location = try #require(created.location)
            var page = try await officer.get(location)
            #expect(page.body.contains("Ingen indberetningsfrister kører"))
            _ = try await officer.post(location + "/vaesentlighed", ["significant": "yes"])
            page = try await officer.get(location)
            #expect(page.body.contains("Tidlig varsling (24 timer)"))
            #expect(page.body.contains("2. mar. 2026"))  // early warning due 2 March 10:00 Danish time
            #expect(page.body.contains("om 23 t 0 min"))
            #expect(page.body.contains("(foreløbig)"))

            _ = try await officer.post(location + "/indberetning", ["stage": "early_warning", "submitted_at": "2026-03-01T10:30"])
            _ = try await officer.post(location + "/indberetning", ["stage": "notification", "submitted_at": "2026-03-01T10:45"])
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
            let scope = World.scope(world.a, world.adminA, [.securityOfficer])
            let incident = try await IncidentRepository(db: app.db).incident(id, in: scope)
            let final = try #require(incident.stages(now: fixedNow).first { $0.kind == .final })
            #expect(final.provisional == false)
            #expect(final.due == IncidentClock.addingOneMonth(to: try #require(incident.clock.notificationSubmittedAt)))
            page = try await officer.get(location)
            #expect(!page.body.contains("(foreløbig)"))
            _ = try await officer.post(location + "/oplysninger", ["suspected_malicious": "no", "cross_border": "no",
                "impact": "Ca. 1.200 borgere i hjemmeplejen; papirlister i brug", "root_cause": "", "mitigation": ""])
            page = try await officer.get(location)
            #expect(page.body.contains("Tekster til indberetningen på virk.dk"))
            #expect(page.body.contains("FORTROLIGT"))
            #expect(page.body.contains("Ca. 1.200 borgere i hjemmeplejen"))
            #expect(page.body.contains("Mangler: trussel eller grundlæggende årsag"))
            let timeline = try await IncidentRepository(db: app.db).timeline(id, in: scope).map(\.text)
            #expect(timeline.contains("Vurderet væsentlig (NIS2 art. 23, stk. 3)"))
            #expect(timeline.contains("Indberettet: tidlig varsling (24 timer)"))
        }
    }

    @Test func refusalsChangeNothing() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var officer = try await Self.securityOfficer(app, world)
            _ = try await officer.get("/nis2/haendelser")
            let created = try await officer.post("/nis2/haendelser", ["title": "Phishing", "severity": "medium", "aware_at": "2026-03-01T10:00"])
            let location = try #require(created.location)
            _ = try await officer.get(location)
            _ = try await officer.post(location + "/vaesentlighed", ["significant": "no", "justification": ""])
            #expect(try await officer.get(location).body.contains("needs a justification"))
            _ = try await officer.post(location + "/tidslinje", ["text": "I morgen", "at": "2026-03-02T10:00"])
            #expect(try await officer.get(location).body.contains("in the future"))
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
            let scope = World.scope(world.a, world.adminA, [.securityOfficer])
            #expect(try await IncidentRepository(db: app.db).incident(id, in: scope).significance == nil)
            #expect(try await IncidentRepository(db: app.db).timeline(id, in: scope).count == 1)
            // A future awareness time is refused too.
            _ = try await officer.post("/nis2/haendelser", ["title": "Fremtid", "severity": "low", "aware_at": "2026-03-05T10:00"])
            #expect(try await IncidentRepository(db: app.db).incidents(in: scope).count == 1)
        }
    }

    @Test func auditorsReadButCannotChange() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let id = try await IncidentRepository(db: app.db).create(title: "Strømsvigt", description: "", severity: "high", awareAt: fixedNow,
                by: world.adminA.id, in: World.scope(world.a, world.adminA, [.securityOfficer]), now: fixedNow)
            var auditor = Browser(app)
            _ = try await auditor.login("revisor@aarhus.example")
            let page = try await auditor.get("/nis2/haendelser/\(id)")
            #expect(page.status == .ok)
            #expect(!page.body.contains("Vurdér væsentlighed"))
            #expect(try await auditor.post("/nis2/haendelser/\(id)/vaesentlighed", ["significant": "yes"]).status == .forbidden)
        }
    }
}

@Suite struct ManagementWebTests {
    @Test func managementTrainingIsRecordedAndCounted() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let director = try await UserRepository(db: app.db).create(email: "direktoer@aarhus.example", displayName: "Dorte Direktør", passwordHash: "")
            let sys = TenantScope(organisationID: world.a.id, organisationKind: .municipality, userID: world.adminA.id, roles: [], isSystemAdministrator: true)
            try await MembershipRepository(db: app.db).add(userID: director.id, role: .managementMember, in: sys)
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            let dashboard = try await admin.get("/nis2").body
            #expect(dashboard.contains("af 1 medlemmer mangler NIS2-uddannelse") && dashboard.contains("Dorte Direktør"))
            _ = try await admin.get("/nis2/ledelse")
            _ = try await admin.post("/nis2/ledelse/uddannelse", ["user": director.id.uuidString, "completed_on": "2026-03-05", "course": "Kursus"])
            #expect(try await admin.get("/nis2/ledelse").body.contains("not in the future"))
            _ = try await admin.post("/nis2/ledelse/uddannelse", ["user": world.auditorA.id.uuidString, "completed_on": "2026-02-01", "course": "Kursus"])
            #expect(try await admin.get("/nis2/ledelse").body.contains("not a member of the management body"))
            _ = try await admin.post("/nis2/ledelse/uddannelse", ["user": director.id.uuidString, "completed_on": "2026-02-01", "course": "NIS2 for direktionen"])
            let page = try await admin.get("/nis2/ledelse")
            #expect(page.body.contains("NIS2 for direktionen"))
            #expect(page.body.contains("Alle medlemmer af ledelsen har registreret uddannelse"))
            #expect(!(try await admin.get("/nis2").body.contains("Dorte Direktør")))
            var auditor = Browser(app)
            _ = try await auditor.login("revisor@aarhus.example")
            _ = try await auditor.get("/nis2/ledelse")
            #expect(try await auditor.post("/nis2/ledelse/uddannelse", ["user": director.id.uuidString, "completed_on": "2026-02-01", "course": "x"]).status == .forbidden)
        }
    }
}
