import Community
import Fluent
import FluentKit
import Foundation
import Persistence
import Resilience
import Testing
import Vapor

@testable import Web

/// The NIS2 register through the real app: assets and BIA, risks and the matrix, measures and
/// evidence, approvals by management only, plans with call trees and exercises, registration and its
/// 14-day task, the dashboard, printable reports and the calendar feed.
@Suite struct Nis2WebTests {
    /// Adds roles to a new person of Aarhus and returns a signed-in browser.
    static func person(_ app: Application, _ world: World, _ email: String, _ name: String, _ roles: [Role]) async throws -> (Browser, UUID) {
        let user = try await UserRepository(db: app.db).create(email: email, displayName: name, passwordHash: try await Accounts.hash(World.password, on: app))
        let sys = TenantScope(organisationID: world.a.id, organisationKind: .municipality, userID: world.adminA.id, roles: [], isSystemAdministrator: true)
        for role in roles { try await MembershipRepository(db: app.db).add(userID: user.id, role: role, in: sys) }
        var browser = Browser(app)
        _ = try await browser.login(email)
        return (browser, user.id)
    }

    static func id(_ location: String?) throws -> UUID {
        let path = try #require(location)
        return try #require(UUID(uuidString: String(path.split(separator: "/").last!)))
    }

    @Test func assetsCarryTheImpactAnalysisAndWarnWhenItDoesNotHoldTogether() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var (officer, _) = try await Self.person(app, world, "sik@aarhus.example", "Sif Sikkerhed", [.securityOfficer])
            #expect(try await officer.get("/nis2/aktiver").body.contains("Ingen aktiver endnu"))
            let system = try Self.id(try await officer.post("/nis2/aktiver", ["kind": "system", "name": "Omsorgssystem", "criticality": "critical"]).location)
            let process = try Self.id(try await officer.post("/nis2/aktiver", ["kind": "process", "name": "Medicinhåndtering i hjemmeplejen"]).location)
            _ = try await officer.get("/nis2/aktiver/\(system)")
            _ = try await officer.post("/nis2/aktiver/\(system)", ["kind": "system", "name": "Omsorgssystem", "criticality": "critical", "rto_hours": "12", "rpo_hours": "1"])
            _ = try await officer.get("/nis2/aktiver/\(process)")
            _ = try await officer.post("/nis2/aktiver/\(process)", ["kind": "process", "name": "Medicinhåndtering i hjemmeplejen", "criticality": "critical",
                "mtpd_hours": "6", "rto_hours": "4,5", "rpo_hours": "2", "kle": "27.36.08", "depends_on[]": system.uuidString,
                "manual_fallback": "Papirlister fra apoteket"])
            let list = try await officer.get("/nis2/aktiver").body
            #expect(list.contains("27.36.08") && list.contains("4,5 t"))
            // The system recovers in 12 h but the process that depends on it must be back in 4.5 h.
            #expect(list.contains("Omsorgssystem kan først være genetableret efter sin RTO, men Medicinhåndtering i hjemmeplejen kræver højst 4,5 t."))
            let page = try await officer.get("/nis2/aktiver/\(system)").body
            #expect(page.contains("Medicinhåndtering i hjemmeplejen"))  // "used by"
            // A bad number is refused with the field named and nothing changes.
            _ = try await officer.post("/nis2/aktiver/\(process)", ["kind": "process", "name": "X", "rto_hours": "fire"])
            #expect(try await officer.get("/nis2/aktiver/\(process)").body.contains("Ugyldigt felt rto_hours"))
            let scope = World.scope(world.a, world.adminA, [.securityOfficer])
            #expect(try await ResilienceRepository(db: app.db).asset(process, in: scope).name == "Medicinhåndtering i hjemmeplejen")
            // An auditor reads but cannot change.
            var auditor = Browser(app)
            _ = try await auditor.login("revisor@aarhus.example")
            #expect(try await auditor.get("/nis2/aktiver").body.contains("Omsorgssystem"))
            #expect(try await auditor.post("/nis2/aktiver", ["kind": "system", "name": "x"]).status == .forbidden)
        }
    }

    @Test func risksUseTheMatrixWhichFreezesAndOnlyManagementAccepts() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var (officer, _) = try await Self.person(app, world, "sik@aarhus.example", "Sif Sikkerhed", [.securityOfficer])
            var (director, directorID) = try await Self.person(app, world, "dir@aarhus.example", "Dorte Direktør", [.managementMember])
            _ = try await officer.get("/nis2/risici")
            // Before any assessment the matrix may change: a 3 × 3 with its own levels.
            _ = try await officer.post("/nis2/risikomatrix", ["levels": "1 2 3\n2 4 6\n3 6 9"])
            _ = try await officer.get("/nis2/risici")
            _ = try await officer.post("/nis2/risikomatrix", ["levels": "1 2 x\n2 4 6"])
            #expect(try await officer.get("/nis2/risici").body.contains("line 1, column 3"))
            let created = try await officer.post("/nis2/risici", ["title": "Strømmen går på rådhuset", "inherent_likelihood": "3", "inherent_impact": "2",
                "residual_likelihood": "1", "residual_impact": "2", "treatment": "reduce", "due_on": "2026-06-30"])
            let risk = try Self.id(created.location)
            var page = try await officer.get("/nis2/risici/\(risk)").body
            #expect(page.contains("6 (sandsynlighed 3 × konsekvens 2)"))  // rule 7: level = matrix[3][2]
            #expect(page.contains("Kun et medlem af ledelsen kan acceptere restrisikoen."))
            let register = try await officer.get("/nis2/risici").body
            #expect(register.contains("Matricen bruges af 1 vurderinger og kan ikke ændres"))
            #expect(register.contains("Varmekort over restrisiko"))
            // Rule 7: the used matrix cannot change in place …
            let scope = World.scope(world.a, world.adminA, [.securityOfficer])
            let repo = ResilienceRepository(db: app.db)
            await #expect(throws: RepositoryError.self) { try await repo.setMatrix(levels: [[1, 1], [1, 1]], in: scope, now: fixedNow) }
            // … but a new one can be made for new assessments; the old risk keeps its level.
            _ = try await officer.post("/nis2/risikomatrix", ["levels": "1 1\n1 1", "as_new": "1"])
            #expect(try await repo.risk(risk, in: scope).inherentLevel == 6)
            // Rule 8: a security officer cannot accept; a management member can.
            #expect(try await officer.post("/nis2/risici/\(risk)/accepter").status == .forbidden)
            _ = try await director.get("/nis2/risici/\(risk)")
            _ = try await director.post("/nis2/risici/\(risk)/accepter")
            page = try await director.get("/nis2/risici/\(risk)").body
            #expect(page.contains("af Dorte Direktør"))
            #expect(try await repo.risk(risk, in: scope).record.acceptedBy == directorID)
            // A changed residual assessment needs acceptance again.
            _ = try await officer.get("/nis2/risici/\(risk)")
            _ = try await officer.post("/nis2/risici/\(risk)", ["title": "Strømmen går på rådhuset", "inherent_likelihood": "3", "inherent_impact": "2",
                "residual_likelihood": "2", "residual_impact": "2", "treatment": "reduce"])
            #expect(try await repo.risk(risk, in: scope).record.acceptedAt == nil)
            #expect(try await repo.risk(risk, in: scope).residualLevel == 4)
        }
    }

    @Test func measuresWithEvidenceAndApprovalByManagementOnly() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var (officer, _) = try await Self.person(app, world, "sik@aarhus.example", "Sif Sikkerhed", [.securityOfficer])
            var (director, _) = try await Self.person(app, world, "dir@aarhus.example", "Dorte Direktør", [.managementMember])
            var overview = try await officer.get("/nis2/foranstaltninger").body
            #expect(overview.contains("driftskontinuitet"))
            _ = try await officer.post("/nis2/foranstaltninger", ["catalogue_ref": "art21:z", "title": "X", "status": "planned"])
            #expect(try await officer.get("/nis2/foranstaltninger").body.contains("not in the catalogue"))
            let measure = try Self.id(try await officer.post("/nis2/foranstaltninger", ["catalogue_ref": "iso:8.13", "title": "Daglig backup af ESDH",
                "status": "implemented", "review_due": "2027-03-01", "evidence_link": "https://intranet.example/backup"]).location)
            overview = try await officer.get("/nis2/foranstaltninger").body
            #expect(overview.contains("Daglig backup af ESDH"))  // counted under point c through Annex A 8.13
            // Evidence upload: the CSRF token is required, then the file is stored and downloads as an attachment.
            _ = try await officer.get("/nis2/foranstaltninger/\(measure)")
            #expect(try await officer.upload("/nis2/foranstaltninger/\(measure)/dokumentation", files: [("file", "restore-test.txt", Array("gendannet".utf8))],
                csrf: "wrong").status == .forbidden)
            _ = try await officer.get("/nis2/foranstaltninger/\(measure)")
            _ = try await officer.upload("/nis2/foranstaltninger/\(measure)/dokumentation", files: [("file", "restore-test.txt", Array("gendannet".utf8))])
            let scope = World.scope(world.a, world.adminA, [.securityOfficer])
            let evidence = try #require(try await ResilienceRepository(db: app.db).evidence(in: scope).first)
            #expect(try await officer.get("/nis2/foranstaltninger/\(measure)").body.contains("restore-test.txt"))
            let download = try await officer.get("/nis2/dokumentation/\(evidence.id)")
            #expect(download.body == "gendannet")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            // Rule 8 for measures.
            #expect(try await officer.post("/nis2/foranstaltninger/\(measure)/godkend").status == .forbidden)
            _ = try await director.get("/nis2/foranstaltninger/\(measure)")
            _ = try await director.post("/nis2/foranstaltninger/\(measure)/godkend")
            #expect(try await director.get("/nis2/foranstaltninger/\(measure)").body.contains("af Dorte Direktør"))
            // A status change needs approval again.
            _ = try await officer.get("/nis2/foranstaltninger/\(measure)")
            _ = try await officer.post("/nis2/foranstaltninger/\(measure)", ["catalogue_ref": "iso:8.13", "title": "Daglig backup af ESDH", "status": "in_progress"])
            #expect(try await ResilienceRepository(db: app.db).measure(measure, in: scope).approvedAt == nil)
        }
    }

    @Test func planWithCallTreeExercisePrintAndODT() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var (officer, _) = try await Self.person(app, world, "sik@aarhus.example", "Sif Sikkerhed", [.securityOfficer])
            let scope = World.scope(world.a, world.adminA, [.securityOfficer])
            let repo = ResilienceRepository(db: app.db)
            var input = ResilienceRepository.AssetInput(kind: "process", name: "Medicinhåndtering")
            (input.mtpdHours, input.rtoHours, input.rpoHours) = (24, 4, 1)
            let asset = try await repo.saveAsset(input, in: scope, now: fixedNow)
            _ = try await officer.get("/nis2/beredskab")
            let plan = try Self.id(try await officer.post("/nis2/beredskab", ["title": "Omsorgssystemet er nede", "asset": asset.uuidString,
                "steps": "Ring til vagthavende\nHent papirlister\n\nGiv borgerne besked", "fallback_channel": "Mødested: rådhusets kantine", "revised_on": "2026-01-15"]).location)
            _ = try await officer.get("/nis2/beredskab/\(plan)")
            _ = try await officer.post("/nis2/beredskab/\(plan)/kaldetrae", ["name": "Vagthavende IT", "role": "IT-vagt", "phone": "+45 87 13 00 00"])
            let head = try #require(try await repo.contacts(plan, in: scope).first).id
            _ = try await officer.post("/nis2/beredskab/\(plan)/kaldetrae", ["name": "Leder af hjemmeplejen", "phone": "+45 20 30 40 50", "parent": head.uuidString,
                "alt_phone": "privat 22 33 44 55"])
            _ = try await officer.post("/nis2/beredskab/\(plan)/kaldetrae", ["name": "X", "phone": "ring mig"])
            #expect(try await officer.get("/nis2/beredskab/\(plan)").body.contains("Ugyldigt felt phone"))
            // Rule 11: targets met is computed from the asset's RTO/RPO.
            _ = try await officer.post("/nis2/beredskab/\(plan)/oevelser", ["held_on": "2026-02-20", "method": "tabletop", "achieved_rto_hours": "5", "achieved_rpo_hours": "1"])
            _ = try await officer.post("/nis2/beredskab/\(plan)/oevelser", ["held_on": "2026-02-27", "method": "simulation", "achieved_rto_hours": "3", "achieved_rpo_hours": "0,5"])
            let exercises = try await repo.exercises(in: scope)
            #expect(exercises.map(\.targetsMet) == [false, true])
            _ = try await officer.post("/nis2/beredskab/\(plan)/oevelser", ["held_on": "2026-04-01", "method": "tabletop"])
            #expect(try await officer.get("/nis2/beredskab/\(plan)").body.contains("in the future"))
            let printed = try await officer.get("/nis2/beredskab/\(plan)/udskrift")
            #expect(printed.status == .ok)
            #expect(!printed.body.contains("main-nav"))
            #expect(printed.body.contains("Vagthavende IT") && printed.body.contains("+45 20 30 40 50") && printed.body.contains("privat 22 33 44 55"))
            // The person called by the head of the tree is nested under them.
            let nested = try #require(printed.body.range(of: "Vagthavende IT")).upperBound
            #expect(printed.body[nested...].contains("<ol"))
            #expect(printed.body.contains("<li>Hent papirlister</li>"))
            let odt = try await officer.get("/nis2/beredskab/\(plan)/plan.odt")
            #expect(odt.headers.contentType?.description.hasPrefix("application/vnd.oasis.opendocument.text") == true)
            #expect(odt.body.hasPrefix("PK"))
            // Removing the head moves the people they called up.
            _ = try await officer.get("/nis2/beredskab/\(plan)")
            _ = try await officer.post("/nis2/beredskab/\(plan)/kaldetrae/\(head)/fjern")
            let contacts = try await repo.contacts(plan, in: scope)
            #expect(contacts.map(\.name) == ["Leder af hjemmeplejen"] && contacts[0].parentId == nil)
            // An exercise needs the asset's targets.
            let bare = try await repo.savePlan(.init(assetId: nil, title: "Uden aktiv"), in: scope, now: fixedNow)
            _ = try await officer.post("/nis2/beredskab/\(bare)/oevelser", ["held_on": "2026-02-20", "method": "tabletop"])
            #expect(try await officer.get("/nis2/beredskab/\(bare)").body.contains("needs an RTO and RPO"))
        }
    }

    @Test func registrationChangeCreatesATaskDueIn14Days() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var (officer, _) = try await Self.person(app, world, "sik@aarhus.example", "Sif Sikkerhed", [.securityOfficer])
            let form = ["name": "Aarhus Kommune", "address": "Rådhuspladsen 2, 8000 Aarhus C", "email": "nis2@aarhus.example", "phone": "89402000",
                        "ip_ranges": "192.0.2.0/24\n2001:db8::/32", "sector": "Offentlig forvaltning"]
            _ = try await officer.get("/nis2/registrering")
            _ = try await officer.post("/nis2/registrering", form)
            let scope = World.scope(world.a, world.adminA, [.securityOfficer])
            let repo = ResilienceRepository(db: app.db)
            #expect(try await repo.tasks(in: scope).isEmpty)  // the first registration is not a change
            var bad = form
            bad["ip_ranges"] = "192.0.2.0/24\n10.0.0.300/8"
            _ = try await officer.post("/nis2/registrering", bad)
            #expect(try await officer.get("/nis2/registrering").body.contains("line 2"))
            #expect(try await repo.tasks(in: scope).isEmpty)
            var changed = form
            changed["phone"] = "89402100"
            _ = try await officer.post("/nis2/registrering", changed)
            let task = try #require(try await repo.tasks(in: scope).first)
            #expect(task.dueOn == "2026-03-15")  // 1 March + 14 days
            #expect(try await officer.get("/nis2").body.contains("Opdatér NIS2-registreringen"))
            _ = try await officer.get("/nis2/registrering")
            _ = try await officer.post("/nis2/registrering/gennemgang", ["item": "policy", "reviewed_on": "2026-02-10"])
            #expect(try await repo.registration(in: scope)?.policyReviewedOn == "2026-02-10")
            _ = try await officer.get("/nis2/registrering")
            _ = try await officer.post("/nis2/opgaver/\(task.id)/udfoert")
            #expect(try await repo.tasks(in: scope).first?.doneAt == fixedNow)
        }
    }

    @Test func dashboardBoardReportAndCalendarFeed() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var (officer, officerID) = try await Self.person(app, world, "sik@aarhus.example", "Sif Sikkerhed", [.securityOfficer])
            let scope = World.scope(world.a, world.adminA, [.securityOfficer])
            let incident = try await IncidentRepository(db: app.db).create(title: "Ransomware på filserver", description: "", severity: "critical",
                awareAt: fixedNow.addingTimeInterval(-2 * 3600), by: officerID, in: scope, now: fixedNow)
            try await IncidentRepository(db: app.db).decideSignificance(incident, significant: true, justification: "", by: officerID, in: scope, now: fixedNow)
            var measure = ResilienceRepository.MeasureInput(catalogueRef: "art21:j", title: "MFA for alle")
            measure.reviewDue = "2026-02-01"
            _ = try await ResilienceRepository(db: app.db).saveMeasure(measure, in: scope, now: fixedNow)
            let dashboard = try await officer.get("/nis2").body
            #expect(dashboard.contains("Ransomware på filserver"))
            #expect(dashboard.contains("Tidlig varsling (24 timer): om 22 t 0 min"))
            #expect(dashboard.contains("Gennemgang af foranstaltning: MFA for alle"))  // overdue review (rule 9)
            #expect(dashboard.contains("Art. 21, stk. 2, uden foranstaltning: a, b, c, d, e, f, g, h, i"))
            let board = try await officer.get("/nis2/ledelsesrapport")
            #expect(board.status == .ok && board.body.contains("NIS2-status til ledelsen") && board.body.contains("1 registreret, heraf 1 væsentlige"))
            #expect(try await officer.get("/nis2/ledelsesrapport.odt").body.hasPrefix("PK"))
            #expect(try await officer.get("/nis2/haendelser/\(incident)/rapport").body.contains("FORTROLIGT"))
            // The calendar: the URL is shown once; the feed needs no session.
            _ = try await officer.get("/nis2/kalender")
            _ = try await officer.post("/nis2/kalender")
            let page = try await officer.get("/nis2/kalender").body
            let url = try #require(page.range(of: "/kalender/cal_").map { String(page[$0.lowerBound...].prefix(while: { $0 != "<" })) })
            #expect(!(try await officer.get("/nis2/kalender").body.contains(url)))
            var anonymous = Browser(app)
            let feed = try await anonymous.get(url)
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.description.hasPrefix("text/calendar") == true)
            #expect(feed.body.contains("SUMMARY:Tidlig varsling (24 timer): Ransomware på filserver"))
            #expect(feed.body.contains("DTSTART:20260302T080000Z"))  // aware 08:00Z + 24 h
            #expect(try await anonymous.get(url.replacingOccurrences(of: "cal_", with: "cal_x")).status == .notFound)
            // A new address revokes the old; a disabled person's address stops working.
            _ = try await officer.post("/nis2/kalender")
            #expect(try await anonymous.get(url).status == .notFound)
            let fresh = try await officer.get("/nis2/kalender").body
            let url2 = try #require(fresh.range(of: "/kalender/cal_").map { String(fresh[$0.lowerBound...].prefix(while: { $0 != "<" })) })
            #expect(try await anonymous.get(url2).status == .ok)
            try await UserRepository(db: app.db).setDisabled(true, id: officerID)
            #expect(try await anonymous.get(url2).status == .notFound)
        }
    }

    @Test func apiRegistersAndListsIncidentsAndReadsTheRegister() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            _ = try await Nis2Fixture.seed(app, org: world.a, user: world.adminA, label: "Aarhus")
            var api = Browser(app)
            // The administrator's token reads but may not register incidents.
            let headers: HTTPHeaders = ["Authorization": "Bearer \(world.tokenA)", "Content-Type": "application/json"]
            #expect(try await api.request(.POST, "/api/v1/organisations/0751/nis2/incidents", headers: headers).status == .forbidden)
            let risks = try await api.request(.GET, "/api/v1/organisations/0751/nis2/risks", headers: headers)
            #expect(risks.status == .ok && risks.body.contains("\"level\":20") && risks.body.contains("Aarhus risiko"))
            let plans = try await api.request(.GET, "/api/v1/organisations/0751/nis2/plans", headers: headers)
            let planID = try #require(plans.body.range(of: "\"id\":\"").map { String(plans.body[$0.upperBound...].prefix(36)) })
            let plan = try await api.request(.GET, "/api/v1/organisations/0751/nis2/plans/\(planID)", headers: headers)
            #expect(plan.body.contains("Aarhus kontakt") && plan.body.contains("callTree"))
            #expect(try await api.request(.GET, "/api/v1/organisations/0751/nis2/measures", headers: headers).body.contains("\"citation\":\"Art. 21(2)(c)\""))
        }
    }
}

