import Foundation
import Testing

@testable import Bindings

/// A small municipal landscape with known answers, drawn by hand:
///
///     Microsoft (US) ── Microsoft 365: Outlook, Word, Entra ID
///        │          └─ Power BI
///        └─ GitHub (subsidiary) ── GitHub
///
///     ESDH ──hard add-in──▶ Outlook        ESDH ──degraded template──▶ Word
///     Skabeloner ──hard template──▶ Word   Fagsystem X ──degraded SSO──▶ Entra ID
///     BI ──hard──▶ Power BI                Udvikling ──convenience──▶ GitHub
///     Journalisering (process) needs ESDH; Fagsystem Y takes data from ESDH; Y and ESDH exchange data both ways.
struct World {
    let microsoft = Vendor(name: "Microsoft", country: "US", nonEUCompellable: true)
    let github: Vendor
    let m365: Product, powerBI: Product, githubProduct: Product
    let outlook: Component, word: Component, entra: Component
    let esdh = Usage(name: "ESDH", department: "Digitalisering", users: 800, businessCritical: true)
    let templates = Usage(name: "Skabeloner", department: "Borgerservice", users: 1200)
    let bi = Usage(name: "BI", department: "Økonomi", users: 50)
    let x = Usage(name: "Fagsystem X", department: "Jobcenter", users: 200)
    let y = Usage(name: "Fagsystem Y", department: "Jobcenter", users: 150)
    let dev = Usage(name: "Udvikling", department: "IT", users: 10)
    let journal = Usage(name: "Journalisering", kind: .process, department: "Digitalisering")
    let landscape: Landscape

    init() {
        github = Vendor(name: "GitHub", country: "US", parentID: microsoft.id, nonEUCompellable: true)
        m365 = Product(vendorID: microsoft.id, name: "Microsoft 365", category: "office suite")
        powerBI = Product(vendorID: microsoft.id, name: "Power BI", category: "BI")
        githubProduct = Product(vendorID: github.id, name: "GitHub", category: "development")
        outlook = Component(productID: m365.id, name: "Outlook")
        word = Component(productID: m365.id, name: "Word")
        entra = Component(productID: m365.id, name: "Entra ID")
        landscape = Landscape(
            vendors: [microsoft, github], products: [m365, powerBI, githubProduct], components: [outlook, word, entra],
            usages: [esdh, templates, bi, x, y, dev, journal],
            bindings: [
                Binding(from: esdh.id, to: .component(outlook.id), type: .clientAddIn, strength: .hard, functions: ["journalisér e-mail"]),
                Binding(from: esdh.id, to: .component(word.id), type: .documentTemplate, strength: .degraded),
                Binding(from: templates.id, to: .component(word.id), type: .documentTemplate, strength: .hard, functions: ["brevfletning"]),
                Binding(from: x.id, to: .component(entra.id), type: .identity, strength: .degraded, substitutability: .openStandard),
                Binding(from: bi.id, to: .product(powerBI.id), type: .licenceBundle, strength: .hard),
                Binding(from: dev.id, to: .product(githubProduct.id), type: .workflow, strength: .convenience),
            ],
            integrations: [
                Integration(consumer: journal.id, provider: esdh.id), Integration(consumer: y.id, provider: esdh.id),
                Integration(consumer: esdh.id, provider: y.id),
            ])
    }

    func names(_ r: BlastRadius) -> [String: Strength] {
        Dictionary(uniqueKeysWithValues: r.affected.map { ($0.usage.name, $0.strength) })
    }
}

@Suite struct BlastRadiusTests {
    let w = World()

