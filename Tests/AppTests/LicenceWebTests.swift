import Community
import Fluent
import FluentKit
import Foundation
import Licensing
import Persistence
import Testing
import Vapor

@testable import Web

@Suite struct LicenceWebTests {
    /// Logs in as Aarhus's licence administrator and uploads generated reports; returns the browser and the snapshot id.
    static func uploadAsLicenceAdministrator(_ app: Application, users: Int) async throws -> (Browser, UUID) {
        var lic = Browser(app)
        _ = try await lic.login("licens@aarhus.example")
        _ = try await lic.get("/licenser")
        let uploaded = try await lic.upload("/licenser/indlaes", files: try LicenceFixtures.reports(users: users))
        let location = try #require(uploaded.location)
        let id = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
        return (lic, id)
    }

    @Test func licenceAdministratorUploadsReportsAndSeesTheDashboardUsersAndExports() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("licens@aarhus.example")
            let start = try await browser.get("/licenser")
            #expect(start.body.contains("Ingen øjebliksbilleder endnu"))
            #expect(start.body.contains("enctype=\"multipart/form-data\""))
            let uploaded = try await browser.upload("/licenser/indlaes", files: try LicenceFixtures.reports(users: 400))
            #expect(uploaded.status == .seeOther, "\(uploaded.body.prefix(500))")
            let location = try #require(uploaded.location)
            let dashboard = try await browser.get(location)
            #expect(dashboard.body.contains("Øjebliksbilledet er gemt"))
            #expect(dashboard.body.contains("Besparelse pr. år"))
            #expect(dashboard.body.contains("<svg"))
            #expect(dashboard.body.contains("Hjemmeplejen"))

            let snapshots = try await LicenceRepository(db: app.db).snapshots(in: World.scope(world.a, world.licenceAdminA, [.licenceAdministrator]))
            let snapshot = try #require(snapshots.first)
            #expect(snapshot.usersProfiled > 350)

            let users = try await browser.get("/licenser/oejebliksbilleder/\(snapshot.id)/brugere?handling=downgrade")
            #expect(users.status == .ok)
            #expect(users.body.contains("@demokommune.example"))
            #expect(users.body.contains("Billigere licens"))
            let firstUser = try #require(users.body.firstMatch(of: /href="(\/licenser\/oejebliksbilleder\/[^"]+\/brugere\/\d+)"/)?.1).description
            let userPage = try await browser.get(firstUser)
            #expect(userPage.body.contains("Hvad brugeren mister"))
            #expect(userPage.body.contains("Forbruget bag"))

            let csv = try await browser.get("/licenser/oejebliksbilleder/\(snapshot.id)/brugere.csv")
            #expect(csv.body.hasPrefix("user_principal_name,department,current,current_dkk_month,recommended,recommended_dkk_month,monthly_saving_dkk,action,reasons,loses\n"))
            #expect(csv.body.split(separator: "\n").count == snapshot.usersProfiled + 1)
            // The e-mailable report styles itself with one style element, allowed by its hash (no 'unsafe-inline').
            let report = try await browser.get("/licenser/oejebliksbilleder/\(snapshot.id)/rapport.html")
            let style = try #require(report.body.components(separatedBy: "<style>").dropFirst().first?.components(separatedBy: "</style>").first)
            let hash = "sha256-" + Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
            let csp = report.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(csp.contains("style-src '\(hash)'") && !csp.contains("unsafe-inline"), "\(csp)")
            let changes = try await browser.get("/licenser/oejebliksbilleder/\(snapshot.id)/aendringsliste.csv")
            #expect(changes.body.hasPrefix("user_principal_name,action,remove_skus,add_skus,monthly_saving_dkk\r\n"))
            #expect(changes.body.contains(",downgrade,SPE_E3,SPE_F1,"))

            let ods = try await browser.get("/licenser/oejebliksbilleder/\(snapshot.id)/brugere.ods")
            #expect(ods.headers.contentType?.subType == "vnd.oasis.opendocument.spreadsheet")
            #expect(ods.body.contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet"))
            let totals = try await browser.get("/licenser/oejebliksbilleder/\(snapshot.id)/totaler.ods")
            #expect(totals.status == .ok)
            #expect(totals.body.contains("Hjemmeplejen"))

