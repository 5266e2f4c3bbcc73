import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Testing
import Vapor

@testable import Web

@Suite struct AdminTests {
    @Test func administratorAddsAPersonWhoCanThenLogIn() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            _ = try await admin.get("/administration/personer")
            let created = try await admin.post("/administration/personer/ny", [
                "email": "Ny.Kollega@Aarhus.example", "display_name": "Ny Kollega", "role": "architect",
                "department": world.departmentA.id.uuidString,
            ])
            #expect(created.status == .ok)
            #expect(created.body.contains("vises kun denne ene gang"))
            let password = try #require(created.body.firstMatch(of: /class="secret">([^<]+)</)?.1).description
            let people = try await admin.get("/administration/personer")
            #expect(people.body.contains("ny.kollega@aarhus.example"))
            #expect(people.body.contains("Arkitekt · Hjemmeplejen"))

            var colleague = Browser(app)
            let dashboard = try await colleague.login("ny.kollega@aarhus.example", password: password)
            #expect(dashboard.body.contains("<h1>Aarhus</h1>"))
            // An architect has no administration menu and no access to it.
            #expect(!dashboard.body.contains("/administration/personer"))
            #expect(try await colleague.get("/administration/personer").status == .forbidden)
            let log = try await AuditLog(db: app.db).all()
            #expect(log.contains { $0.action == "user.created" && $0.organisationID == world.a.id })
            // No password in the audit log.
            #expect(!log.contains { $0.detail.contains(password) })
        }
    }

    @Test func addingAnExistingAccountOnlyAddsTheRole() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            _ = try await admin.get("/administration/personer")
            let res = try await admin.post("/administration/personer/ny", ["email": "revisor@aarhus.example", "display_name": "X", "role": "architect"])
            #expect(res.status == .seeOther)
            let member = try await MembershipRepository(db: app.db).member(world.auditorA.id, in: World.scope(world.a, world.adminA, [.administrator]))
            #expect(Set(member.roles.map(\.role)) == [.auditor, .architect])
        }
    }

    @Test func invalidPersonIsRefusedWithAMessage() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            _ = try await admin.get("/administration/personer")
            let res = try await admin.post("/administration/personer/ny", ["email": "not-an-email", "display_name": "X", "role": "architect"])
            #expect(res.status == .seeOther)
            let page = try await admin.get("/administration/personer")
            #expect(page.body.contains("Ugyldigt felt email"))
            #expect(try await UserRepository(db: app.db).count() == 4)
        }
    }

    @Test func lastAdministratorCannotBeRemoved() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let scope = World.scope(world.a, world.adminA, [.administrator])
            let member = try await MembershipRepository(db: app.db).member(world.adminA.id, in: scope)
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            _ = try await admin.get("/administration/personer")
            _ = try await admin.post("/administration/medlemskaber/\(member.roles[0].membershipID)/fjern")
            let page = try await admin.get("/administration/personer")
            #expect(page.body.contains("the last administrator cannot be removed"))
        }
    }

    @Test func disablingAPersonEndsTheirAccess() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var auditor = Browser(app)
            _ = try await auditor.login("revisor@aarhus.example")
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            _ = try await admin.get("/administration/personer")
            #expect(try await SessionStore(db: app.db).count(userID: world.auditorA.id) == 1)
            _ = try await admin.post("/administration/personer/\(world.auditorA.id)/deaktiver")
            #expect(try await SessionStore(db: app.db).count(userID: world.auditorA.id) == 0, "disabling ends every session")
            #expect(try await auditor.get("/oversigt").status == .seeOther)
            let page = try await admin.get("/administration/personer")
            #expect(page.body.contains("Deaktiveret"))
        }
    }

    @Test func auditorReadsTheAuditLogButCannotChangeAnything() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var auditor = Browser(app)
            _ = try await auditor.login("revisor@aarhus.example")
            let log = try await auditor.get("/administration/revisionslog")
            #expect(log.status == .ok)
            #expect(log.body.contains("login.succeeded"))
            #expect(try await auditor.get("/administration/personer").status == .forbidden)
            #expect(try await auditor.post("/administration/afdelinger", ["name": "X"]).status == .forbidden)
        }
    }

    @Test func grantsAreGivenAndRevokedByTheMunicipality() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            let page = try await admin.get("/faellesskab")
            #expect(page.body.contains("Aftale Aarhus"))
            _ = try await admin.post("/faellesskab/tildelinger", ["to": Organisation.certID.uuidString, "scope": "incidents", "note": "CERT-aftale"])
            let scope = World.scope(world.a, world.adminA, [.administrator])
            #expect(try await GrantRepository(db: app.db).given(in: scope).map(\.scope) == [.continuity, .incidents])
            _ = try await admin.get("/faellesskab")
            _ = try await admin.post("/faellesskab/tildelinger/\(world.grantA.id)/tilbagekald")
            #expect(try await GrantRepository(db: app.db).given(in: scope).map(\.scope) == [.incidents])
            // A grant to a municipality is refused.
            _ = try await admin.get("/faellesskab")
            _ = try await admin.post("/faellesskab/tildelinger", ["to": world.b.id.uuidString, "scope": "overview"])
            #expect(try await admin.get("/faellesskab").body.contains("Adgang kan kun gives"))
        }
    }

    @Test func webExportDownloadsAZipAndIsAudited() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            _ = try await admin.get("/administration/eksport")
            let res = try await admin.post("/administration/eksport")
            #expect(res.status == .ok)
            #expect(res.headers.contentType == .zip)
            #expect(res.headers.first(name: .contentDisposition)?.contains("handlefrihed-0751-2026-03-01.zip") == true)
            #expect(try await AuditLog(db: app.db).all().contains { $0.action == "data.exported" })
        }
    }

    @Test func apiTokenCreatedInTheUIWorksUntilRevoked() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("licens@aarhus.example")
            _ = try await browser.get("/konto")
            let created = try await browser.post("/konto/tokens", ["name": "Rapporter"])
            let token = try #require(created.body.firstMatch(of: /class="secret">(hf_[^<]+)</)?.1).description
            var api = Browser(app)
            let me = try await api.request(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(me.status == .ok)
            #expect(me.body.contains("licens@aarhus.example"))
            let tokens = try await ApiTokenRepository(db: app.db).tokens(of: try #require(try await UserRepository(db: app.db).credentials(email: "licens@aarhus.example")).0.id)
            _ = try await browser.get("/konto")
            _ = try await browser.post("/konto/tokens/\(tokens[0].id)/tilbagekald")
            #expect(try await api.request(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"]).status == .unauthorized)
        }
    }

    @Test func passwordChangeNeedsTheCurrentPasswordAndTwelveCharacters() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("revisor@aarhus.example")
            _ = try await browser.get("/konto")
            _ = try await browser.post("/konto/adgangskode", ["current": "wrong", "new": "a new long password", "repeated": "a new long password"])
            #expect(try await browser.get("/konto").body.contains("nuværende adgangskode er forkert"))
            _ = try await browser.post("/konto/adgangskode", ["current": World.password, "new": "short", "repeated": "short"])
            #expect(try await browser.get("/konto").body.contains("mindst 12 tegn"))
            _ = try await browser.post("/konto/adgangskode", ["current": World.password, "new": "a new long password", "repeated": "a new long password"])
            var fresh = Browser(app)
            #expect(try await fresh.login("revisor@aarhus.example", password: "a new long password").status == .ok)
        }
    }

    /// Stored values come back escaped in text and in attributes, on every page that shows them.
    @Test(arguments: ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)", "&lt;script&gt;"])
    func storedPayloadsAreEscaped(payload: String) async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            _ = try await admin.get("/administration/afdelinger")
            _ = try await admin.post("/administration/afdelinger", ["name": "Afd \(payload)"])
            _ = try await admin.get("/administration/personer")
            _ = try await admin.post("/administration/personer/ny", ["email": "x\(UUID().uuidString.prefix(4))@aarhus.example", "display_name": "P \(payload)", "role": "auditor"])
            _ = try await admin.get("/faellesskab")
            _ = try await admin.post("/faellesskab/tildelinger", ["to": Organisation.certID.uuidString, "scope": "incidents", "note": "N \(payload)"])
            for path in ["/administration/afdelinger", "/administration/personer", "/faellesskab", "/oversigt", "/licenser/indstillinger"] {
                let page = try await admin.get(path)
                // No tag may carry an event handler, and no script or image element may appear.
                #expect(page.body.firstMatch(of: /<\w+(?:\s+[\w:-]+(?:="[^"]*")?)*\s+(?:onfocus|autofocus|onerror|onmouseover)\b/) == nil, "\(path) lets an attribute escape")
                #expect(!page.body.contains("<script>"), "\(path)")
                #expect(!page.body.contains("<img"), "\(path)")
            }
        }
    }

    @Test func dashboardFiguresFollowChangesAtOnce() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var admin = Browser(app)
            let before = try await admin.login("admin@aarhus.example")
            #expect(before.body.contains("<dt>Afdelinger</dt><dd>1</dd>"))
            _ = try await admin.post("/administration/afdelinger", ["name": "Jobcenter"])
            #expect(try await admin.get("/oversigt").body.contains("<dt>Afdelinger</dt><dd>2</dd>"))
        }
    }

    @Test func emptyStatesSayWhatToDoNext() async throws {
        try await withApp { app in
            let users = UserRepository(db: app.db)
            let hash = try await Accounts.hash(World.password, on: app)
            let user = try await users.create(email: "solo@roskilde.example", displayName: "Solo", passwordHash: hash)
            let roskilde = try await OrganisationRepository(db: app.db).find(municipalityCode: "0265")!
            try await MembershipRepository(db: app.db).add(userID: user.id, role: .administrator,
                in: TenantScope(organisationID: roskilde.id, organisationKind: .municipality, userID: user.id, roles: [], isSystemAdministrator: true))
            var browser = Browser(app)
            let page = try await browser.login("solo@roskilde.example")
            #expect(page.body.contains("Ingen afdelinger endnu"))
            #expect(page.body.contains("Du er alene her"))
            #expect(page.body.contains("Ingen forbrugsdata endnu"))
            let licences = try await browser.get("/licenser")
            #expect(licences.body.contains("Ingen har rollen licensadministrator endnu"))
        }
    }
}
