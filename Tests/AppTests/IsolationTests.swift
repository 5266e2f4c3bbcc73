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
    static func cases(_ w: World) -> [String: [Probe]] {
        let b = w.b.code
        let a = w.a.code
        return [
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
            let cases = Self.cases(world)
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
            let cases = Self.cases(world)
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
                    if probe.path.contains("/\(world.b.code)") {
                        #expect(page.status == .notFound, "\(probe.path) should not exist for A")
                    }
                    // A flash message on the next page must not leak either.
                    if !probe.api {
                        let next = try await browser.get("/oversigt")
                        #expect(!next.body.contains(World.marker))
                    }
                }
            }
            try await Self.expectBUnchanged(world, app)
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
