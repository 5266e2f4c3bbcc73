import Bindings
import Community
import FluentKit
import Foundation
import SQLKit

/// The demo municipality's bindings: an ESDH with an Outlook add-in, a document-template system
/// bound to Word, management information on Power BI, single sign-on through Entra ID, a hosted
/// care system and a SOC on Defender. Microsoft's product names are real; the fagsystemer and
/// their vendors are fictitious. Builds on the NIS2 register's assets (one inventory).
public enum DemoLandscape {
    static let architect = DemoRegister.person(1)  // Lars Østergaard, architect

    public static func load(on db: any Database, now: Date) async throws {
        let scope = TenantScope(organisationID: DemoData.municipalityID, organisationKind: .municipality, userID: architect,
            roles: [.architect, .securityOfficer])
        let repo = BindingsRepository(db: db)
        let register = ResilienceRepository(db: db)
        let existing = Dictionary(try await register.assets(in: scope).map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        func existingAsset(_ prefix: String) -> UUID { existing.first { $0.key.hasPrefix(prefix) }!.value }
        func months(_ n: Int) -> Date { Calendar(identifier: .gregorian).date(byAdding: .month, value: n, to: now)! }

        // Vendors.
        func vendor(_ name: String, _ country: String, cvr: String = "", parent: UUID? = nil, compellable: Bool = false, openSource: Bool = false) async throws -> UUID {
            var v = BindingsRepository.VendorInput(name: name, country: country)
            (v.cvr, v.parentID, v.nonEUCompellable, v.openSource) = (cvr, parent, compellable, openSource)
            return try await repo.saveVendor(v, in: scope, now: now)
        }
        let microsoft = try await vendor("Microsoft Corporation", "US", compellable: true)
        let microsoftIreland = try await vendor("Microsoft Ireland Operations Ltd", "IE", parent: microsoft, compellable: true)
        let dokuNord = try await vendor("DokuNord A/S (fiktiv)", "DK", cvr: "99000001")
        let careNord = try await vendor("CareNord A/S (fiktiv)", "DK", cvr: "99000002")
        let skabelonhuset = try await vendor("Skabelonhuset ApS (fiktiv)", "DK", cvr: "99000003")
        let jobNord = try await vendor("JobNord ApS (fiktiv)", "DK", cvr: "99000004")
        let lonData = try await vendor("LønData A/S (fiktiv)", "DK", cvr: "99000005")
        let vagtNord = try await vendor("VagtNord Security A/S (fiktiv)", "DK", cvr: "99000006")

        // Products and components.
        let m365 = try await repo.saveProduct(vendorID: microsoftIreland, name: "Microsoft 365", category: "office suite",
            facts: .init(delivery: "saas", licence: "proprietary", openStandards: ["OOXML", "ODF (læse/skrive)", "PDF/A", "IMAP", "SMTP"],
                exportFormats: ["PST", "OOXML"]), in: scope)
        var c: [String: UUID] = [:]
        for name in ["Outlook", "Word", "Excel", "Teams", "SharePoint Online", "OneDrive", "Exchange Online"] {
            c[name] = try await repo.saveComponent(productID: m365, name: name, in: scope)
        }
        let entraProduct = try await repo.saveProduct(vendorID: microsoftIreland, name: "Microsoft Entra ID", category: "identity",
            facts: .init(delivery: "saas", licence: "proprietary", openStandards: ["SAML2", "OIDC", "SCIM"]), in: scope)
        c["Entra ID"] = try await repo.saveComponent(productID: entraProduct, name: "Entra ID (single sign-on)", in: scope)
        let powerBI = try await repo.saveProduct(vendorID: microsoftIreland, name: "Power BI", category: "BI", in: scope)
        let defender = try await repo.saveProduct(vendorID: microsoftIreland, name: "Microsoft Defender for Endpoint", category: "security", in: scope)
        _ = try await repo.saveProduct(vendorID: microsoftIreland, name: "Microsoft Intune", category: "security", in: scope)
        let dokuNordSag = try await repo.saveProduct(vendorID: dokuNord, name: "DokuNord Sag", category: "ESDH",
            facts: .init(delivery: "hosted", licence: "proprietary", openStandards: ["PDF/A", "SAML2"], exportFormats: ["XML", "PDF/A"]), in: scope)
        _ = try await repo.saveProduct(vendorID: careNord, name: "CareNord Omsorg", category: "fagsystem",
            facts: .init(delivery: "saas", licence: "proprietary", openStandards: ["SAML2"], exportFormats: ["CSV (delvis)"]), in: scope)

        // Usages: the register's systems plus the ones only Bindinger needs.
        let esdh = existingAsset("ESDH")
        let care = existingAsset("Omsorgssystem")
        let payroll = existingAsset("Lønsystem")
        func system(_ name: String, owner: String, criticality: String = "medium", description: String = "") async throws -> UUID {
            var a = ResilienceRepository.AssetInput(kind: "system", name: name)
            (a.owner, a.criticality, a.description) = (owner, criticality, description)
            return try await register.saveAsset(a, in: scope, now: now)
        }
        let templates = try await system("Skabelonsystem (fiktivt: Skabelonhuset Brevskabeloner)", owner: "Borgerservice",
            description: "Standardbreve og brevfletning til borgere; skabelonerne er Word-makroer.")
        let bi = try await system("Ledelsesinformation (Power BI)", owner: "Økonomi", description: "Månedlige rapporter til direktionen og udvalgene.")
        let jobcenter = try await system("Jobcenter-fagsystem (fiktivt: JobNord)", owner: "Jobcenter", criticality: "high",
            description: "Hostet fagsystem for beskæftigelsesindsatsen.")
        let soc = try await system("SOC-overvågning (fiktivt: VagtNord SOC)", owner: "IT", criticality: "high",
            description: "Ekstern SOC; alarmer fra Microsoft Defender på alle klienter.")
        _ = try await register.saveAsset({
            var a = ResilienceRepository.AssetInput(kind: "process", name: "Journalisering af e-mails")
            (a.owner, a.criticality, a.dependsOn) = ("Borgerservice", "high", [esdh])
            return a
        }(), in: scope, now: now)
        let office = ["Borgerservice", "Jobcenter", "Økonomi", "IT"]
        try await repo.saveUsage(esdh, users: 1100, usedBy: office, in: scope, now: now)
        try await repo.saveUsage(care, users: 440, usedBy: ["Hjemmeplejen"], in: scope, now: now)
        try await repo.saveUsage(payroll, users: 35, usedBy: ["Økonomi"], in: scope, now: now)
        try await repo.saveUsage(templates, users: 600, usedBy: ["Borgerservice", "Jobcenter", "Økonomi"], in: scope, now: now)
        try await repo.saveUsage(bi, users: 120, usedBy: ["Økonomi", "IT"], in: scope, now: now)
        try await repo.saveUsage(jobcenter, users: 240, usedBy: ["Jobcenter"], in: scope, now: now)
        try await repo.saveUsage(soc, users: 12, usedBy: ["IT"], in: scope, now: now)

        // Bindings.
        func bind(_ from: UUID, _ to: Target, _ type: BindingType, _ strength: Strength, _ sub: Substitutability, scope bindingScope: BindingScope = .fagsystem,
                  functions: [String], workaround: String = "", cost: Int? = nil, days: Double? = nil, evidence: String = "", verified: Bool = true) async throws {
            var b = BindingsRepository.BindingInput(assetID: from, target: to, type: type, strength: strength)
            (b.scope, b.substitutability, b.functions, b.workaround) = (bindingScope, sub, functions, workaround)
            (b.removalCost, b.removalEffortDays, b.evidence) = (cost, days, evidence)
            let id = try await repo.saveBinding(b, in: scope, now: now)
            if verified { try await repo.verifyBinding(id, in: scope, now: now) }
        }
        try await bind(esdh, .component(c["Outlook"]!), .clientAddIn, .hard, .none, scope: .administrativeProcess,
            functions: ["Journalisér e-mails fra Outlook", "Send sagsdokumenter som e-mail fra Outlook"], cost: 450_000, days: 60,
            evidence: "Test i Borgerservice marts 2026: uden Outlook kan e-mails ikke journaliseres.")
        try await bind(esdh, .component(c["Word"]!), .documentTemplate, .degraded, .otherVendor,
            functions: ["Flet sagsdata i dokumentskabeloner"], workaround: "DokuNord kan levere skabeloner i ODF (tilkøb).", cost: 120_000, days: 20)
        try await bind(esdh, .component(c["Entra ID"]!), .identity, .hard, .openStandard, scope: .securitySolution,
            functions: ["Fælles login"], workaround: "DokuNord Sag understøtter SAML 2.0 mod enhver identitetsudbyder.", cost: 40_000, days: 5)
        try await bind(templates, .component(c["Word"]!), .documentTemplate, .hard, .none, scope: .administrativeProcess,
            functions: ["Brevfletning", "Standardbreve til borgere"], cost: 300_000, days: 45, evidence: "Skabelonerne er VBA-makroer i .dotm-filer.")
        try await bind(bi, .product(powerBI), .licenceBundle, .hard, .otherVendor, functions: ["Månedlige ledelsesrapporter"], days: 30)
        try await bind(bi, .component(c["Entra ID"]!), .identity, .hard, .none, scope: .securitySolution, functions: ["Adgangsstyring til rapporter"], verified: false)
        try await bind(care, .component(c["Entra ID"]!), .identity, .degraded, .openStandard, scope: .securitySolution,
            functions: ["Log på fra mobile enheder"], workaround: "SAML 2.0 mod en anden identitetsudbyder.", cost: 25_000, days: 4)
        try await bind(care, .vendor(careNord), .dataHosting, .hard, .none, functions: ["Medicinlister", "Besøgsplaner", "Dokumentation"],
            evidence: "Driftsaftalen: data hostes kun hos CareNord.")
        try await bind(jobcenter, .component(c["Outlook"]!), .clientAddIn, .degraded, .otherVendor, functions: ["Book møder med borgere fra kalenderen"],
            workaround: "Kalenderdeling via CalDAV.", cost: 60_000, days: 10, verified: false)
        try await bind(jobcenter, .component(c["Exchange Online"]!), .api, .degraded, .openStandard, functions: ["Send indkaldelser som e-mail"],
            workaround: "Almindelig SMTP.", cost: 15_000, days: 3)
        try await bind(payroll, .component(c["Excel"]!), .fileFormat, .degraded, .openStandard, functions: ["Lønudtræk til regneark"],
            workaround: "CSV-udtræk.", cost: 0, days: 1)
        try await bind(soc, .product(defender), .securityTooling, .hard, .none, scope: .securitySolution, functions: ["Alarmer fra klienterne"], days: 40)
        try await bind(soc, .component(c["Entra ID"]!), .identity, .hard, .openStandard, scope: .securitySolution, functions: ["Analytikernes login"],
            workaround: "OpenID Connect mod en anden identitetsudbyder.", cost: 20_000, days: 3)
        try await bind(existingAsset("Lønudbetaling"), .vendor(lonData), .dataHosting, .hard, .otherVendor, scope: .administrativeProcess,
            functions: ["Lønkørsel"], cost: 800_000, days: 120)
        try await bind(existingAsset("Sagsbehandling i Borgerservice"), .product(dokuNordSag), .workflow, .degraded, .otherVendor,
            scope: .administrativeProcess, functions: ["Sagsgange og standardsvar"], cost: 200_000, days: 40)

        // Integrations: data flows between systems (a process's systems are the register's dependencies).
        let sql = try repo.sql
        for (consumer, provider) in [(jobcenter, esdh), (bi, payroll), (bi, esdh)] {
            try await sql.insert(into: "integrations").columns("id", "organisation_id", "kitos_uuid", "consumer_id", "provider_id")
                .values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(UUID?.none), SQLBind(consumer), SQLBind(provider)).run()
        }

        // Contracts.
        func contract(_ name: String, vendor: UUID, usages: [UUID], expiry: Date?, notice: Int, renewal: Int? = nil, irrevocable: Date? = nil,
                      exitClause: Bool = false, assistance: Bool = false, cost: Int, dataReturn: String = "", switching: Bool = false) async throws -> UUID {
            var k = BindingsRepository.ContractInput(name: name)
            (k.vendorID, k.usages, k.expiry, k.noticeMonths, k.renewalMonths, k.irrevocableUntil) = (vendor, usages, expiry, notice, renewal, irrevocable)
            (k.exitClause, k.exitAssistance, k.annualCost, k.dataReturn, k.switchingCharges) = (exitClause, assistance, cost, dataReturn, switching)
            return try await repo.saveContract(k, in: scope, now: now)
        }
        _ = try await contract("Microsoft-aftale via SKI (fiktivt aftalenr.)", vendor: microsoftIreland, usages: [], expiry: months(7), notice: 3, renewal: 36,
            cost: 4_200_000)
        let esdhContract = try await contract("DokuNord Sag – drift og licens", vendor: dokuNord, usages: [esdh], expiry: months(20), notice: 6,
            irrevocable: months(8), exitClause: true, assistance: true, cost: 1_100_000, dataReturn: "Fuld eksport som XML og PDF/A senest 90 dage efter ophør.")
        _ = try await contract("CareNord Omsorg – SaaS", vendor: careNord, usages: [care], expiry: months(30), notice: 12, renewal: 24, cost: 2_300_000,
            switching: true)
        _ = try await contract("Skabelonhuset – licens", vendor: skabelonhuset, usages: [templates], expiry: nil, notice: 3, cost: 180_000)
        _ = try await contract("LønData – lønservice", vendor: lonData, usages: [payroll], expiry: months(14), notice: 6, exitClause: true, cost: 650_000,
            dataReturn: "Lønhistorik som CSV.")
        _ = try await contract("VagtNord SOC", vendor: vagtNord, usages: [soc], expiry: months(11), notice: 3, renewal: 12, exitClause: true, cost: 540_000)
        _ = jobNord  // JobNord has no contract registered yet: data quality shows it.

        // Data assets.
        func data(_ usage: UUID, _ name: String, critical: Bool, formats: [String], tested: Date?, open: Bool) async throws {
            var d = BindingsRepository.DataAssetInput(assetID: usage, name: name)
            (d.businessCritical, d.exportFormats, d.lastTestedExport, d.testedExportOpen) = (critical, formats, tested, open)
            _ = try await repo.saveDataAsset(d, in: scope)
        }
        try await data(esdh, "Sager og dokumenter", critical: true, formats: ["XML", "PDF/A"], tested: months(-8), open: true)
        try await data(care, "Borgerjournaler og medicinlister", critical: true, formats: ["CSV (delvis)"], tested: nil, open: false)
        try await data(payroll, "Lønhistorik", critical: true, formats: ["CSV"], tested: months(-14), open: true)

        // An exit plan for the sub-area that feels the Outlook binding most.
        var plan = BindingsRepository.ExitPlanInput(title: "Borgerservice uden Outlook-tilføjelsen i ESDH")
        plan.target = .component(c["Outlook"]!)
        plan.contractID = esdhContract
        plan.departments = ["Borgerservice"]
        plan.triggers = "Kommunalbestyrelsens beslutning om en alternativ e-mailklient, eller at Microsoft-aftalen ikke fornyes."
        plan.impact = "E-mails kan ikke journaliseres fra Outlook; ca. 180 medarbejdere i Borgerservice."
        plan.alternatives = "Journalisering via ESDH'ens webklient (IMAP); krav om klientneutral tilføjelse ved næste udbud."
        plan.phases = "1. Afklar DokuNords IMAP-journalisering (3 mdr.)\n2. Pilot med 20 brugere (3 mdr.)\n3. Udrulning i Borgerservice (6 mdr.)"
        plan.dataMigration = "Ingen: sagerne bliver i ESDH; postkasser flyttes med IMAP."
        plan.roles = "Ejer: Borgerservicechef. Teknik: IT-arkitekt. Leverandør: DokuNord."
        plan.successCriteria = "Alle e-mails journaliseres uden Outlook; ingen sager mangler dokumenter."
        plan.tests = "Journalisér 200 e-mails i pilotgruppen og sammenlign med Outlook-tilføjelsen."
        plan.plannedDone = CalendarDay.string(months(15))
        _ = try await repo.saveExitPlan(plan, in: scope, now: now)
        try await repo.recomputeLockIn(in: scope, now: now)
    }
}