            // Every view of per-user data is in the audit log, without names.
            let views = try await AuditLog(db: app.db).all().filter { $0.action == AuditAction.personalDataViewed.rawValue }
            #expect(views.count == 5)
            #expect(!views.contains { $0.detail.contains("@") })
        }
    }

    @Test func badReportsAreRefusedWithFileAndLineAndNothingIsStored() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("licens@aarhus.example")
            _ = try await browser.get("/licenser")
            var files = try LicenceFixtures.reports(users: 50)
            let i = files.firstIndex { $0.name == "mailbox.csv" }!
            files[i].bytes += Array("2026-03-01,x@demokommune.example,X,False,,2020-01-01,2026-02-01,1,not-a-number,1,1,1,1,1,1,False,180\r\n".utf8)
            let refused = try await browser.upload("/licenser/indlaes", files: files)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("intet er gemt"))
            #expect(refused.body.contains("mailbox.csv:"))
            #expect(refused.body.contains("Storage Used (Byte)"))
            let scope = World.scope(world.a, world.licenceAdminA, [.licenceAdministrator])
            #expect(try await LicenceRepository(db: app.db).snapshots(in: scope).isEmpty)

            let noActiveUsers = try await browser.upload("/licenser/indlaes", files: files.filter { $0.name == "teams.csv" })
            #expect(noActiveUsers.status == .unprocessableEntity)
            #expect(noActiveUsers.body.contains("Active users"))
            var truncated = try LicenceFixtures.reports(users: 30)
            let t = truncated.firstIndex { $0.name == "active-users.csv" }!
            truncated[t].bytes = Array(truncated[t].bytes.prefix(truncated[t].bytes.count - 40)) + Array(",\"MICROSOFT 365".utf8)
            let cut = try await browser.upload("/licenser/indlaes", files: truncated)
            #expect(cut.status == .unprocessableEntity)
            #expect(cut.body.contains("active-users.csv:"))
            #expect(cut.body.contains("never closed"))
            let wrongFile = try await browser.upload("/licenser/indlaes", files: [(field: "files", name: "notes.csv", bytes: Array("a,b\n1,2\n".utf8))])
            #expect(wrongFile.status == .unprocessableEntity)
            #expect(try await LicenceRepository(db: app.db).snapshots(in: scope).isEmpty)
        }
    }

    @Test func uploadNeedsTheCSRFTokenAndTheLicenceRole() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            var browser = Browser(app)
            _ = try await browser.login("licens@aarhus.example")
            _ = try await browser.get("/licenser")
            let forged = try await browser.upload("/licenser/indlaes", files: try LicenceFixtures.reports(users: 20), csrf: "forged")
            #expect(forged.status == .forbidden)
            var auditor = Browser(app)
            _ = try await auditor.login("revisor@aarhus.example")
            _ = try await auditor.get("/licenser")
            #expect(try await auditor.upload("/licenser/indlaes", files: try LicenceFixtures.reports(users: 20)).status == .forbidden)
        }
    }

    @Test func onlyLicenceAdministratorsSeePerUserData() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var lic = Browser(app)
            _ = try await lic.login("licens@aarhus.example")
            _ = try await lic.get("/licenser")
            let uploaded = try await lic.upload("/licenser/indlaes", files: try LicenceFixtures.reports(users: 60))
            let id = try #require(uploaded.location?.split(separator: "/").last).description
            var admin = Browser(app)
            _ = try await admin.login("admin@aarhus.example")
            let dashboard = try await admin.get("/licenser/oejebliksbilleder/\(id)")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("vises kun for licensadministratorer"))
            #expect(!dashboard.body.contains("@demokommune.example"))
            #expect(try await admin.get("/licenser/oejebliksbilleder/\(id)/brugere").status == .forbidden)
            #expect(try await admin.get("/licenser/oejebliksbilleder/\(id)/brugere.csv").status == .forbidden)
            _ = world
        }
    }

    @Test func reflectedSearchTermsAreEscaped() async throws {
        try await withApp { app in
            _ = try await World.make(app)
            let (browser, id) = try await Self.uploadAsLicenceAdministrator(app, users: 20)
            var lic = browser
            for payload in ["\"><script>alert(1)</script>", "' autofocus onfocus='alert(1)", "\" autofocus onfocus=\"alert(1)", "&quot;><img src=x>"] {
                var c = URLComponents()
                c.queryItems = [.init(name: "soeg", value: payload), .init(name: "afdeling", value: payload)]
                let page = try await lic.get("/licenser/oejebliksbilleder/\(id)/brugere?\(c.percentEncodedQuery!)")
                #expect(page.status == .ok)
                #expect(!page.body.contains("<script>"))
                #expect(!page.body.contains("<img"))
                #expect(page.body.firstMatch(of: /<\w+(?:\s+[\w:-]+(?:="[^"]*")?)*\s+(?:onfocus|autofocus|onerror|onmouseover)\b/) == nil)
            }
        }
    }

    @Test func purgeKeepsTotalsAndRemovesPeople() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let (browser, id) = try await Self.uploadAsLicenceAdministrator(app, users: 60)
            var lic = browser
            let scope = World.scope(world.a, world.licenceAdminA, [.licenceAdministrator])
            let before = try await LicenceRepository(db: app.db).snapshot(id, in: scope)
            _ = try await lic.get("/licenser/oejebliksbilleder/\(id)")
            _ = try await lic.post("/licenser/oejebliksbilleder/\(id)/slet-persondata")
            let after = try await LicenceRepository(db: app.db).snapshot(id, in: scope)
            #expect(after.isPurged)
            #expect(after.summary == before.summary)
            #expect(try await LicenceRepository(db: app.db).users(snapshot: id, query: .init(), in: scope).total == 0)
            let page = try await lic.get("/licenser/oejebliksbilleder/\(id)")
            #expect(page.body.contains("kun totalerne er bevaret"))
        }
    }

    @Test func ownPricesAndReprofilingChangeTheMoney() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let (browser, id) = try await Self.uploadAsLicenceAdministrator(app, users: 80)
            var lic = browser
            let scope = World.scope(world.a, world.licenceAdminA, [.licenceAdministrator])
            let before = try await LicenceRepository(db: app.db).snapshot(id, in: scope)

            let settings = try await lic.get("/licenser/indstillinger")
            #expect(settings.body.contains("Listepriser"))
            let e3 = try #require(Catalogue.bundled.index(sku: "SPE_E3"))
            var form: [String: String] = [:]
            for (i, p) in Catalogue.bundled.products.enumerated() { form["price_\(i)"] = Money.format(p.priceOre) }
            form["price_\(e3)"] = "200,00"
            _ = try await lic.post("/licenser/indstillinger/katalog", form)
            #expect(try await lic.get("/licenser/indstillinger").body.contains("Kommunens egne 50.49-priser"))
            form["price_\(e3)"] = "two hundred"
            _ = try await lic.post("/licenser/indstillinger/katalog", form)
            #expect(try await lic.get("/licenser/indstillinger").body.contains("Prisen for Microsoft 365 E3 er ugyldig"))

            _ = try await lic.get("/licenser/oejebliksbilleder/\(id)")
            _ = try await lic.post("/licenser/oejebliksbilleder/\(id)/genberegn")
            let after = try await LicenceRepository(db: app.db).snapshot(id, in: scope)
            #expect(after.summary.currentMonthly.ore < before.summary.currentMonthly.ore)
            #expect(after.usersProfiled == before.usersProfiled)
        }
    }

    @Test func policyEditorValidatesAndRetentionPurgesOldSnapshots() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var lic = Browser(app)
            _ = try await lic.login("licens@aarhus.example")
            _ = try await lic.get("/licenser/indstillinger")
            _ = try await lic.post("/licenser/indstillinger/politik", ["inactivity_days": "60", "grace_days": "30", "headroom": "1,5", "max_products": "3"])
            #expect(try await lic.get("/licenser/indstillinger").body.contains("Politikken blev ikke gemt"))
            let scope = World.scope(world.a, world.licenceAdminA, [.licenceAdministrator])
            #expect(try await LicenceRepository(db: app.db).settings(in: scope).policy == Policy())

            _ = try await lic.get("/licenser")
            let uploaded = try await lic.upload("/licenser/indlaes", files: try LicenceFixtures.reports(users: 40))
            let id = try #require(UUID(uuidString: String(uploaded.location!.split(separator: "/").last!)))
            _ = try await lic.get("/licenser/indstillinger")
            _ = try await lic.post("/licenser/indstillinger/politik", [
                "inactivity_days": "60", "grace_days": "30", "headroom": "0,8", "max_products": "3",
                "frontline_departments": "Hjemmeplejen\nDagplejen", "keep_windows_enterprise": "1", "retention_days": "30",
            ])
            let saved = try await LicenceRepository(db: app.db).settings(in: scope)
            #expect(saved.policy.inactivityDays == 60)
            #expect(saved.policy.headroom == .init(numerator: 8, denominator: 10))
            #expect(saved.policy.frontlineDepartments == ["hjemmeplejen", "dagplejen"])
            #expect(saved.policy.keepIfHeld == CapabilitySet([.windowsEnterprise]))
            #expect(saved.retentionDays == 30)
            #expect(try await LicenceRepository(db: app.db).snapshot(id, in: scope).isPurged == false)
            // 31 days later the snapshot's personal data is gone.
            #expect(try await LicenceRepository(db: app.db).applyRetention(now: fixedNow.addingTimeInterval(31 * 86_400)) == 1)
            #expect(try await LicenceRepository(db: app.db).snapshot(id, in: scope).isPurged)
        }
    }

    @Test func apiListsSnapshotsAndGuardsPerUserData() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var lic = Browser(app)
            _ = try await lic.login("licens@aarhus.example")
            _ = try await lic.get("/licenser")
            let uploaded = try await lic.upload("/licenser/indlaes", files: try LicenceFixtures.reports(users: 60))
            let id = String(uploaded.location!.split(separator: "/").last!)
            let secret = "hf_lic_test_token"
            _ = try await ApiTokenRepository(db: app.db).create(userID: world.licenceAdminA.id, name: "t", tokenHash: ApiTokens.hash(secret), prefix: "hf_lic_t")
            var api = Browser(app)
            let list = try await api.request(.GET, "/api/v1/organisations/0751/licences/snapshots", headers: ["Authorization": "Bearer \(secret)"])
            #expect(list.body.contains(id))
            let detail = try await api.request(.GET, "/api/v1/organisations/0751/licences/snapshots/\(id)", headers: ["Authorization": "Bearer \(secret)"])
            #expect(detail.body.contains("\"monthly_saving\""))
            let users = try await api.request(.GET, "/api/v1/organisations/0751/licences/snapshots/\(id)/users?perPage=5&action=downgrade",
                headers: ["Authorization": "Bearer \(secret)"])
            #expect(users.status == .ok)
            #expect(users.body.contains("\"perPage\":5"))
            let adminUsers = try await api.request(.GET, "/api/v1/organisations/0751/licences/snapshots/\(id)/users",
                headers: ["Authorization": "Bearer \(world.tokenA)"])
            #expect(adminUsers.status == .forbidden)

            // Found by schemathesis: a page number near Int.max overflowed the offset and stopped the server.
            let auth: HTTPHeaders = ["Authorization": "Bearer \(secret)"]
            let huge = try await api.request(.GET, "/api/v1/organisations/0751/licences/snapshots/\(id)/users?page=144115188075855871", headers: auth)
            #expect(huge.status == .badRequest && huge.body.contains("page must be a whole number from 1 to 1000000"))
            for query in ["perPage=0", "perPage=501", "page=true", "sorter=name"] {
                let bad = try await api.request(.GET, "/api/v1/organisations/0751/licences/snapshots/\(id)/users?\(query)", headers: auth)
                #expect(bad.status == .badRequest, "\(query) was accepted")
            }
            #expect(try await lic.get("/licenser/oejebliksbilleder/\(id)/brugere?side=144115188075855871").status == .ok)
            #expect(try await api.request(.TRACE, "/api/v1/organisations/0751/licences/snapshots", headers: auth).status == .methodNotAllowed)
        }
    }
}
