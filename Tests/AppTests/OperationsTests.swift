import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Testing
import Vapor

@testable import Web

@Suite struct OperationsTests {
    @Test func uploadFoldersLeftByAKilledServerAreRemovedAfterADay() throws {
        let fm = FileManager.default
        let old = fm.temporaryDirectory.appendingPathComponent("hf-upload-test-\(UUID().uuidString)")
        let fresh = fm.temporaryDirectory.appendingPathComponent("hf-upload-test-\(UUID().uuidString)")
        for url in [old, fresh] { try fm.createDirectory(at: url, withIntermediateDirectories: true) }
        try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)], ofItemAtPath: old.path)
        LicenceUpload.removeStaleUploads()
        #expect(!fm.fileExists(atPath: old.path), "a two-day-old upload folder was kept")
        #expect(fm.fileExists(atPath: fresh.path), "an upload folder in use was removed")
        try? fm.removeItem(at: fresh)
    }

    @Test func healthzChecksTheDatabase() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let res = try await browser.get("/healthz")
            #expect(res.status == .ok)
            #expect(res.body.contains("\"database\":\"ok\""))
        }
    }

    @Test func metricsCountRequestsByRoutePattern() async throws {
        try await withApp { app in
            var browser = Browser(app)
            _ = try await browser.get("/log-ind")
            _ = try await browser.get("/findes/ikke")
            let res = try await browser.get("/metrics")
            #expect(res.body.contains("handlefrihed_http_requests_total{method=\"GET\",route=\"/log-ind\",status=\"200\"} 1"))
            #expect(res.body.contains("handlefrihed_http_request_duration_seconds_bucket"))
            #expect(res.body.contains("route=\"unmatched\""))
        }
    }

    @Test func demoIsDeterministicAndReloadingOnlyResetsThePassword() async throws {
        try await withApp { app in
            let first = try await Operations.loadDemo(app)
            #expect(first.freshlyLoaded)
            let second = try await Operations.loadDemo(app)
            #expect(!second.freshlyLoaded)
            #expect(first.password != second.password)
            let scope = TenantScope(organisationID: DemoData.municipalityID, organisationKind: .municipality, userID: DemoData.adminID, roles: [.administrator])
            let departments = try await OrganisationRepository(db: app.db).departments(in: scope).map(\.name)
            #expect(Set(departments) == Set(["Hjemmeplejen", "Dagplejen", "Skoleområdet", "Vej og Park", "Borgerservice", "Jobcenter", "Økonomi", "IT"]))
            #expect(try await MembershipRepository(db: app.db).members(in: scope).count == 13)
            var browser = Browser(app)
            let page = try await browser.login(DemoData.adminEmail, password: second.password)
            #expect(page.body.contains("Demodata: en fiktiv kommune"))
            #expect(page.body.contains("brugere profileret; mulig besparelse"))
        }
    }

    @Test func addUserFromTheCommandLine() async throws {
        try await withApp { app in
            let (account, password) = try await Operations.addUser(app, email: "it-chef@aarhus.example", name: "IT-chef",
                organisationCode: "0751", role: "administrator", systemAdmin: false, password: nil)
            #expect(password.count >= 12)
            let memberships = try await MembershipRepository(db: app.db).memberships(of: account.id)
            #expect(memberships.map(\.role) == [.administrator])
            #expect(memberships.first?.organisationID == Organisation.municipalityID(code: "0751"))
            await #expect(throws: Operations.Failure.unknownRole("chief")) {
                try await Operations.addUser(app, email: "x@y.example", name: "X", organisationCode: "0751", role: "chief", systemAdmin: false, password: nil)
            }
            await #expect(throws: Operations.Failure.unknownMunicipality("9998")) {
                try await Operations.addUser(app, email: "x@y.example", name: "X", organisationCode: "9998", role: "auditor", systemAdmin: false, password: nil)
            }
            await #expect(throws: Operations.Failure.passwordTooShort) {
                try await Operations.addUser(app, email: "x@y.example", name: "X", organisationCode: nil, role: nil, systemAdmin: true, password: "short")
            }
            #expect(try await UserRepository(db: app.db).count() == 1, "failed attempts created nothing")
        }
    }

    @Test func systemAdministratorCreatesACentreAndWorksInAnyMunicipality() async throws {
        try await withApp { app in
            _ = try await Operations.addUser(app, email: "root@kl.example", name: "Root", organisationCode: nil, role: nil,
                systemAdmin: true, password: "a long enough password")
            var browser = Browser(app)
            let start = try await browser.login("root@kl.example", password: "a long enough password")
            #expect(start.body.contains("Kommunernes fælles CERT"))
            _ = try await browser.get("/administration/organisationer")
            _ = try await browser.post("/administration/organisationer/driftscenter", ["code": "dc-syd", "name": "Driftscenter Syd", "region": "Region Syddanmark"])
            #expect(try await OrganisationRepository(db: app.db).all(kind: .centre).map(\.code) == ["DC-SYD"])
            _ = try await browser.post("/organisation", ["organisation": Organisation.municipalityID(code: "0101").uuidString])
            #expect(try await browser.get("/oversigt").body.contains("<h1>København</h1>"))
        }
    }

    @Test func disabledAndPasswordCommands() async throws {
        try await withApp { app in
            _ = try await Operations.addUser(app, email: "a@b.example", name: "A", organisationCode: nil, role: nil, systemAdmin: true, password: "first password!")
            try await Operations.setDisabled(app, email: "a@b.example", disabled: true)
            #expect(try await UserRepository(db: app.db).credentials(email: "a@b.example")?.0.isDisabled == true)
            let pw = try await Operations.setPassword(app, email: "a@b.example", password: nil)
            #expect(pw.count >= 12)
            await #expect(throws: Operations.Failure.unknownUser("nobody@b.example")) {
                try await Operations.setPassword(app, email: "nobody@b.example", password: nil)
            }
        }
    }
}

@Suite struct ConfigTests {
    @Test func defaultsGiveALocalSQLiteSetup() throws {
        let c = try AppConfig.fromEnvironment([:])
        #expect(c.hostname == "127.0.0.1")
        #expect(c.port == 8080)
        #expect(c.storage == .sqlite(path: "handlefrihed.sqlite"))
        #expect(c.secureCookies == false)
    }

    @Test func databaseURLSelectsPostgreSQL() throws {
        let c = try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://u:p@127.0.0.1/hf"])
        #expect(c.storage == .postgres(url: "postgres://u:p@127.0.0.1/hf"))
    }

    @Test func everyBadValueIsReportedAtOnce() {
        #expect(throws: ConfigError(problems: [
            "HANDLEFRIHED_PORT must be a port number from 1 to 65535, not \"http\"",
            "DATABASE_URL must start with postgres:// or postgresql://",
            "HANDLEFRIHED_SECURE_COOKIES must be true or false, not \"maybe\"",
        ])) {
            try AppConfig.fromEnvironment(["HANDLEFRIHED_PORT": "http", "DATABASE_URL": "mysql://x", "HANDLEFRIHED_SECURE_COOKIES": "maybe"])
        }
    }
}
