import Resilience
import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Testing
import Vapor

@testable import Web

/// Walks every registered route as people of municipality A (Aarhus), with municipality B
/// (Odense) seeded with marker strings, and fails if any response shows B's data or changes it.
/// It also fails when a route exists that has no case here: a new module cannot skip it.
@Suite struct IsolationTests {
    struct Probe {
        var path: String
        var form: [String: String]? = nil
        var api = false
    }

    /// The cases per route: A's own objects and B's objects probed from A's session.
    static func cases(_ w: World, snapshotA sa: UUID, snapshotB sb: UUID, incidentA ia: UUID = UUID(), incidentB ib: UUID = UUID()) -> [String: [Probe]] {
        let b = w.b.code
        let a = w.a.code
        let sn = "/licenser/oejebliksbilleder"
        return [
            "GET /js/upload.js": [Probe(path: "/js/upload.js")],
            "POST /nis2/haendelser": [Probe(path: "/nis2/haendelser", form: ["title": "Probe", "severity": "low", "aware_at": "2026-03-01T10:00"])],
            "GET /nis2/haendelser/:id": [Probe(path: "/nis2/haendelser/\(ia)"), Probe(path: "/nis2/haendelser/\(ib)")],
            "POST /nis2/haendelser/:id/vaesentlighed": [Probe(path: "/nis2/haendelser/\(ib)/vaesentlighed", form: ["significant": "no", "justification": "x"])],
            "POST /nis2/haendelser/:id/indberetning": [
                Probe(path: "/nis2/haendelser/\(ib)/indberetning", form: ["stage": "early_warning", "submitted_at": "2026-03-01T09:00"])
            ],
            "POST /nis2/haendelser/:id/tidslinje": [Probe(path: "/nis2/haendelser/\(ib)/tidslinje", form: ["text": "probe", "at": "2026-03-01T09:00"])],
            "GET /nis2/ledelse": [Probe(path: "/nis2/ledelse")],
            "POST /nis2/ledelse/uddannelse": [
                Probe(path: "/nis2/ledelse/uddannelse", form: ["user": w.adminB.id.uuidString, "completed_on": "2026-02-01", "course": "probe"])
            ],
            "POST /nis2/haendelser/:id/oplysninger": [Probe(path: "/nis2/haendelser/\(ib)/oplysninger", form: ["impact": "probe"])],
            "POST /nis2/haendelser/:id/status": [Probe(path: "/nis2/haendelser/\(ib)/status", form: ["status": "closed", "severity": "low"])],
            "POST /licenser/indlaes": [Probe(path: "/licenser/indlaes", form: ["x": "y"])],
            "GET /licenser/oejebliksbilleder/:id": [Probe(path: "\(sn)/\(sa)"), Probe(path: "\(sn)/\(sb)"), Probe(path: "\(sn)/\(sa)?sammenlign=\(sb)")],
            "GET /licenser/oejebliksbilleder/:id/brugere": [
                Probe(path: "\(sn)/\(sa)/brugere"), Probe(path: "\(sn)/\(sb)/brugere"), Probe(path: "\(sn)/\(sa)/brugere?soeg=odense"),
            ],
            "GET /licenser/oejebliksbilleder/:id/brugere/:row": [Probe(path: "\(sn)/\(sa)/brugere/0"), Probe(path: "\(sn)/\(sb)/brugere/0")],
            "GET /licenser/oejebliksbilleder/:id/brugere.csv": [Probe(path: "\(sn)/\(sa)/brugere.csv"), Probe(path: "\(sn)/\(sb)/brugere.csv")],
            "GET /licenser/oejebliksbilleder/:id/brugere.ods": [Probe(path: "\(sn)/\(sa)/brugere.ods"), Probe(path: "\(sn)/\(sb)/brugere.ods")],
            "GET /licenser/oejebliksbilleder/:id/totaler.ods": [Probe(path: "\(sn)/\(sa)/totaler.ods"), Probe(path: "\(sn)/\(sb)/totaler.ods")],
            "GET /licenser/oejebliksbilleder/:id/aendringsliste.csv": [
                Probe(path: "\(sn)/\(sa)/aendringsliste.csv"), Probe(path: "\(sn)/\(sb)/aendringsliste.csv"),
            ],
            "GET /licenser/oejebliksbilleder/:id/rapport.html": [Probe(path: "\(sn)/\(sa)/rapport.html"), Probe(path: "\(sn)/\(sb)/rapport.html")],
            "POST /licenser/oejebliksbilleder/:id/slet-persondata": [Probe(path: "\(sn)/\(sb)/slet-persondata", form: [:])],
            "POST /licenser/oejebliksbilleder/:id/genberegn": [Probe(path: "\(sn)/\(sb)/genberegn", form: [:])],
            "GET /licenser/indstillinger": [Probe(path: "/licenser/indstillinger")],
            "POST /licenser/indstillinger/katalog": [Probe(path: "/licenser/indstillinger/katalog", form: ["price_0": "400.00"])],
            "POST /licenser/indstillinger/politik": [
                Probe(path: "/licenser/indstillinger/politik", form: ["inactivity_days": "90", "grace_days": "30", "headroom": "0.9", "max_products": "3"])
            ],
            "GET /api/v1/organisations/:code/licences/snapshots": [
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots", api: true), Probe(path: "/api/v1/organisations/\(b)/licences/snapshots", api: true),
            ],
            "GET /api/v1/organisations/:code/licences/snapshots/:id": [
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots/\(sa)", api: true),
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots/\(sb)", api: true),
                Probe(path: "/api/v1/organisations/\(b)/licences/snapshots/\(sb)", api: true),
            ],
            "GET /api/v1/organisations/:code/licences/snapshots/:id/users": [
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots/\(sa)/users", api: true),
                Probe(path: "/api/v1/organisations/\(a)/licences/snapshots/\(sb)/users", api: true),
                Probe(path: "/api/v1/organisations/\(b)/licences/snapshots/\(sb)/users", api: true),
            ],
            "GET /healthz": [Probe(path: "/healthz")],
            "GET /metrics": [Probe(path: "/metrics")],
            "GET /api/openapi.yaml": [Probe(path: "/api/openapi.yaml")],
            "GET /css/app.css": [Probe(path: "/css/app.css")],
            "GET /": [Probe(path: "/")],
            "GET /log-ind": [Probe(path: "/log-ind")],
            "POST /log-ind": [Probe(path: "/log-ind", form: ["email": w.adminB.email, "password": "wrong wrong wrong"])],
            "GET /sprog": [Probe(path: "/sprog?til=en&tilbage=%2Foversigt")],
            "POST /log-ud": [Probe(path: "/log-ud", form: [:])],
            "POST /organisation": [Probe(path: "/organisation", form: ["organisation": w.b.id.uuidString])],
            "GET /oversigt": [Probe(path: "/oversigt")],
            "GET /licenser": [Probe(path: "/licenser")],
            "GET /bindinger": [Probe(path: "/bindinger")],
            "GET /nis2": [Probe(path: "/nis2")],
            "GET /faellesskab": [Probe(path: "/faellesskab")],
            "POST /faellesskab/tildelinger": [Probe(path: "/faellesskab/tildelinger", form: ["to": w.centre.id.uuidString, "scope": "overview", "note": "x"])],
            "POST /faellesskab/tildelinger/:id/tilbagekald": [
                Probe(path: "/faellesskab/tildelinger/\(w.grantB.id)/tilbagekald", form: [:]),
                Probe(path: "/faellesskab/tildelinger/not-a-uuid/tilbagekald", form: [:]),
            ],
            "GET /administration/personer": [Probe(path: "/administration/personer")],
            "POST /administration/personer/ny": [
                Probe(path: "/administration/personer/ny", form: ["email": w.adminB.email, "display_name": "x", "role": "auditor"])
            ],
            "POST /administration/medlemskaber": [
                Probe(path: "/administration/medlemskaber", form: ["user": w.adminB.id.uuidString, "role": "auditor"])
            ],
            "POST /administration/medlemskaber/:id/fjern": [Probe(path: "/administration/medlemskaber/\(w.membershipB)/fjern", form: [:])],
            "POST /administration/personer/:id/deaktiver": [Probe(path: "/administration/personer/\(w.adminB.id)/deaktiver", form: [:])],
            "POST /administration/personer/:id/aktiver": [Probe(path: "/administration/personer/\(w.adminB.id)/aktiver", form: [:])],
            "GET /administration/afdelinger": [Probe(path: "/administration/afdelinger")],
            "POST /administration/afdelinger": [Probe(path: "/administration/afdelinger", form: ["name": "Probe Afdeling"])],
            "GET /administration/revisionslog": [Probe(path: "/administration/revisionslog"), Probe(path: "/administration/revisionslog?side=2")],
            "GET /administration/eksport": [Probe(path: "/administration/eksport")],
            "POST /administration/eksport": [Probe(path: "/administration/eksport", form: [:])],
            "GET /administration/organisationer": [Probe(path: "/administration/organisationer")],
            "POST /administration/organisationer/driftscenter": [
                Probe(path: "/administration/organisationer/driftscenter", form: ["code": "X", "name": "Y"])
            ],
            "GET /konto": [Probe(path: "/konto")],
            "POST /konto/adgangskode": [Probe(path: "/konto/adgangskode", form: ["current": "x", "new": "y", "repeated": "y"])],
            "POST /konto/tokens": [Probe(path: "/konto/tokens", form: ["name": "probe"])],
            "POST /konto/tokens/:id/tilbagekald": [Probe(path: "/konto/tokens/\(w.tokenB_ID)/tilbagekald", form: [:])],
            "GET /api/v1/me": [Probe(path: "/api/v1/me", api: true)],
            "GET /api/v1/organisations": [Probe(path: "/api/v1/organisations", api: true)],
            "GET /api/v1/organisations/:code": [Probe(path: "/api/v1/organisations/\(a)", api: true), Probe(path: "/api/v1/organisations/\(b)", api: true)],
            "GET /api/v1/organisations/:code/departments": [
                Probe(path: "/api/v1/organisations/\(a)/departments", api: true), Probe(path: "/api/v1/organisations/\(b)/departments", api: true),
            ],
            "GET /api/v1/organisations/:code/members": [
                Probe(path: "/api/v1/organisations/\(a)/members", api: true), Probe(path: "/api/v1/organisations/\(b)/members", api: true),
            ],
            "GET /api/v1/organisations/:code/grants": [
                Probe(path: "/api/v1/organisations/\(a)/grants", api: true), Probe(path: "/api/v1/organisations/\(b)/grants", api: true),
            ],
            "GET /api/v1/organisations/:code/audit-events": [
                Probe(path: "/api/v1/organisations/\(a)/audit-events", api: true),
                Probe(path: "/api/v1/organisations/\(b)/audit-events", api: true),
            ],
        ]
    }

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test func everyRouteHasACase() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let cases = Self.cases(world, snapshotA: UUID(), snapshotB: UUID())
            let registered = Set(app.routes.all.map(Self.key))
            let missing = registered.subtracting(cases.keys)
            #expect(missing.isEmpty, "routes without an isolation case: \(missing.sorted())")
            let stale = Set(cases.keys).subtracting(registered)
            #expect(stale.isEmpty, "cases for routes that no longer exist: \(stale.sorted())")
        }
    }

    @Test(arguments: [Role.administrator, .auditor, .licenceAdministrator])
    func noRouteShowsOrChangesAnotherMunicipalitysData(role: Role) async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let email = switch role {
            case .administrator: world.adminA.email
            case .auditor: world.auditorA.email
            default: world.licenceAdminA.email
            }
            let snapshotA = try await LicenceFixtures.snapshotForA(world, app)
            let snapshotB = try await LicenceFixtures.snapshotForB(world, app)
            let incidents = IncidentRepository(db: app.db)
            let incidentA = try await incidents.create(title: "Strømsvigt på rådhuset", description: "", severity: "high",
                awareAt: fixedNow.addingTimeInterval(-3600), by: world.adminA.id, in: World.scope(world.a, world.adminA, [.securityOfficer]), now: fixedNow)
            let incidentB = try await incidents.create(title: "\(World.marker) hændelse", description: "\(World.marker) beskrivelse", severity: "high",
                awareAt: fixedNow.addingTimeInterval(-3600), by: world.adminB.id, in: World.scope(world.b, world.adminB, [.securityOfficer]), now: fixedNow)
            let cases = Self.cases(world, snapshotA: snapshotA, snapshotB: snapshotB, incidentA: incidentA, incidentB: incidentB)
            for route in app.routes.all {
                for probe in cases[Self.key(route)] ?? [] {
                    var browser = Browser(app)
                    let page: Browser.Page
                    if probe.api {
                        let token = role == .administrator ? world.tokenA : try await Self.token(for: email, app)
                        page = try await browser.request(route.method, probe.path, headers: ["Authorization": "Bearer \(token)"])
                    } else {
                        _ = try await browser.login(email)
                        if let form = probe.form {
                            page = try await browser.post(probe.path, form)
                        } else {
                            page = try await browser.get(probe.path)
                        }
                    }
                    #expect(!page.body.contains(World.marker), "\(role) \(route.method) \(probe.path) showed B's data")
                    #expect(!page.body.contains(world.b.id.uuidString) || Self.key(route) == "GET /administration/organisationer",
                        "\(role) \(route.method) \(probe.path) showed B's id")
                    let pathOnly = probe.path.split(separator: "?").first.map(String.init) ?? probe.path
                    if pathOnly.contains("/\(world.b.code)") || pathOnly.contains(snapshotB.uuidString) || pathOnly.contains(incidentB.uuidString) {
                        #expect(page.status == .notFound || page.status == .forbidden, "\(probe.path) should not exist for A")
                    }
                    // A flash message on the next page must not leak either.
                    if !probe.api {
                        let next = try await browser.get("/oversigt")
                        #expect(!next.body.contains(World.marker))
                    }
                }
            }
            try await Self.expectBUnchanged(world, app)
            let scopeB = World.scope(world.b, world.adminB, [.licenceAdministrator])
            let snapshot = try await LicenceRepository(db: app.db).snapshot(snapshotB, in: scopeB)
            #expect(!snapshot.isPurged, "B's snapshot was purged")
            #expect(snapshot.profiledAt == fixedNow, "B's snapshot was re-profiled")
            #expect(try await LicenceRepository(db: app.db).settings(in: scopeB).isOwnCatalogue == false, "B's prices changed")
            let b = try await IncidentRepository(db: app.db).incident(incidentB, in: scopeB)
            #expect(b.significance == nil && b.status == "open" && b.clock.earlyWarningSubmittedAt == nil, "B's incident changed")
            #expect(try await IncidentRepository(db: app.db).timeline(incidentB, in: scopeB).count == 1, "B's timeline changed")
        }
    }

    static func token(for email: String, _ app: Application) async throws -> String {
        let account = try await UserRepository(db: app.db).credentials(email: email)!.0
        let secret = "hf_probe_" + UUID().uuidString
        _ = try await ApiTokenRepository(db: app.db).create(userID: account.id, name: "probe", tokenHash: ApiTokens.hash(secret), prefix: "hf_probe")
        return secret
    }

    static func expectBUnchanged(_ w: World, _ app: Application) async throws {
        let scopeB = World.scope(w.b, w.adminB, [.administrator])
        let members = try await MembershipRepository(db: app.db).members(in: scopeB)
        #expect(members.map(\.userID) == [w.adminB.id], "B's people changed")
        #expect(members.first?.roles.map(\.role) == [.administrator], "B's roles changed")
        #expect(members.first?.isDisabled == false, "B's administrator was disabled")
        #expect(try await GrantRepository(db: app.db).given(in: scopeB).map(\.id) == [w.grantB.id], "B's grants changed")
        #expect(try await OrganisationRepository(db: app.db).departments(in: scopeB).map(\.id) == [w.departmentB.id])
        #expect(try await ApiTokenRepository(db: app.db).tokens(of: w.adminB.id).allSatisfy { !$0.isRevoked }, "B's token was revoked")
    }
}
