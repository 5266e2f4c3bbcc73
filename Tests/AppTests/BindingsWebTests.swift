import Bindings
import Community
import Fluent
import FluentKit
import Foundation
import Persistence
import SQLKit
import Testing
import Vapor

@testable import Web

/// Bindinger through the real app: the analyses on the pages, who may change what, exit plans and
/// their approval, the tender document, the KITOS and CSV imports (one transaction, errors located),
/// the export, the office-suite move joined with the licence profile, the calendar feed and the API.
@Suite struct BindingsWebTests {
    static func count(_ table: String, _ org: UUID, _ app: Application) async throws -> Int {
        try await KitosImportTests.count(table, org, app)
    }

    @Test func thePagesShowEachAnalysisWithTheListBehindIt() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let f = try await BindingsFixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            var (architect, _) = try await Nis2WebTests.person(app, world, "ark@aarhus.example", "Arne Arkitekt", [.architect])

            let overview = try await architect.get("/bindinger")
            #expect(overview.status == .ok)
            // Lock-in: red, because the critical data set has no tested open export (a floor).
            #expect(overview.body.contains("Aarhus Software Inc") && overview.body.contains("level-red"))
            #expect(overview.body.contains("Systemer uden kontrakt: 0") && overview.body.contains("Bindinger, ingen har verificeret: 1"))

            let impact = try await architect.get("/bindinger/konsekvens?maal=component:\(f.component)")
            #expect(impact.body.contains("Aarhus ESDH") && impact.body.contains("bundet direkte"))
            #expect(impact.body.contains("Forretningskritiske data uden testet åben eksport: Aarhus sager"))
            #expect(impact.body.contains("Aarhus ESDH → Aarhus Suite › Aarhus Mail") || impact.body.contains("Aarhus Suite › Aarhus Mail"))

            let graph = try await architect.get("/bindinger/graf?leverandoer=\(f.vendor)")
            #expect(graph.body.contains("<svg") && graph.body.contains("Aarhus ESDH") && graph.body.contains("1 forbindelser"))
            let filtered = try await architect.get("/bindinger/graf?afdeling=Jobcenter")
            #expect(filtered.body.contains("Ingen bindinger passer til filteret"))

            let whatIf = try await architect.get("/bindinger/hvad-hvis?s1=component:\(f.component)&s2=component:\(f.component)&a2=Jobcenter")
            #expect(whatIf.body.contains("Aarhus ESDH: Aarhus journalisér e-mails"))
            #expect(whatIf.body.contains("100.000 kr.") && whatIf.body.contains("0 kr."))

            let contracts = try await architect.get("/bindinger/kontrakter")
            #expect(contracts.body.contains("Aarhus kontrakt") && contracts.body.contains("Exitvinduer de næste 3 år"))

            let plan = try await architect.get("/bindinger/exitplaner/\(f.exitPlan)")
            #expect(plan.body.contains("Ikke godkendt af ledelsen endnu"))
            // The plan ends 2027-01-15, the contract a year after 2026-03-01 with 3 months' notice: feasible.
            #expect(plan.body.contains("Kan nås: opsig senest"))