    @Test func removingOutlookStopsTheESDHAndTheProcessThatNeedsIt() {
        let r = BindingGraph(w.landscape).blastRadius(of: .component(w.outlook.id))
        #expect(w.names(r) == ["ESDH": .hard, "Journalisering": .hard, "Fagsystem Y": .degraded])
        #expect(r.bindings.count == 1)
        #expect(r.processes.map(\.usage.name) == ["Journalisering"])
        #expect(r.affected.first { $0.usage.name == "Journalisering" }?.through == w.esdh.id)
        #expect(r.affected.first { $0.usage.name == "ESDH" }?.isDirect == true)
        #expect(r.users == [.hard: 800, .degraded: 150])
        #expect(r.departments == ["Digitalisering", "Jobcenter"])
    }

    @Test func aProductCoversItsComponentsAndTheStrongestBindingCounts() {
        let r = BindingGraph(w.landscape).blastRadius(of: .product(w.m365.id))
        #expect(w.names(r) == ["ESDH": .hard, "Skabeloner": .hard, "Journalisering": .hard, "Fagsystem X": .degraded, "Fagsystem Y": .degraded])
        #expect(r.bindings.count == 4)
        #expect(r.affected.first { $0.usage.name == "ESDH" }?.bindings.count == 2)
        #expect(r.count(.hard) == 3)
        // Strongest first, then by name.
        #expect(r.affected.map(\.usage.name) == ["ESDH", "Journalisering", "Skabeloner", "Fagsystem X", "Fagsystem Y"])
    }

    @Test func aVendorCoversItsProductsAndItsSubsidiaries() {
        let r = BindingGraph(w.landscape).blastRadius(of: .vendor(w.microsoft.id))
        #expect(Set(w.names(r).keys) == ["ESDH", "Skabeloner", "Journalisering", "Fagsystem X", "Fagsystem Y", "BI", "Udvikling"])
        #expect(w.names(r)["Udvikling"] == .convenience)
        #expect(r.bindings.count == 6)
        let sub = BindingGraph(w.landscape).blastRadius(of: .vendor(w.github.id))
        #expect(w.names(sub) == ["Udvikling": .convenience])
    }

    @Test func aComponentNobodyUsesReachesNothingAndCyclesEnd() {
        let graph = BindingGraph(w.landscape)
        #expect(graph.blastRadius(of: .component(UUID())).affected.isEmpty)
        // ESDH ⇄ Fagsystem Y is a cycle; the walk ends and each usage is listed once.
        let r = graph.blastRadius(of: .component(w.word.id))
        #expect(r.affected.count == Set(r.affected.map(\.usage.id)).count)
        #expect(w.names(r) == ["Skabeloner": .hard, "ESDH": .degraded, "Journalisering": .degraded, "Fagsystem Y": .degraded])
    }

    @Test func twentyThousandBindingsAreWalkedOnce() {
        // A long integration chain: every usage reached once, each degraded (systems downstream of a system).
        var usages = (0..<5_000).map { Usage(name: "S\($0)") }
        let product = Product(vendorID: UUID(), name: "P", category: "x")
        usages[0].kind = .system
        var integrations: [Integration] = []
        for i in 1..<usages.count { integrations.append(Integration(consumer: usages[i].id, provider: usages[i - 1].id)) }
        let bindings = (0..<20_000).map { i in Binding(from: usages[i % 50].id, to: .product(product.id), type: .api, strength: .hard) }
        let r = BindingGraph(Landscape(products: [product], usages: usages, bindings: bindings, integrations: integrations))
            .blastRadius(of: .product(product.id))
        #expect(r.affected.count == 5_000)
        #expect(r.count(.hard) == 50)
        #expect(r.count(.degraded) == 4_950)
    }
}

@Suite struct ExitWindowTests {
    func day(_ s: String) -> Date { try! Date(s + "T12:00:00Z", strategy: .iso8601) }