@Suite struct ReminderTests {
    static func deadline(_ key: String, hoursFromNow: Double, allDay: Bool) -> Deadline {
        Deadline(key: key, subject: .registration, title: key, due: fixedNow.addingTimeInterval(hoursFromNow * 3600), allDay: allDay,
            overdue: hoursFromNow < 0)
    }

    @Test func remindersAreDueBeforeTheDeadlineAndWhenOverdueOnce() {
        let deadlines = [
            Self.deadline("ew", hoursFromNow: 11, allDay: false),  // reporting deadline within 12 h: soon
            Self.deadline("notification", hoursFromNow: 13, allDay: false),  // not yet
            Self.deadline("review", hoursFromNow: 13 * 24, allDay: true),  // day deadline within 14 days: soon
            Self.deadline("test", hoursFromNow: 15 * 24, allDay: true),  // not yet
            Self.deadline("task", hoursFromNow: -1, allDay: true),  // overdue
        ]
        #expect(Reminders.due(deadlines, sent: [], now: fixedNow).map(\.key) == ["ew|soon", "review|soon", "task|overdue"])
        // Sent once: not again; but an overdue stage after its "soon" reminder gets its own.
        #expect(Reminders.due(deadlines, sent: ["ew|soon", "review|soon", "task|overdue"], now: fixedNow).isEmpty)
        #expect(Reminders.due([Self.deadline("ew", hoursFromNow: -0.5, allDay: false)], sent: ["ew|soon"], now: fixedNow).map(\.key) == ["ew|overdue"])
    }

    @Test func aMailServerThatIsDownGivesTheRemindersBackForTheNextPass() async throws {
        // Nothing listens on this port: the send fails, nothing is recorded as sent.
        try await withApp(smtp: .init(host: "127.0.0.1", port: 1, from: "nis2@example.dk")) { app in
            _ = try await Operations.loadDemo(app)
            #expect(try await Reminders.run(app, now: fixedNow) == 0)
            let scope = TenantScope(organisationID: DemoData.municipalityID, organisationKind: .municipality, userID: DemoData.adminID, roles: [.securityOfficer])
            #expect(try await ReminderLog(db: app.db).sent(in: scope).isEmpty)
        }
    }
}
