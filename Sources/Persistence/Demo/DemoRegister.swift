import Community
import FluentKit
import Foundation
import Resilience

/// The demo municipality's NIS2 register: the home-care medicine system, payroll, ESDH, the network
/// and the power supply, with risks, measures, contingency plans with call trees, an exercise,
/// registration data, management training and one incident in progress. Vendor names are fictitious.
public enum DemoRegister {
    static func person(_ index: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-9000-%012d", index + 2))! }
    static let director = person(3)  // Søren Damgaard, management member
    static let manager = person(6)  // Anne Lund, management member (home care)
    static let officer = person(2)  // Hanne Bøgh, security officer

    public static func load(on db: any Database, now: Date) async throws {
        let org = DemoData.municipalityID
        let security = TenantScope(organisationID: org, organisationKind: .municipality, userID: officer, roles: [.securityOfficer])
        let management = TenantScope(organisationID: org, organisationKind: .municipality, userID: director, roles: [.managementMember])
        let repo = ResilienceRepository(db: db)
        let today = CalendarDay.string(now)
        func day(months: Int = 0, days: Int = 0) -> String { CalendarDay.adding(months: months, days: days, to: today)! }

        func asset(_ kind: String, _ name: String, _ criticality: String, owner: String, rto: Double?, rpo: Double?, mtpd: Double? = nil,
                   dependsOn: [UUID] = [], description: String = "", minService: String = "", fallback: String = "") async throws -> UUID {
            var a = ResilienceRepository.AssetInput(kind: kind, name: name)
            (a.criticality, a.owner, a.rtoHours, a.rpoHours, a.mtpdHours) = (criticality, owner, rto, rpo, mtpd)
            (a.dependsOn, a.description, a.minService, a.manualFallback) = (dependsOn, description, minService, fallback)
            return try await repo.saveAsset(a, in: security, now: now)
        }
        let power = try await asset("infrastructure", "Strømforsyning til rådhus og datacenter", "critical", owner: "Ejendomscenter", rto: 0.5, rpo: 0,
            description: "Netforsyning med UPS (30 min) og nødstrømsanlæg (diesel, 48 timers brændstof).")
        let network = try await asset("infrastructure", "Kommunens netværk (kerne, fiber og Wi-Fi)", "critical", owner: "IT-drift", rto: 4, rpo: 0,
            dependsOn: [power])
        let care = try await asset("system", "Omsorgssystem med medicinmodul (fiktivt: CareNord Omsorg)", "critical", owner: "Hjemmeplejen / IT", rto: 4, rpo: 1,
            dependsOn: [network], description: "Hostet fagsystem; hjemmeplejens medicinlister, besøgsplaner og dokumentation.")
        let payrollSystem = try await asset("system", "Lønsystem (fiktivt: LønData)", "high", owner: "Økonomi", rto: 48, rpo: 24,
            description: "Leverandørdrevet lønsystem; lønkørsel den sidste bankdag.")
        let esdh = try await asset("system", "ESDH (fiktivt: DokuNord Sag)", "high", owner: "Digitalisering", rto: 24, rpo: 4, dependsOn: [network],
            description: "Sags- og dokumenthåndtering med Outlook-tilføjelse.")
        let medicine = try await asset("process", "Medicinhåndtering i hjemmeplejen", "critical", owner: "Leder af hjemmeplejen", rto: 4, rpo: 1, mtpd: 8,
            dependsOn: [care, network, power], minService: "Borgere med kritisk medicin får deres medicin til tiden; øvrige besøg kan flyttes.",
            fallback: "Print dagens medicinlister kl. 6 og 14 fra nødlisten på den lokale pc; ved nedbrud ringes til apoteket for dosisoversigter.")
        _ = try await asset("process", "Lønudbetaling", "high", owner: "Økonomichef", rto: 24, rpo: 24, mtpd: 72, dependsOn: [payrollSystem],
            minService: "Alle får udbetalt løn; tillæg kan efterreguleres.", fallback: "Sidste måneds lønfil genudsendes som a conto-udbetaling.")
        let casework = try await asset("process", "Sagsbehandling i Borgerservice", "medium", owner: "Borgerservicechef", rto: 24, rpo: 4, mtpd: 48,
            dependsOn: [esdh, network], fallback: "Henvendelser noteres på papirskema og journaliseres bagefter.")

        func measure(_ ref: String, _ title: String, _ status: String, owner: String, review: String, approve: Bool = false, link: String = "") async throws -> UUID {
            var m = ResilienceRepository.MeasureInput(catalogueRef: ref, title: title)
            (m.status, m.owner, m.reviewDue, m.evidenceLink) = (status, owner, review, link)
            let id = try await repo.saveMeasure(m, in: security, now: now)
            if approve { try await repo.approveMeasure(id, in: management, now: now) }
            return id
        }
        let policy = try await measure("art21:a", "Informationssikkerhedspolitik vedtaget af kommunalbestyrelsen", "implemented", owner: "Kommunaldirektør",
            review: day(months: 7), approve: true)
        let incidentHandling = try await measure("art21:b", "Procedure for hændelseshåndtering og NIS2-indberetning", "implemented", owner: "Informationssikkerhedskoordinator",
            review: day(months: 5), approve: true)
        let backup = try await measure("iso:8.13", "Daglig backup med ugentlig gendannelsestest (offline kopi)", "implemented", owner: "IT-drift",
            review: day(days: -10))
        let continuity = try await measure("art21:c", "Beredskabsplaner for kritiske processer, testet årligt", "in_progress", owner: "Informationssikkerhedskoordinator",
            review: day(months: 3))
        let supplier = try await measure("art21:d", "Sikkerhedskrav og revisionserklæringer fra leverandører af kritiske systemer", "in_progress", owner: "Indkøb",
            review: day(months: 4))
        _ = try await measure("eu2690:6", "Sårbarhedsscanning og patch inden for 14 dage (kritiske: 72 timer)", "implemented", owner: "IT-drift", review: day(months: 6))
        _ = try await measure("art21:f", "Årlig effektvurdering af foranstaltningerne til ledelsen", "planned", owner: "Informationssikkerhedskoordinator", review: day(months: 2))
        let awareness = try await measure("art21:g", "Phishing-træning og awareness for alle ansatte", "implemented", owner: "HR", review: day(months: 8), approve: true)
        _ = try await measure("art21:h", "Kryptering af bærbare og af forbindelser til fagsystemer", "implemented", owner: "IT-drift", review: day(months: 9))
        _ = try await measure("art21:i", "Adgangsstyring med årlig rettighedsgennemgang", "in_progress", owner: "IT-drift", review: day(months: 1))
        let mfa = try await measure("art21:j", "MFA på alle fjernadgange og administrative konti", "implemented", owner: "IT-drift", review: day(months: 10), approve: true)

        func risk(_ title: String, asset: UUID, threat: String, consequence: String, inherent: (Int, Int), residual: (Int, Int), treatment: String,
                  measures: [UUID], due: String = "", accept: Bool = false) async throws {
            var r = ResilienceRepository.RiskInput(assetId: asset, title: title, inherent: inherent, residual: residual)
            (r.threat, r.consequence, r.treatment, r.measureIds, r.dueOn, r.owner) = (threat, consequence, treatment, measures, due, "Informationssikkerhedskoordinator")
            let id = try await repo.saveRisk(r, in: security, now: now)
            if accept { try await repo.acceptRisk(id, in: management, now: now) }
        }
        try await risk("Medicinmodulet er nede i mere end 8 timer", asset: medicine, threat: "Nedbrud hos leverandøren af det hostede omsorgssystem",
            consequence: "Borgere kan få forkert eller manglende medicin", inherent: (3, 5), residual: (2, 4), treatment: "reduce",
            measures: [continuity, supplier], due: day(months: 2))
        try await risk("Ransomware krypterer ESDH og filservere", asset: esdh, threat: "Kriminelle via phishing eller sårbar fjernadgang",
            consequence: "Sagsbehandlingen står stille i dage; data kan lække", inherent: (4, 5), residual: (2, 4), treatment: "reduce",
            measures: [backup, mfa, awareness, incidentHandling], accept: true)
        try await risk("Længerevarende strømsvigt på rådhuset", asset: power, threat: "Fejl i forsyningsnettet eller nødstrømsanlægget",
            consequence: "Datacenter og telefoni lukker ned efter UPS-tiden", inherent: (2, 4), residual: (1, 4), treatment: "accept", measures: [continuity],
            accept: true)
        try await risk("Fiberbrud isolerer plejecentre fra netværket", asset: network, threat: "Gravearbejde", consequence: "Plejecentre kan ikke nå omsorgssystemet",
            inherent: (3, 3), residual: (2, 3), treatment: "reduce", measures: [continuity], due: day(days: -5))
        try await risk("Lønleverandøren kan ikke afvikle lønkørslen", asset: payrollSystem, threat: "Leverandørens drift svigter",
            consequence: "Løn udbetales for sent til 4.000 ansatte", inherent: (2, 4), residual: (2, 3), treatment: "transfer", measures: [supplier])
        try await risk("Misbrug af stjålne loginoplysninger", asset: casework, threat: "Phishing", consequence: "Uvedkommende ser borgeres sager",
            inherent: (4, 4), residual: (2, 3), treatment: "reduce", measures: [mfa, awareness, policy])

        // Contingency plan with call tree and a past exercise.
        var plan = ResilienceRepository.PlanInput(assetId: medicine, title: "Medicinmodulet i omsorgssystemet er nede")
        plan.activation = "Medicinlisterne kan ikke hentes i mere end 30 minutter i dagtiden, eller leverandøren melder nedbrud."
        plan.roles = "Beredskabsleder: leder af hjemmeplejen. IT-koordinator: IT-vagten. Kommunikation: Borgerservicechefen."
        plan.steps = "IT-vagten bekræfter nedbruddet hos leverandøren og ringer beredskabslederen op\nBeredskabslederen aktiverer planen og kalder distriktslederne\nDistrikterne printer nødlisterne og prioriterer borgere med kritisk medicin\nApoteket kontaktes for dosisoversigter til borgere uden nødliste\nStatus hver anden time til kommunaldirektøren"
        plan.standDown = "Medicinmodulet har virket i 2 timer, og dagens registreringer er efterført."
        plan.fallbackChannel = "Mødested: Hjemmeplejens kontor, Plejevej 4. Radio/mobil: distriktsledernes private numre."
        plan.revisedOn = day(months: -9)
        let planID = try await repo.savePlan(plan, in: security, now: now)
        let vagt = try await repo.addContact(planID, .init(parentId: nil, name: "IT-vagten", role: "IT-koordinator", phone: "+45 89 99 00 00",
            altPhone: "SMS til vagtgruppen"), in: security)
        let leader = try await repo.addContact(planID, .init(parentId: vagt, name: "Anne Lund", role: "Leder af hjemmeplejen (beredskabsleder)",
            phone: "+45 20 11 22 33", altPhone: "privat +45 30 11 22 33"), in: security)
        for (n, district) in ["Nord", "Syd", "Vest"].enumerated() {
            _ = try await repo.addContact(planID, .init(parentId: leader, name: "Distriktsleder \(district)", role: "Distrikt \(district)",
                phone: String(format: "+45 20 11 22 %02d", 40 + n)), in: security)
        }
        _ = try await repo.addContact(planID, .init(parentId: leader, name: "Søren Damgaard", role: "Kommunaldirektør", phone: "+45 20 99 88 77"), in: security)
        var exercise = ResilienceRepository.ExerciseInput(heldOn: day(months: -10), method: "tabletop")
        (exercise.successCriteria, exercise.result) = ("Nødlister printet og borgere prioriteret inden 4 timer", "Nødlisterne lå på en pc uden strøm i ét distrikt.")
        (exercise.achievedRtoHours, exercise.achievedRpoHours, exercise.followUps) = (5, 1, "Nødlister printes nu to gange dagligt; UPS på distriktskontorerne.")
        _ = try await repo.addExercise(planID, exercise, in: security, now: now)

        var powerPlan = ResilienceRepository.PlanInput(assetId: power, title: "Strømsvigt på rådhuset")
        powerPlan.activation = "Netforsyningen er væk, og nødstrømsanlægget er ikke startet inden 5 minutter."
        powerPlan.steps = "Driftsvagten starter nødstrømsanlægget manuelt\nIT lukker ikke-kritiske servere ned for at spare UPS\nEjendomscenteret bestiller brændstof ved drift over 24 timer"
        powerPlan.standDown = "Netforsyningen har været stabil i 1 time."
        powerPlan.revisedOn = day(months: -30)
        let powerPlanID = try await repo.savePlan(powerPlan, in: security, now: now)
        _ = try await repo.addContact(powerPlanID, .init(parentId: nil, name: "Driftsvagten, Ejendomscenter", role: "Nødstrøm", phone: "+45 89 99 11 11"), in: security)

        try await repo.saveRegistration(.init(name: "Demokommune (fiktiv)", address: "Rådhustorvet 1, 9999 Demoby", email: "nis2@demokommune.example",
            phone: "+45 89 99 00 01", ipRanges: "192.0.2.0/24\n198.51.100.0/24\n2001:db8:999::/48", sector: "Offentlig forvaltning (kommune)"), in: security, now: now)
        try await repo.markReviewed(.policy, on: day(months: -5), in: security, now: now)
        try await repo.markReviewed(.riskAssessment, on: day(months: -13), in: security, now: now)
        try await ManagementRepository(db: db).recordTraining(userID: director, completedOn: day(months: -3), course: "NIS2 for direktionen (KL)",
            by: officer, in: security, now: now)

        // One incident in progress: significant, early warning submitted, notification due.
        let incidents = IncidentRepository(db: db)
        let aware = now.addingTimeInterval(-5 * 3600)
        let incident = try await incidents.create(title: "Medicinmodulet i omsorgssystemet svarer ikke", description:
            "Hjemmeplejen kan ikke hente medicinlister. Leverandøren undersøger en fejl efter en opdatering.", severity: "high", awareAt: aware,
            by: officer, in: security, now: aware.addingTimeInterval(10 * 60))
        try await incidents.update(incident, status: "handling", severity: "high", handlingEndedAt: nil, requestedIntermediateDue: nil, by: officer,
            in: security, now: aware.addingTimeInterval(20 * 60))
        try await incidents.decideSignificance(incident, significant: true, justification: "", by: officer, in: security, now: aware.addingTimeInterval(40 * 60))
        try await incidents.addTimelineEntry(incident, text: "Beredskabsplanen for medicinmodulet er aktiveret; nødlister er printet i alle distrikter",
            at: aware.addingTimeInterval(50 * 60), by: officer, in: security, now: aware.addingTimeInterval(60 * 60))
        try await incidents.updateReportFacts(incident, suspectedMalicious: false, crossBorder: false,
            impact: "Ca. 1.100 borgere i hjemmeplejen; medicin gives efter nødlister", indicators: "", rootCause: "", mitigation: "Nødlister og apotekets dosisoversigter",
            by: officer, in: security, now: aware.addingTimeInterval(2 * 3600))
        try await incidents.markSubmitted(incident, stage: .earlyWarning, at: aware.addingTimeInterval(3 * 3600), lateReason: "", by: officer, in: security,
            now: aware.addingTimeInterval(3 * 3600))
    }
}