    /// Contract dates are days on the Danish calendar.
    func cph(_ d: Date?) -> String? {
        guard let d else { return nil }
        let c = Contract.calendar.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test func fixedTermEndsAtExpiryWithNoticeBeforeIt() {
        let c = Contract(name: "ESDH", expiry: day("2027-06-30"), noticeMonths: 6)
        let w = c.nextExitWindow(after: day("2026-11-28"))
        #expect(cph(w?.noticeBy) == "2026-12-30" && cph(w?.exitOn) == "2027-06-30")
    }

    @Test func autoRenewalMovesTheWindowOnePeriodWhenTheNoticeDeadlineHasPassed() {
        let c = Contract(name: "Løn", expiry: day("2027-01-31"), noticeMonths: 3, renewalMonths: 12)
        // Notice for 31 Jan 2027 was due 31 Oct 2026: missed, so the next exit is a year later.
        let w = c.nextExitWindow(after: day("2026-11-28"))
        #expect(cph(w?.exitOn) == "2028-01-31")
        #expect(cph(w?.noticeBy) == "2027-10-31")
    }

    @Test func irrevocablePeriodAndOpenEndedContracts() {
        let open = Contract(name: "Hosting", noticeMonths: 3, irrevocableUntil: day("2027-12-31"))
        #expect(cph(open.nextExitWindow(after: day("2026-11-28"))?.exitOn) == "2027-12-31")
        let openSoon = Contract(name: "Hosting", noticeMonths: 3)
        #expect(cph(openSoon.nextExitWindow(after: day("2026-11-28"))?.exitOn) == "2027-02-28")
        let renewing = Contract(name: "BI", expiry: day("2027-03-31"), noticeMonths: 1, irrevocableUntil: day("2028-01-01"), renewalMonths: 12)
        #expect(cph(renewing.nextExitWindow(after: day("2026-11-28"))?.exitOn) == "2028-03-31")
    }

    @Test func monthEndIsClampedAndAnExpiredContractHasNoWindow() {
        let c = Contract(name: "X", expiry: day("2027-05-31"), noticeMonths: 3)
        #expect(cph(c.nextExitWindow(after: day("2026-11-28"))?.noticeBy) == "2027-02-28")
        #expect(Contract(name: "Old", expiry: day("2025-12-31"), noticeMonths: 3).nextExitWindow(after: day("2026-11-28")) == nil)
        // Past the notice deadline without renewal: it still ends at expiry.
        let late = Contract(name: "Late", expiry: day("2027-01-31"), noticeMonths: 6)
        #expect(cph(late.nextExitWindow(after: day("2026-11-28"))?.exitOn) == "2027-01-31")
    }
}

@Suite struct LockInTests {
    let w = World()
    let now = try! Date("2026-11-28T12:00:00Z", strategy: .iso8601)
    func day(_ s: String) -> Date { try! Date(s + "T12:00:00Z", strategy: .iso8601) }

    @Test func outlookScoresFromItsOneHardAddInOnACriticalSystem() {
        let graph = BindingGraph(w.landscape)
        let score = graph.lockIn(of: .component(w.outlook.id), contracts: [], dataAssets: [], now: now)
        // 0.8 (add-in) × 1.0 (hard) × 1.0 (no alternative) × 2 (business-critical) = 1.6 → band 1.
        #expect(score.contributions.map(\.value) == [1.6])
        #expect(score.dimensions[.bindings] == 1)
        // 1 of 7 usages → 14 % → band 2.
        #expect(score.dimensions[.breadth] == 2)
        #expect(score.dimensions[.contract] == 2)  // bound, but no contract known
        #expect(score.dimensions[.jurisdiction] == 4)  // Microsoft: US CLOUD Act
        // 0.35 × 1 + 0.15 × 2 + 0.2 × 2 + 0.2 × 0 + 0.1 × 4 = 1.45 → green by total, amber by the floor.
        #expect(abs(score.total - 1.45) < 1e-9)
        #expect(score.level == .amber)
        #expect(score.floors == ["Hård binding uden alternativ fra forretningskritisk system: ESDH"])
    }

