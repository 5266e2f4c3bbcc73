import Foundation
import Testing

@testable import Bindings

private func date(_ text: String) -> Date {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "Europe/Copenhagen")!
    let p = text.split(separator: "-").map { Int($0)! }
    return c.date(from: DateComponents(year: p[0], month: p[1], day: p[2]))!
}

@Suite struct ConcentrationTests {
    let w = World()

    @Test func microsoftHoldsTheOnlyCriticalSystemAndItsGroupsUsersAndSpend() {
        let esdhContract = Contract(name: "ESDH-kontrakt", vendorID: nil, usages: [w.esdh.id], annualCost: 300_000)
        let m365Contract = Contract(name: "Microsoft-aftale", vendorID: w.github.id, annualCost: 700_000)
        let c = BindingGraph(w.landscape).concentration(contracts: [esdhContract, m365Contract])
        // GitHub is a Microsoft subsidiary: one row for the group.
        #expect(c.rows.map(\.vendor.name) == ["Microsoft"])
        let ms = c.rows[0]
        #expect(ms.criticalUsages == [w.esdh.id])
        #expect(c.criticalTotal == 1 && ms.criticalShare == 1)
        // Bound systems: ESDH 800, Skabeloner 1200, BI 50, X 200, Udvikling 10 = 2,260 of 2,410 (Y is only integrated).
        #expect(ms.users == 2260)
        #expect(c.usersTotal == 2410)
        // The spend is the contract with the subsidiary; the ESDH contract has no vendor.
        #expect(ms.annualSpend == 700_000 && c.spendTotal == 1_000_000 && ms.spendShare == 0.7)
    }

    @Test func aVendorWithNeitherBindingsNorSpendIsLeftOut() {
        var l = w.landscape
        l.vendors.append(Vendor(name: "Ubrugt ApS", country: "DK"))
        #expect(BindingGraph(l).concentration(contracts: []).rows.map(\.vendor.name) == ["Microsoft"])
    }
}

@Suite struct ExitCalendarTests {
    let w = World()

    @Test func windowsAheadInNoticeOrderWithTheBindingsEachCouldRemove() {
        let now = date("2026-11-28")
        let esdh = Contract(name: "ESDH", usages: [w.esdh.id], expiry: date("2027-12-31"), noticeMonths: 6)
        let ms = Contract(name: "Microsoft", vendorID: w.microsoft.id, expiry: date("2027-06-30"), noticeMonths: 3)
        let far = Contract(name: "Langt ude", expiry: date("2031-01-01"), noticeMonths: 1)
        let openEnded = Contract(name: "Løbende", noticeMonths: 3)
        let entries = BindingGraph(w.landscape).exitCalendar(contracts: [esdh, ms, far, openEnded], now: now)
        #expect(entries.map(\.contract.name) == ["Microsoft", "ESDH"])
        #expect(entries[0].window.noticeBy == date("2027-03-30"))
        // Microsoft's group: every binding in the landscape (6); the ESDH's own two bindings.
        #expect(entries[0].bindings.count == 6)
        #expect(entries[1].bindings.count == 2)
        #expect(entries[1].window.noticeBy == date("2027-06-30"))
        // An open-ended contract still irrevocable has a deadline to watch.
        let locked = Contract(name: "Bundet", noticeMonths: 1, irrevocableUntil: date("2027-02-01"))
        #expect(BindingGraph(w.landscape).exitCalendar(contracts: [locked], now: now).map(\.window.exitOn) == [date("2027-02-01")])
    }
}

@Suite struct TenderRequirementTests {
    let w = World()

    @Test func eachBindingTypeCallsForItsRequirementAndExitIsAlwaysIn() {
        let r = TenderRequirements.requirements(for: w.landscape.bindings)
        #expect(r.map(\.kind) == [.idpNeutralSSO, .noSuiteOnlyAddIns, .openDocumentFormats, .documentedAPIAndExport, .exitAssistance, .noBundle])
        #expect(r.first { $0.kind == .openDocumentFormats }?.because.count == 2)
        #expect(r.first { $0.kind == .exitAssistance }?.because.isEmpty == true)
    }

    @Test func noBindingsStillAskForExitAndAnOpenExport() {
        #expect(TenderRequirements.requirements(for: []).map(\.kind) == [.documentedAPIAndExport, .exitAssistance])
    }