            let tender = try await architect.get("/bindinger/exitplaner/\(f.exitPlan)/udbudskrav")
            #expect(tender.body.contains("Ingen tilføjelser, der kun virker i én kontorpakke"))
            #expect(tender.body.contains("Exitbistand og tilbagelevering af data"))
            #expect(tender.body.contains("Aarhus ESDH → Aarhus Suite › Aarhus Mail (Aarhus journalisér e-mails)"))
            let odt = try await architect.get("/bindinger/exitplaner/\(f.exitPlan)/udbudskrav.odt")
            #expect(odt.headers.contentType?.description.contains("opendocument.text") == true && odt.body.hasPrefix("PK"))
        }
    }

    @Test func architectsChangeTheRegisterAndEveryoneElseOnlyReads() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let f = try await BindingsFixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            var auditor = Browser(app)
            _ = try await auditor.login(world.auditorA.email)
            _ = try await auditor.get("/bindinger/systemer/\(f.system)")
            let form = ["target": "product:\(f.product)", "type": "document_template", "strength": "degraded", "functions": "Brevfletning\nSkabeloner"]
            #expect(try await auditor.post("/bindinger/systemer/\(f.system)/bindinger", form).status == .forbidden)
            #expect(try await auditor.post("/bindinger/bindinger/\(f.binding)/slet").status == .forbidden)
            #expect(try await Self.count("bindings", world.a.id, app) == 1)

            var (architect, architectID) = try await Nis2WebTests.person(app, world, "ark@aarhus.example", "Arne Arkitekt", [.architect])
            _ = try await architect.get("/bindinger/systemer/\(f.system)")
            #expect(try await architect.post("/bindinger/systemer/\(f.system)/bindinger", form).status == .seeOther)
            let scope = World.scope(world.a, world.adminA, [.architect])
            var bindings = try await BindingsRepository(db: app.db).landscape(in: scope).bindings
            let added = try #require(bindings.first { $0.type == .documentTemplate })
            #expect(added.functions == ["Brevfletning", "Skabeloner"] && added.strength == .degraded && added.verifiedAt == nil)

            _ = try await architect.get("/bindinger/systemer/\(f.system)")
            _ = try await architect.post("/bindinger/bindinger/\(added.id)/verificer")
            bindings = try await BindingsRepository(db: app.db).landscape(in: scope).bindings
            #expect(bindings.first { $0.id == added.id }?.verifiedBy == architectID)
            let page = try await architect.get("/bindinger/systemer/\(f.system)")
            #expect(page.body.contains("(Arne Arkitekt)"))
            // The vendor group behind the system, with its lock-in.
            #expect(page.body.contains("Leverandørerne bag systemet") && page.body.contains("Aarhus Software Inc</a></td><td class=\"level-red\""))

            // A bad number is refused with the field named, and nothing is stored.
            var bad = form
            bad["removal_cost"] = "mange"
            _ = try await architect.post("/bindinger/systemer/\(f.system)/bindinger", bad)
            #expect(try await architect.get("/bindinger/systemer/\(f.system)").body.contains("Ugyldigt felt removal_cost"))
            #expect(try await Self.count("bindings", world.a.id, app) == 2)

            // A product with what leaving it needs to know.
            _ = try await architect.get("/bindinger/leverandoerer/\(f.vendor)")
            _ = try await architect.post("/bindinger/leverandoerer/\(f.vendor)/produkter", ["name": "Aarhus Kontor", "category": "office suite", "delivery": "saas",
                "licence": "open_source", "open_standards": "ODF, PDF/A", "export_formats": "ODT"])
            #expect(try await architect.get("/bindinger/leverandoerer/\(f.vendor)").body.contains("Aarhus Kontor</a> (office suite · SaaS · open source · åbne standarder: ODF, PDF/A · eksport: ODT)"))
            _ = try await architect.post("/bindinger/leverandoerer/\(f.vendor)/produkter", ["name": "Forkert", "delivery": "i skyen"])
            #expect(try await architect.get("/bindinger/leverandoerer/\(f.vendor)").body.contains("Ugyldigt felt delivery"))

            _ = try await architect.post("/bindinger/bindinger/\(added.id)/slet")
            #expect(try await Self.count("bindings", world.a.id, app) == 1)
            let actions = try await AuditLog(db: app.db).entries(in: World.scope(world.a, world.adminA, [.administrator]), limit: 50).map(\.action)
            #expect(actions.contains(AuditAction.bindingSaved.rawValue) && actions.contains(AuditAction.bindingVerified.rawValue) && actions.contains(AuditAction.bindingDeleted.rawValue))
        }
    }

    @Test func exitPlansAreApprovedByManagementOnlyAndAChangeNeedsApprovalAgain() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let f = try await BindingsFixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            var (architect, _) = try await Nis2WebTests.person(app, world, "ark@aarhus.example", "Arne Arkitekt", [.architect])
            _ = try await architect.get("/bindinger/exitplaner")
            let created = try await architect.post("/bindinger/exitplaner", ["title": "Ud af Aarhus Suite", "target": "product:\(f.product)",
                "contract_id": f.contract.uuidString, "departments[]": "Borgerservice", "planned_done": "2030-01-01"])
            let id = try Nis2WebTests.id(created.location)
            let page = try await architect.get("/bindinger/exitplaner/\(id)")
            // Planned after the contract's only exit (it does not renew): the window is missed.
            #expect(page.body.contains("Når ikke exitvinduet") && page.body.contains("intet senere vindue"))
            _ = try await architect.post("/bindinger/exitplaner/\(id)/godkend")
            #expect(try await architect.get("/bindinger/exitplaner/\(id)").body.contains("only members of the management body can approve"))
            let scope = World.scope(world.a, world.adminA, [.architect])
            #expect(try await BindingsRepository(db: app.db).exitPlan(id, in: scope).approvedAt == nil)

            var (director, _) = try await Nis2WebTests.person(app, world, "dir@aarhus.example", "Dorte Direktør", [.managementMember])
            _ = try await director.get("/bindinger/exitplaner/\(id)")
            _ = try await director.post("/bindinger/exitplaner/\(id)/godkend")
            #expect(try await BindingsRepository(db: app.db).exitPlan(id, in: scope).approvedAt == fixedNow)
            #expect(try await director.get("/bindinger/exitplaner/\(id)").body.contains("Godkendt af ledelsen") )

            // Saving the same plan keeps the approval; a changed plan needs it again.
            let same = ["title": "Ud af Aarhus Suite", "target": "product:\(f.product)", "contract_id": f.contract.uuidString, "departments[]": "Borgerservice",
                        "planned_done": "2030-01-01"]
            _ = try await architect.get("/bindinger/exitplaner/\(id)")
            _ = try await architect.post("/bindinger/exitplaner/\(id)", same)
            #expect(try await BindingsRepository(db: app.db).exitPlan(id, in: scope).approvedAt == fixedNow)
            var changed = same
            changed["phases"] = "1. Pilot"
            _ = try await architect.post("/bindinger/exitplaner/\(id)", changed)
            #expect(try await BindingsRepository(db: app.db).exitPlan(id, in: scope).approvedAt == nil)
        }
    }

    @Test func csvImportIsOneTransactionWithLocatedErrorsAndTheExportReadsBack() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var (architect, _) = try await Nis2WebTests.person(app, world, "ark@aarhus.example", "Arne Arkitekt", [.architect])
            _ = try await architect.get("/bindinger/import")
            let systems = "system,kind,owner,used_by,users,criticality\nESDH,system,Digitalisering,Borgerservice; Jobcenter,800,critical\nSkabeloner,system,Borgerservice,,120,medium\n"
            let vendors = "vendor,cvr,country,parent,non_eu_compellable,open_source\nMicrosoft Ireland,IE8256796U,IE,Microsoft Corporation,ja,nej\nMicrosoft Corporation,,US,,ja,nej\n"
            let bindings = """
                system,vendor,product,product_category,component,type,scope,strength,substitutability,functions,workaround,removal_cost,removal_effort_days,evidence
                ESDH,Microsoft Ireland,Microsoft 365,office suite,Outlook,client_add_in,administrative_process,hard,none,Journalisér e-mails,,450000,60,Test
                Skabeloner,Microsoft Ireland,Microsoft 365,office suite,Word,document_template,,hard,,Brevfletning,,,,

                """
            for (name, text) in [("systemer.csv", systems), ("leverandoerer.csv", vendors), ("bindinger.csv", bindings)] {
                let res = try await architect.upload("/bindinger/import/csv", files: [("file", name, Array(text.utf8))])
                #expect(res.status == .seeOther)
                #expect(try await architect.get("/bindinger/import").body.contains("\(name) er indlæst"), "\(name)")
            }
            let scope = World.scope(world.a, world.adminA, [.architect])
            let l = try await BindingsRepository(db: app.db).landscape(in: scope)
            #expect(l.bindings.count == 2 && l.components.count == 2 && l.products.count == 1)
            #expect(l.vendors.first { $0.name == "Microsoft Ireland" }?.parentID == l.vendors.first { $0.name == "Microsoft Corporation" }?.id)
            #expect(l.usages.first { $0.name == "ESDH" }?.usedBy == ["Borgerservice", "Jobcenter"])

            // Re-importing the export changes nothing and duplicates nothing.
            let exported = try await architect.get("/bindinger/eksport/bindinger.csv").body
            #expect(exported.contains("Journalisér e-mails") && exported.hasPrefix("system,vendor,product"))
            _ = try await architect.upload("/bindinger/import/csv", files: [("file", "bindinger.csv", Array(exported.utf8))])
            #expect(try await Self.count("bindings", world.a.id, app) == 2)
            #expect(try await architect.get("/bindinger/eksport/bindinger.csv").body == exported)

            // A bad row on line 3 refuses the whole file: line 2's new binding is not stored either.
            let bad = "system,vendor,type,strength\nESDH,Microsoft Corporation,identity,hard\nUkendt,Microsoft Corporation,identity,hard\n"
            _ = try await architect.upload("/bindinger/import/csv", files: [("file", "ny.csv", Array(bad.utf8))])
            let page = try await architect.get("/bindinger/import")
            #expect(page.body.contains("Intet er ændret. ny.csv:3:1 (system): no system named"))
            #expect(try await Self.count("bindings", world.a.id, app) == 2)
            let malformed = "vendor,country\nAcme,Danmark\n"
            _ = try await architect.upload("/bindinger/import/csv", files: [("file", "lev.csv", Array(malformed.utf8))])
            #expect(try await architect.get("/bindinger/import").body.contains("lev.csv:2:2 (country)"))
        }
    }

    @Test func kitosFilesAreImportedThroughThePageAndBadJSONChangesNothing() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var (architect, _) = try await Nis2WebTests.person(app, world, "ark@aarhus.example", "Arne Arkitekt", [.architect])
            _ = try await architect.get("/bindinger/import")
            let files: [(field: String, name: String, bytes: [UInt8])] = [
                ("files[]", "it-system-usages.json", Array(KitosImportTests.usages.utf8)), ("files[]", "it-contracts.json", Array(KitosImportTests.contracts.utf8)),
            ]
            _ = try await architect.upload("/bindinger/import/kitos", files: files)
            #expect(try await architect.get("/bindinger/import").body.contains("KITOS er indlæst: 2 nye og 0 opdaterede systemer"))
            _ = try await architect.upload("/bindinger/import/kitos", files: files)
            let again = try await architect.get("/bindinger/import")
            #expect(again.body.contains("0 nye og 2 opdaterede systemer") && again.body.contains("Sidst indlæst fra KITOS"))
            let before = try await Self.count("assets", world.a.id, app)
            let broken = KitosImportTests.usages.replacingOccurrences(of: "\"Yes\"", with: "\"Måske\"")
            _ = try await architect.upload("/bindinger/import/kitos", files: [("files[]", "it-system-usages.json", Array(broken.utf8))])
            let refused = try await architect.get("/bindinger/import")
            #expect(refused.body.contains("Intet er ændret. it-system-usages.json:") && refused.body.contains("gdpr.businessCritical"))
            #expect(try await Self.count("assets", world.a.id, app) == before)
            _ = try await architect.upload("/bindinger/import/kitos", files: [("files[]", "noget.json", Array("[]".utf8))])
            #expect(try await architect.get("/bindinger/import").body.contains("noget.json: ukendt fil"))
            // Without a CSRF token nothing is read.
            #expect(try await architect.upload("/bindinger/import/kitos", files: files, csrf: "forkert").status == .forbidden)
        }
    }

    @Test func theOfficeSuiteMoveJoinsTheLicenceProfileAndUsersAreForLicenceAdministrators() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            _ = try await LicenceFixtures.snapshotForA(world, app)  // one E3 user in Borgerservice
            let f = try await BindingsFixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            var (architect, _) = try await Nis2WebTests.person(app, world, "ark@aarhus.example", "Arne Arkitekt", [.architect])
            let page = try await architect.get("/bindinger/kontorpakke?maal=product:\(f.product)")
            #expect(page.body.contains("Borgerservice") && page.body.contains("blokeret") && page.body.contains("Aarhus ESDH: Aarhus journalisér e-mails"))
            #expect(!page.body.contains("/bindinger/kontorpakke/brugere"))
            #expect(try await architect.get("/bindinger/kontorpakke/brugere?afdeling=Borgerservice").status == .forbidden)

            var licences = Browser(app)
            _ = try await licences.login(world.licenceAdminA.email)
            let users = try await licences.get("/bindinger/kontorpakke/brugere?afdeling=Borgerservice&maal=product:\(f.product)")
            #expect(users.status == .ok && users.body.contains("anna.andersen@aarhus.example") && users.body.contains("blokeret"))
            let actions = try await AuditLog(db: app.db).entries(in: World.scope(world.a, world.adminA, [.administrator]), limit: 20).map(\.action)
            #expect(actions.contains(AuditAction.personalDataViewed.rawValue))
        }
    }

    @Test func theCalendarFeedCarriesTheExitWindows() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let nis2 = try await Nis2Fixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            let f = try await BindingsFixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            var browser = Browser(app)
            let feed = try await browser.get("/kalender/\(nis2.calendarSecret).ics")
            #expect(feed.status == .ok)
            let unfolded = feed.body.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("UID:exit-notice-\(f.contract.uuidString.lowercased())"))
            #expect(unfolded.contains("SUMMARY:Opsigelsesfrist: Aarhus kontrakt"))
            #expect(unfolded.contains("/bindinger/kontrakter/\(f.contract)"))
        }
    }

    @Test func theAPIGivesTheGraphTheScoresTheBlastRadiusAndTheWindows() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let f = try await BindingsFixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            var browser = Browser(app)
            let auth: HTTPHeaders = ["Authorization": "Bearer \(world.tokenA)"]
            let base = "/api/v1/organisations/\(world.a.code)/bindings"
            let landscape = try await browser.request(.GET, "\(base)/landscape", headers: auth)
            let l = try JSONDecoder().decode(BindingsAPIController.LandscapeDTO.self, from: Data(landscape.body.utf8))
            #expect(l.bindings.map(\.id) == [f.binding] && l.bindings[0].targetKind == "component" && l.usages[0].usedBy == ["Borgerservice"])
            let radius = try await browser.request(.GET, "\(base)/blast-radius?target=component:\(f.component)", headers: auth)
            #expect(radius.status == .ok && radius.body.contains("\"usersHard\":300"))
            #expect(try await browser.request(.GET, "\(base)/blast-radius?target=nonsense", headers: auth).status == .badRequest)
            #expect(try await browser.request(.GET, "\(base)/blast-radius?target=component:\(UUID())", headers: auth).status == .notFound)
            let scores = try await browser.request(.GET, "\(base)/lock-in", headers: auth)
            #expect(scores.body.contains("\"level\":\"red\"") && scores.body.contains("Aarhus Software Inc"))
            let windows = try await browser.request(.GET, "\(base)/exit-windows", headers: auth)
            #expect(windows.body.contains(f.contract.uuidString) && windows.body.contains(f.binding.uuidString))
            let plans = try await browser.request(.GET, "\(base)/exit-plans", headers: auth)
            #expect(plans.body.contains("\"feasibility\":\"feasible\""))
        }
    }

    @Test func lockInMeasurementsMakeATrend() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let f = try await BindingsFixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            var auditor = Browser(app)
            _ = try await auditor.login(world.auditorA.email)
            _ = try await auditor.get("/bindinger/indlaasning")
            #expect(try await auditor.post("/bindinger/indlaasning").status == .seeOther)
            let scope = World.scope(world.a, world.adminA, [.auditor])
            let history = try await BindingsRepository(db: app.db).lockInHistory(of: .vendor(f.vendor), in: scope)
            #expect(history.count == 2 && history.allSatisfy { $0.level == "red" })
            #expect(try await auditor.get("/bindinger/leverandoerer/\(f.vendor)").body.contains("Udvikling"))
        }
    }
}