    @Test func criticalDataWithoutATestedOpenExportIsRedWhateverTheTotal() {
        let graph = BindingGraph(w.landscape)
        let data = [DataAsset(name: "Sager og dokumenter", usageID: w.esdh.id, businessCritical: true, exportFormats: ["PDF/A"])]
        #expect(graph.lockIn(of: .component(w.outlook.id), contracts: [], dataAssets: data, now: now).level == .red)
        let tested = [DataAsset(name: "Sager og dokumenter", usageID: w.esdh.id, businessCritical: true, exportFormats: ["PDF/A"],
            lastTestedExport: day("2026-09-01"), testedExportIsOpen: true)]
        let score = graph.lockIn(of: .component(w.outlook.id), contracts: [], dataAssets: tested, now: now)
        #expect(score.level == .amber && score.dimensions[.portability] == 0)
    }

    @Test func contractRigidityCountsMonthsToTheNextExitAndAMissingExitClause() {
        let graph = BindingGraph(w.landscape)
        let long = Contract(name: "ESDH-kontrakt", usages: [w.esdh.id], expiry: day("2030-06-30"), noticeMonths: 6, hasExitClause: false)
        let score = graph.lockIn(of: .component(w.outlook.id), contracts: [long], dataAssets: [], now: now)
        #expect(score.dimensions[.contract] == 4)  // 43 months (band 4), no exit clause (capped at 4)
        let short = Contract(name: "ESDH-kontrakt", usages: [w.esdh.id], expiry: day("2027-03-31"), noticeMonths: 3, hasExitClause: true)
        #expect(graph.lockIn(of: .component(w.outlook.id), contracts: [short], dataAssets: [], now: now).dimensions[.contract] == 0)
    }

    @Test func anEUOpenStandardBindingScoresLow() {
        let vendor = Vendor(name: "Dansk Leverandør", country: "DK", openSource: true)
        let product = Product(vendorID: vendor.id, name: "Kontorpakke", category: "office suite")
        let usage = Usage(name: "Sagsbehandling")
        let landscape = Landscape(vendors: [vendor], products: [product], usages: [usage, Usage(name: "A"), Usage(name: "B"), Usage(name: "C"), Usage(name: "D"),
            Usage(name: "E"), Usage(name: "F"), Usage(name: "G"), Usage(name: "H"), Usage(name: "I"), Usage(name: "J")],
            bindings: [Binding(from: usage.id, to: .product(product.id), type: .fileFormat, strength: .degraded, substitutability: .openStandard)])
        let score = BindingGraph(landscape).lockIn(of: .vendor(vendor.id), contracts: [], dataAssets: [], now: now)
        #expect(score.dimensions[.jurisdiction] == 0)
        #expect(score.dimensions[.bindings] == 1)  // 0.6 × 0.5 × 0.2 = 0.06
        #expect(score.level == .green && score.floors.isEmpty)
    }

    @Test func dataQualityListsWhatIsMissing() {
        let contract = Contract(name: "ESDH", usages: [w.esdh.id])
        let q = DataQuality(w.landscape, contracts: [contract])
        #expect(q.usagesWithoutContract.map(\.name) == ["BI", "Fagsystem X", "Fagsystem Y", "Skabeloner", "Udvikling"])
        #expect(q.contractsWithoutDates.map(\.name) == ["ESDH"])
        #expect(q.bindingsNeverVerified.count == 6)
    }

    @Test func keystonesAreComponentsWithManyHardBindings() {
        #expect(BindingGraph(w.landscape).keystones(minimumHardBindings: 1).map(\.component.name) == ["Outlook", "Word"])
        #expect(BindingGraph(w.landscape).keystones(minimumHardBindings: 2).isEmpty)
    }
}

@Suite struct ScenarioTests {
    let w = World()