    @Test func hostingAsksForJurisdictionAndExport() {
        let b = Binding(from: UUID(), to: .vendor(UUID()), type: .dataHosting, strength: .hard)
        let r = TenderRequirements.requirements(for: [b])
        #expect(r.map(\.kind) == [.documentedAPIAndExport, .hostingJurisdiction, .exitAssistance])
        #expect(r[0].because == [b] && r[1].because == [b])
    }
}

@Suite struct ExitFeasibilityTests {
    let now = date("2026-11-28")

    @Test func aPlanDoneBeforeTheExitDateIsFeasible() {
        let c = Contract(name: "K", expiry: date("2027-12-31"), noticeMonths: 6)
        #expect(ExitFeasibility.judge(contract: c, plannedDone: date("2027-10-01"), now: now)
            == .feasible(window: .init(noticeBy: date("2027-06-30"), exitOn: date("2027-12-31"))))
    }

    @Test func aLatePlanMissesTheWindowAndNamesTheNextRenewal() {
        let c = Contract(name: "K", expiry: date("2027-12-31"), noticeMonths: 6, renewalMonths: 12)
        guard case .missesWindow(let window, let next) = ExitFeasibility.judge(contract: c, plannedDone: date("2028-03-01"), now: now) else {
            Issue.record("expected a missed window")
            return
        }
        #expect(window.exitOn == date("2027-12-31"))
        #expect(next?.exitOn == date("2028-12-31"))
    }

    @Test func aLatePlanOnAContractThatSimplyEndsHasNoNextWindow() {
        let c = Contract(name: "K", expiry: date("2027-12-31"), noticeMonths: 6)
        #expect(ExitFeasibility.judge(contract: c, plannedDone: date("2028-03-01"), now: now)
            == .missesWindow(window: .init(noticeBy: date("2027-06-30"), exitOn: date("2027-12-31")), next: nil))
    }

    @Test func withoutContractOrDateItIsUnknown() {
        #expect(ExitFeasibility.judge(contract: nil, plannedDone: now, now: now) == .unknown)
        #expect(ExitFeasibility.judge(contract: Contract(name: "K", expiry: date("2027-01-01")), plannedDone: nil, now: now) == .unknown)
    }
}

@Suite struct UsedByTests {
    @Test func aSystemUsedByManyDepartmentsBlocksEachOfThem() {
        let vendor = Vendor(name: "V", country: "US")
        let suite = Product(vendorID: vendor.id, name: "Suite", category: "office suite")
        let esdh = Usage(name: "ESDH", department: "Digitalisering", usedBy: ["Jobcenter", "Økonomi"])
        let l = Landscape(vendors: [vendor], products: [suite], usages: [esdh],
            bindings: [Binding(from: esdh.id, to: .product(suite.id), type: .clientAddIn, strength: .hard)])
        let move = BindingGraph(l).officeMove(officeSuite: .product(suite.id), licences: ["IT": (10, 100)])
        #expect(move.departments.map(\.name) == ["IT", "Jobcenter", "Økonomi"])
        #expect(move.departments.map(\.verdict) == [.now, .blocked, .blocked])
        #expect(BindingGraph(l).blastRadius(of: .product(suite.id)).departments == ["Jobcenter", "Økonomi"])
    }
}

@Suite struct SystemLockInTests {
    let w = World()

    @Test func aSystemSeesTheGroupsItIsBoughtFromOrBoundTo() {
        let now = date("2026-11-28")
        let dokuNord = Vendor(name: "DokuNord", country: "DK")
        var l = w.landscape
        l.vendors.append(dokuNord)
        let contract = Contract(name: "ESDH", vendorID: dokuNord.id, usages: [w.esdh.id], expiry: date("2028-01-01"), noticeMonths: 6, hasExitClause: true)
        let g = BindingGraph(l)
        let rows = g.vendorLockIn(of: w.esdh.id, contracts: [contract], dataAssets: [], now: now)
        // Bound to Outlook and Word (Microsoft's group), bought from DokuNord; Microsoft is the more locked.
        #expect(rows.map(\.vendor.name) == ["Microsoft", "DokuNord"])
        #expect(g.group(of: w.github).name == "Microsoft")
        #expect(g.vendor(of: .component(w.outlook.id))?.name == "Microsoft")
        #expect(g.vendorLockIn(of: w.journal.id, contracts: [], dataAssets: [], now: now).isEmpty)
    }
}
