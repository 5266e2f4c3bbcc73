import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct AuthTests {
    @Test func loginPageIsDanishWithLabelledFields() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let page = try await browser.get("/log-ind")
            #expect(page.status == .ok)
            #expect(page.body.contains("<html lang=\"da\">"))
            #expect(page.body.contains("<label for=\"f-email\">E-mail</label>"))
            #expect(page.body.contains("<label for=\"f-password\">Adgangskode</label>"))
            #expect(page.body.contains("name=\"_csrf\""))
        }
    }

    @Test func signedOutVisitorIsSentToLoginWithReturnPath() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let page = try await browser.get("/administration/personer")
            #expect(page.status == .seeOther)
            #expect(page.location == "/log-ind?next=%2Fadministration%2Fpersoner")
        }
    }

    @Test func correctPasswordOpensTheDashboardAndIsAudited() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var browser = Browser(app)
            let dashboard = try await browser.login("admin@aarhus.example")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("<h1>Aarhus</h1>"))
            let actions = try await AuditLog(db: app.db).all().map(\.action)
            #expect(actions.contains(AuditAction.loginSucceeded.rawValue))
            _ = world
        }
    }

    @Test func loginRedirectsToTheRequestedPageButNeverOffSite() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.get("/log-ind")
            var res = try await browser.post("/log-ind", ["email": "admin@aarhus.example", "password": World.password, "next": "/faellesskab"])
            #expect(res.location == "/faellesskab")
            browser = Browser(app)
            _ = try await browser.get("/log-ind")
            res = try await browser.post("/log-ind", ["email": "admin@aarhus.example", "password": World.password, "next": "//evil.example/x"])
            #expect(res.location == "/oversigt")
        }
    }

    @Test func wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.get("/log-ind")
            let res = try await browser.post("/log-ind", ["email": "admin@aarhus.example", "password": "wrong password!"])
            #expect(res.status == .unauthorized)
            #expect(res.body.contains("Forkert e-mail eller adgangskode"))
            let unknown = try await browser.post("/log-ind", ["email": "nobody@aarhus.example", "password": "wrong password!"])
            #expect(unknown.status == .unauthorized)
            #expect(try await AuditLog(db: app.db).all().filter { $0.action == AuditAction.loginFailed.rawValue }.count == 2)
        }
    }

    @Test func fiveFailuresLockTheAccountEvenForTheRightPassword() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.get("/log-ind")
            for _ in 0..<LoginThrottle.maxFailures {
                _ = try await browser.post("/log-ind", ["email": "admin@aarhus.example", "password": "guess guess guess"])
            }
            let res = try await browser.post("/log-ind", ["email": "ADMIN@aarhus.example", "password": World.password])
            #expect(res.status == .tooManyRequests)
            #expect(res.body.contains("For mange mislykkede forsøg"))
            // Another account is not affected.
            let other = try await browser.post("/log-ind", ["email": "revisor@aarhus.example", "password": World.password])
            #expect(other.status == .seeOther)
        }
    }

    @Test func disabledAccountCannotLogIn() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            try await UserRepository(db: app.db).setDisabled(true, id: world.auditorA.id)
            var browser = Browser(app)
            _ = try await browser.get("/log-ind")
            let res = try await browser.post("/log-ind", ["email": "revisor@aarhus.example", "password": World.password])
            #expect(res.status == .unauthorized)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefusedAndChangeNothing() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("admin@aarhus.example")
            let res = try await browser.post("/administration/afdelinger", ["name": "Jobcenter", "_csrf": "forged"])
            #expect(res.status == .forbidden)
            #expect(res.body.contains("Formularen er udløbet"))
            let scope = World.scope(world.a, world.adminA, [.administrator])
            #expect(try await OrganisationRepository(db: app.db).departments(in: scope).map(\.name) == ["Hjemmeplejen"])
            let missing = try await browser.post("/administration/afdelinger", ["name": "Jobcenter"], csrf: false)
            #expect(missing.status == .forbidden)
            let ok = try await browser.post("/administration/afdelinger", ["name": "Jobcenter"])
            #expect(ok.status == .seeOther)
            #expect(try await OrganisationRepository(db: app.db).departments(in: scope).map(\.name) == ["Hjemmeplejen", "Jobcenter"])
        }
    }

    @Test func loginFormItselfNeedsTheCSRFToken() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            let res = try await browser.post("/log-ind", ["email": "admin@aarhus.example", "password": World.password], csrf: false)
            #expect(res.status == .forbidden)
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("admin@aarhus.example")
            let stolen = browser.cookies
            let out = try await browser.post("/log-ud")
            #expect(out.location == "/log-ind")
            #expect(try await browser.get("/oversigt").status == .seeOther)
            // The old cookie no longer works either: the session is gone from the database.
            var replay = Browser(app)
            replay.cookies = stolen
            #expect(try await replay.get("/oversigt").status == .seeOther)
        }
    }

    @Test func idleSessionsExpireOnTheServer() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("admin@aarhus.example")
            app.services = AppServices(now: { fixedNow.addingTimeInterval(7 * 3600) }, randomBytes: { [UInt8].random(count: $0) })
            #expect(try await browser.get("/oversigt").status == .ok, "7 hours idle is still within the limit")
            app.services = AppServices(now: { fixedNow.addingTimeInterval(7 * 3600 + 8 * 3600 + 60) }, randomBytes: { [UInt8].random(count: $0) })
            #expect(try await browser.get("/oversigt").status == .seeOther, "more than 8 hours idle ends the session")
        }
    }

    @Test func sessionIdChangesAtLogin() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.get("/log-ind")
            let before = browser.cookies["hf_session"]
            _ = try await browser.login("admin@aarhus.example")
            #expect(before != nil)
            #expect(browser.cookies["hf_session"] != before)
        }
    }

    @Test func sessionCookieIsHttpOnlyAndSameSite() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let page = try await browser.get("/log-ind")
            let cookie = try #require(page.headers[.setCookie].first { $0.hasPrefix("hf_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
        }
        try await withApp(secureCookies: true) { app in
            var browser = Browser(app)
            let page = try await browser.get("/log-ind")
            #expect(page.headers[.setCookie].first { $0.hasPrefix("hf_session=") }?.contains("Secure") == true)
            #expect(page.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test func securityHeadersOnEveryPage() async throws {
        try await withApp { app in
            var browser = Browser(app)
            for path in ["/log-ind", "/healthz", "/findes-ikke"] {
                let page = try await browser.get(path)
                let csp = try #require(page.headers.first(name: "Content-Security-Policy"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
            }
        }
    }

    @Test func languageSwitchTurnsThePageEnglishAndBack() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("admin@aarhus.example")
            let switched = try await browser.get("/sprog?til=en&tilbage=%2Ffaellesskab")
            #expect(switched.location == "/faellesskab")
            let page = try await browser.get("/faellesskab")
            #expect(page.body.contains("<html lang=\"en\">"))
            #expect(page.body.contains("Community"))
            #expect(page.body.contains(">Log out<"))
            _ = try await browser.get("/sprog?til=da&tilbage=%2Foversigt")
            #expect(try await browser.get("/oversigt").body.contains(">Log ud<"))
        }
    }

    @Test func languageSwitchDoesNotRedirectOffSite() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let res = try await browser.get("/sprog?til=en&tilbage=https%3A%2F%2Fevil.example")
            #expect(res.location == "/")
        }
    }

    @Test func organisationSwitcherChangesTheActingOrganisation() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let scope = World.scope(world.centre, world.adminA, [])
            try await MembershipRepository(db: app.db).add(userID: world.adminA.id, role: .centreOperator,
                in: TenantScope(organisationID: world.centre.id, organisationKind: .centre, userID: world.adminA.id, roles: [], isSystemAdministrator: true))
            var browser = Browser(app)
            let before = try await browser.login("admin@aarhus.example")
            #expect(before.body.contains("id=\"org-select\""))
            _ = try await browser.post("/organisation", ["organisation": world.centre.id.uuidString])
            let after = try await browser.get("/oversigt")
            #expect(after.body.contains("<h1>Driftscenter Midt</h1>"))
            // The centre sees Aarhus's grant to it, but not the administration menu of Aarhus.
            #expect(after.body.contains("Aarhus (0751)"))
            #expect(!after.body.contains("/administration/personer"))
            // Switching into an organisation one is not a member of is refused.
            let refused = try await browser.post("/organisation", ["organisation": world.b.id.uuidString])
            #expect(refused.status == .notFound)
            _ = scope
        }
    }
}