    @Test func removingMicrosoft365ForTheWholeMunicipality() {
        let r = BindingGraph(w.landscape).whatIf(Scenario(name: "Uden M365", remove: [.product(w.m365.id)]))
        #expect(r.broken.map(\.function) == ["journalisér e-mail", "brevfletning"])
        #expect(r.broken.map(\.usage) == ["ESDH", "Skabeloner"])
        #expect(r.degraded.map(\.usage) == ["ESDH", "Fagsystem X"])
        #expect(r.usersHard == 800 + 1200 && r.usersDegraded == 200)
        #expect(r.indirect == ["Fagsystem Y", "Journalisering"])
        #expect(r.unestimated == 4 && r.removalCost == 0)
    }

    @Test func anOpenStandardReplacementForOneSubAreaSoftensTheSSOBinding() {
        let r = BindingGraph(w.landscape).whatIf(Scenario(name: "Jobcenter med åben IdP", remove: [.component(w.entra.id)], departments: ["Jobcenter"],
            replacementSupportsOpenStandards: true))
        #expect(r.broken.isEmpty && r.degraded.isEmpty)  // degraded → convenience
        #expect(r.usersHard == 0 && r.usersDegraded == 0)
        let plain = BindingGraph(w.landscape).whatIf(Scenario(name: "Jobcenter", remove: [.component(w.entra.id)], departments: ["Jobcenter"]))
        #expect(plain.degraded.map(\.usage) == ["Fagsystem X"] && plain.usersDegraded == 200)
        // Outside the sub-area nothing counts.
        #expect(BindingGraph(w.landscape).whatIf(Scenario(name: "IT", remove: [.component(w.entra.id)], departments: ["IT"])).degraded.isEmpty)
    }

    @Test func costsAddUpAndTheSameBindingIsCountedOnce() {
        var landscape = w.landscape
        landscape.bindings[0].removalCost = 250_000
        landscape.bindings[0].removalEffortDays = 40
        landscape.bindings[2].removalCost = 90_000
        let r = BindingGraph(landscape).whatIf(Scenario(name: "Outlook og Word", remove: [.component(w.outlook.id), .component(w.word.id), .product(w.m365.id)]))
        #expect(r.removalCost == 340_000 && r.removalEffortDays == 40)
        #expect(r.unestimated == 2)  // ESDH → Word, Fagsystem X → Entra ID
    }
}

@Suite struct OfficeMoveTests {
    let w = World()

    @Test func departmentsAreBlockedByHardBindingsWithoutWorkaroundAndCarryTheMoney() {
        let move = BindingGraph(w.landscape).officeMove(officeSuite: .product(w.m365.id), licences: [
            "Borgerservice": (40, 1_200_000), "Digitalisering": (12, 400_000), "Jobcenter": (30, 900_000), "Dagplejen": (60, 2_100_000),
        ])
        let byName = Dictionary(uniqueKeysWithValues: move.departments.map { ($0.name, $0) })
        #expect(byName["Digitalisering"]?.verdict == .blocked)  // ESDH's Outlook add-in
        // A binding without named functions is listed by its type.
        #expect(byName["Digitalisering"]?.blockers == ["ESDH: document_template", "ESDH: journalisér e-mail"])
        #expect(byName["Borgerservice"]?.verdict == .blocked)  // the template system's mail merge
        #expect(byName["Jobcenter"]?.verdict == .withWorkaround)  // SSO is degraded with an open-standard alternative
        #expect(byName["Dagplejen"]?.verdict == .now && byName["Dagplejen"]?.monthlySavingOre == 2_100_000)
    }

    @Test func aWorkaroundTurnsABlockIntoAMoveWithWorkaround() {
        var landscape = w.landscape
        landscape.bindings[2].workaround = "Flet i LibreOffice med ODT-skabeloner"
        let move = BindingGraph(landscape).officeMove(officeSuite: .product(w.m365.id), licences: [:])
        #expect(move.departments.first { $0.name == "Borgerservice" }?.verdict == .withWorkaround)
    }
}
