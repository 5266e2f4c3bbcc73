import Foundation
import Testing

@testable import Licensing

/// One test per rule of specs/licensing.md §2, on small hand-built inputs with known answers.
@Suite struct RulesTests {
    static let au = Headers.activeUsers
    func only(_ rows: [[String: String]], _ more: [(String, [UInt8])] = [], policy: Policy = Policy(), people: PeopleFile = PeopleFile(),
        catalogue: Catalogue = bundledCatalogue) throws -> Profile {
        try profile([("au.csv", report(Self.au, rows))] + more, catalogue: catalogue, policy: policy, people: people)
    }

    // 2.1
    @Test func deletedAndUnpricedUsersAreExcludedAndCounted() throws {
        let p = try only([
            user("gone@k.dk", "MICROSOFT 365 E3", extra: ["Is Deleted": "True"]),
            user("visio@k.dk", "VISIO PLAN 2"),
            user("addon@k.dk", "POWER BI PRO"),
            user("a@k.dk", "MICROSOFT 365 E3+VISIO PLAN 2"),
        ])
        #expect(p.results.map(\.upn) == ["a@k.dk"])
        #expect(p.excluded == .init(deleted: 1, unknown: 0, unpriced: 2))
        #expect(p.row("a@k.dk")?.unpricedExtras == ["VISIO PLAN 2"])
    }

    // 2.2
    @Test func noRecentActivityMeansRemoveWithTheWholeCostSaved() throws {
        let p = try only([user("idle@k.dk", "MICROSOFT 365 E3+POWER BI PRO", lastActivity: "2025-11-30")])
        let r = try #require(p.row("idle@k.dk"))
        #expect(r.action == .remove)
        #expect(r.recommended == 0)
        #expect(r.monthlySavingOre == 28197 + 9050)
        #expect(p.reasonCodes("idle@k.dk") == ["no_activity_90d"])
        #expect(r.loses.contains(.officeDesktop) && r.loses.contains(.powerBIPro))
    }

    @Test func exactlyTheWindowIsStillRecent() throws {
        // asOf 2026-03-01; 2025-12-01 is 90 days before.
        let p = try only([user("edge@k.dk", "MICROSOFT 365 E3", lastActivity: "2025-12-01"), user("over@k.dk", "MICROSOFT 365 E3", lastActivity: "2025-11-30")])
        #expect(p.row("edge@k.dk")?.action != .remove)
        #expect(p.row("over@k.dk")?.action == .remove)
    }

    @Test func windowFollowsThePolicy() throws {
        var policy = Policy()
        policy.inactivityDays = 30
        let p = try only([user("a@k.dk", "MICROSOFT 365 E3", lastActivity: "2026-01-15")], policy: policy)
        #expect(p.reasonCodes("a@k.dk") == ["no_activity_30d"])
    }

    @Test func activationDatesAreNotActivity() throws {
        let p = try only([user("a@k.dk", "MICROSOFT 365 E3", lastActivity: nil)], [
            ("apps.csv", report(Headers.apps, [["User Principal Name": "a@k.dk", "Windows": "No", "Mac": "No", "Last Activation Date": "2026-02-25"]]))
        ])
        #expect(p.row("a@k.dk")?.action == .remove)
    }

    @Test func activityInAnyReportCounts() throws {
        let p = try only([user("a@k.dk", "MICROSOFT 365 E3", lastActivity: nil)], [
            ("sp.csv", report(Headers.sharePoint, [["User Principal Name": "a@k.dk", "Last Activity Date": "2026-02-25"]]))
        ])
        #expect(p.row("a@k.dk")?.action != .remove)
    }

    @Test func newLicenceWithinGraceIsKept() throws {
        let p = try only([
            user("new@k.dk", "MICROSOFT 365 E3", lastActivity: nil, extra: ["Exchange License Assign Date": "2026-02-10", "Teams License Assign Date": "2026-02-20"]),
            user("old@k.dk", "MICROSOFT 365 E3", lastActivity: nil, extra: ["Exchange License Assign Date": "2026-01-01"]),
        ])
        #expect(p.row("new@k.dk")?.action == .keep)
        #expect(p.reasonCodes("new@k.dk") == ["new_licence"])
        #expect(p.row("old@k.dk")?.action == .remove)
    }

    // 2.3 and 2.5: the E3 → F3 move of the contract's example.
    @Test func frontlineE3UserWithoutDesktopMovesToMicrosoft365F3() throws {
        var policy = Policy()
        policy.frontlineDepartments = ["hjemmeplejen"]
        let people = PeopleFile(people: ["a@k.dk": Person(department: "Hjemmeplejen")])
        let p = try only([user("a@k.dk", "MICROSOFT 365 E3")], [
            ("apps.csv", report(Headers.apps, [["User Principal Name": "a@k.dk", "Windows": "No", "Mac": "No", "Web": "Yes", "Mobile": "Yes"]])),
            ("mb.csv", report(Headers.mailbox, [["User Principal Name": "a@k.dk", "Storage Used (Byte)": "1000000", "Has Archive": "False"]])),
            ("od.csv", report(Headers.oneDriveUsage, [["Owner Principal Name": "a@k.dk", "Storage Used (Byte)": "1000"]])),
        ], policy: policy, people: people)
        let r = try #require(p.row("a@k.dk"))
        #expect(p.skus(r.recommended) == "SPE_F1")
        #expect(r.action == .downgrade)
        #expect(r.monthlySavingOre == 28197 - 6467)
        // Loses desktop Office, webinars, archive and Defender for Endpoint P1 — in vocabulary order.
        #expect(r.loses.map(\.rawValue) == ["office_desktop", "webinars", "archive", "defender_endpoint_p1"])
        #expect(p.reasonCodes("a@k.dk") == ["frontline_eligible", "kept_unmeasured"])
    }

    @Test func nonFrontlineE3UserWithoutDesktopOrTeamsMovesToE3WithoutTeams() throws {
        let p = try only([user("a@k.dk", "MICROSOFT 365 E3")], [
            ("apps.csv", report(Headers.apps, [["User Principal Name": "a@k.dk", "Windows": "No", "Mac": "No"]])),
            ("mb.csv", report(Headers.mailbox, [["User Principal Name": "a@k.dk", "Storage Used (Byte)": "1", "Has Archive": "False"]])),
            ("od.csv", report(Headers.oneDriveUsage, [])),
        ])
        // Windows Enterprise, Intune and Entra ID P1 are kept (keep_if_held); no Teams use, no desktop:
        // the cheapest suite with Windows Enterprise that a non-frontline user may hold is E3 (no Teams).
        let r = try #require(p.row("a@k.dk"))
        #expect(p.skus(r.recommended) == "Microsoft_365_E3_(no_Teams)")
        #expect(r.action == .downgrade)
        #expect(r.loses.map(\.rawValue) == ["teams", "webinars"])
    }

    @Test func headroomComparisonIsExact() throws {
        let p = try only([user("a@k.dk", "MICROSOFT 365 E3"), user("b@k.dk", "MICROSOFT 365 E3")], [
            ("mb.csv", report(Headers.mailbox, [
                ["User Principal Name": "a@k.dk", "Storage Used (Byte)": "1932735283", "Has Archive": "False"],
                ["User Principal Name": "b@k.dk", "Storage Used (Byte)": "1932735284", "Has Archive": "False"],
            ]))
        ])
        #expect(!p.reasonCodes("a@k.dk").contains("mailbox_over_2gb"))
        #expect(p.reasonCodes("b@k.dk").contains("mailbox_over_2gb"))
        let h = Policy.Fraction(numerator: 9, denominator: 10)
        #expect(!h.isExceeded(by: 1_932_735_283, of: 2 * 1_073_741_824))
        #expect(h.isExceeded(by: 1_932_735_284, of: 2 * 1_073_741_824))
        #expect(h.isExceeded(by: Int64.max, of: Int64.max / 2))
    }

    @Test func mailboxSizesPickTheRightProducts() throws {
        var policy = Policy()
        policy.keepIfHeld = CapabilitySet()
        let rows = ["big", "mid", "arch", "small", "none"].map { user("\($0)@k.dk", "OFFICE 365 E3", lastActivity: nil, extra: ["Teams Last Activity Date": "2026-02-20"]) }
        let p = try only(rows, [
            ("apps.csv", report(Headers.apps, [])),
            ("od.csv", report(Headers.oneDriveUsage, [])),
            ("mb.csv", report(Headers.mailbox, [
                ["User Principal Name": "big@k.dk", "Storage Used (Byte)": "60000000000", "Has Archive": "False"],
                ["User Principal Name": "mid@k.dk", "Storage Used (Byte)": "3000000000", "Has Archive": "False"],
                ["User Principal Name": "arch@k.dk", "Storage Used (Byte)": "10", "Has Archive": "True"],
                ["User Principal Name": "small@k.dk", "Storage Used (Byte)": "10", "Has Archive": "False"],
                ["User Principal Name": "none@k.dk", "Storage Used (Byte)": "0", "Has Archive": "False"],
            ])),
        ], policy: policy)
        #expect(p.skus(p.row("big@k.dk")!.recommended) == "ENTERPRISEPACK")  // 100 GB: only the E plans
        #expect(p.reasonCodes("big@k.dk").contains("mailbox_over_50gb"))
        #expect(p.skus(p.row("mid@k.dk")!.recommended) == "STANDARDPACK")  // 50 GB
        #expect(p.skus(p.row("arch@k.dk")!.recommended) == "STANDARDPACK")  // archive
        #expect(p.reasonCodes("arch@k.dk").contains("archive"))
        // 2 GB mailbox and Teams, not frontline: E1 is the cheapest with a mailbox.
        #expect(p.skus(p.row("small@k.dk")!.recommended) == "STANDARDPACK")
        // No mailbox use and no Exchange activity, Teams only, not frontline: E1 is the cheapest base with Teams
        // (an add-on alone is never a candidate).
        #expect(p.skus(p.row("none@k.dk")!.recommended) == "STANDARDPACK")
    }

    @Test func missingMailboxReportKeepsTheCurrentMailboxAndArchive() throws {
        let p = try only([user("a@k.dk", "OFFICE 365 E3")], [("apps.csv", report(Headers.apps, [["User Principal Name": "a@k.dk", "Windows": "No", "Mac": "No", "Web": "Yes", "Mobile": "No"]]))])
        let r = try #require(p.row("a@k.dk"))
        // 100 GB and archive are kept: only the E plans have them.
        #expect(p.skus(r.recommended) == "ENTERPRISEPACK" || p.skus(r.recommended) == "STANDARDPACK")
        #expect(!r.loses.contains(.archive))
        #expect(p.reasonCodes("a@k.dk").contains("kept_unmeasured"))
    }

    @Test func missingAppsReportKeepsDesktopOfficeIfHeld() throws {
        let p = try only([user("a@k.dk", "OFFICE 365 E3")], [
            ("mb.csv", report(Headers.mailbox, [["User Principal Name": "a@k.dk", "Storage Used (Byte)": "10", "Has Archive": "False"]])),
            ("od.csv", report(Headers.oneDriveUsage, [])),
        ])
        #expect(p.row("a@k.dk")?.action == .keep)
        #expect(p.reasonCodes("a@k.dk").contains("kept_unmeasured"))
    }

    @Test func appsReportWithoutWebColumnKeepsWebIfHeld() throws {
        let header = Headers.apps.replacingOccurrences(of: ",Web,", with: ",")
        let p = try only([user("a@k.dk", "OFFICE 365 E1")], [
            ("apps.csv", report(header, [["User Principal Name": "a@k.dk", "Windows": "No", "Mac": "No"]])),
        ])
        #expect(!p.row("a@k.dk")!.loses.contains(.officeWeb))
        #expect(p.reasonCodes("a@k.dk").contains("kept_unmeasured"))
    }

    @Test func sharedComputerActivationAndDesktopOverrideNeedDesktopOffice() throws {
        let people = PeopleFile(people: ["c@k.dk": Person(desktopOverride: true)])
        let p = try only([user("b@k.dk", "OFFICE 365 E3"), user("c@k.dk", "OFFICE 365 E3")], [
            ("apps.csv", report(Headers.apps, [])),
            ("act.csv", report(Headers.activations, [
                ["User Principal Name": "b@k.dk", "Product Type": "MICROSOFT 365 APPS FOR ENTERPRISE", "Activated On Shared Computer": "True"]
            ])),
        ], people: people)
        #expect(p.reasonCodes("b@k.dk").contains("shared_computer"))
        #expect(!p.row("b@k.dk")!.loses.contains(.officeDesktop))
        #expect(p.reasonCodes("c@k.dk").contains("desktop_override"))
        #expect(!p.row("c@k.dk")!.loses.contains(.officeDesktop))
    }

    @Test func teamsNeedComesFromRecentDatesOrTheAppsFlag() throws {
        let p = try only([
            user("t@k.dk", "OFFICE 365 E1", extra: ["Teams Last Activity Date": "2026-02-01"]),
            user("f@k.dk", "OFFICE 365 E1"),
            user("n@k.dk", "OFFICE 365 E1"),
        ], [("apps.csv", report(Headers.apps, [["User Principal Name": "f@k.dk", "Windows": "No", "Mac": "No", "Teams": "Yes"]]))])
        #expect(p.reasonCodes("t@k.dk").contains("teams"))
        #expect(p.reasonCodes("f@k.dk").contains("teams"))
        #expect(!p.reasonCodes("n@k.dk").contains("teams"))
    }

    // 2.4
    @Test func explicitNoOverridesHoldingAFrontlineLicence() throws {
        let people = PeopleFile(people: ["f@k.dk": Person(frontlineEligible: false)])
        let p = try only([user("f@k.dk", "OFFICE 365 F3"), user("g@k.dk", "OFFICE 365 F3")], [
            ("apps.csv", report(Headers.apps, [])),
            ("mb.csv", report(Headers.mailbox, [])),
            ("od.csv", report(Headers.oneDriveUsage, [])),
        ], people: people)
        // f may not hold F3: the cheapest allowed licence costs more → upgrade (a compliance finding).
        #expect(p.row("f@k.dk")?.action == .upgrade)
        #expect(!p.reasonCodes("f@k.dk").contains("frontline_eligible"))
        // g holds a frontline base product, so is taken as eligible.
        #expect(p.reasonCodes("g@k.dk").contains("frontline_eligible"))
    }

    @Test func educationEligibilityFromDepartment() throws {
        var policy = Policy()
        policy.educationDepartments = ["skoleområdet"]
        let people = PeopleFile(people: ["l@k.dk": Person(department: "SKOLEOMRÅDET")])
        let p = try only([user("l@k.dk", "MICROSOFT 365 E3")], [
            ("apps.csv", report(Headers.apps, [["User Principal Name": "l@k.dk", "Windows": "Yes", "Mac": "No"]]))
        ], policy: policy, people: people)
        #expect(p.skus(p.row("l@k.dk")!.recommended) == "M365EDU_A3_FACULTY")
        #expect(p.reasonCodes("l@k.dk").contains("education_eligible"))
    }

    // 2.5 tie-breaks
    @Test func tiePrefersCurrentSetThenFewerProductsThenSKUOrder() throws {
        let header = Catalogue.columns.joined(separator: ",")
        let csv = """
            \(header)
            B1,B1,BASE ONE,base,any,10.00,50,1024,teams
            B2,B2,BASE TWO,base,any,10.00,50,1024,teams
            A0,A0,ADDON ZERO,addon,any,0.00,0,0,webinars
            C1,C1,CHEAP,base,any,5.00,50,1024,office_web

            """
        let catalogue = try Catalogue.parse(Array(csv.utf8), file: "c.csv")
        var policy = Policy()
        policy.keepIfHeld = CapabilitySet()
        let p = try only([
            user("cur@k.dk", "BASE TWO", extra: ["Teams Last Activity Date": "2026-02-20"]),
            user("new@k.dk", "CHEAP", extra: ["Teams Last Activity Date": "2026-02-20"]),
        ], [("apps.csv", report(Headers.apps, [])), ("od.csv", report(Headers.oneDriveUsage, [])), ("mb.csv", report(Headers.mailbox, []))],
            policy: policy, catalogue: catalogue)
        #expect(p.skus(p.row("cur@k.dk")!.recommended) == "B2")
        #expect(p.row("cur@k.dk")?.action == .keep)
        // Without the current set among the cheapest: B1 (one product) before B1+A0, and B1 before B2.
        #expect(p.skus(p.row("new@k.dk")!.recommended) == "B1")
        #expect(p.row("new@k.dk")?.action == .upgrade)
    }

    @Test func twoBasesCostTheirSumAndTiesGoToTheSmallestSKU() throws {
        let header = Catalogue.columns.joined(separator: ",")
        let csv = "\(header)\nX,X,XX,base,any,10.00,50,1024,teams;webinars\nY,Y,YY,base,any,10.00,50,1024,teams\n"
        let catalogue = try Catalogue.parse(Array(csv.utf8), file: "c.csv")
        var policy = Policy()
        policy.keepIfHeld = CapabilitySet()
        let p = try only([user("a@k.dk", "XX+YY", extra: ["Teams Last Activity Date": "2026-02-20"])],
            [("od.csv", report(Headers.oneDriveUsage, [])), ("mb.csv", report(Headers.mailbox, []))], policy: policy, catalogue: catalogue)
        // Two base products held (a migration leftover) cost 20.00; one suffices.
        #expect(p.row("a@k.dk")?.currentOre == 2000)
        #expect(p.row("a@k.dk")?.action == .downgrade)
        #expect(p.skus(p.row("a@k.dk")!.recommended) == "X")
    }

    @Test func sameCostOtherSetIsAChange() throws {
        let header = Catalogue.columns.joined(separator: ",")
        let csv = "\(header)\nX,X,XX,base,any,10.00,50,1024,teams;webinars\nY,Y,YY,base,any,10.00,50,1024,teams\n"
        let catalogue = try Catalogue.parse(Array(csv.utf8), file: "c.csv")
        var policy = Policy()
        policy.keepIfHeld = CapabilitySet()
        policy.requiredCapabilities = CapabilitySet([.webinars])
        let p = try only([user("a@k.dk", "YY")], [("od.csv", report(Headers.oneDriveUsage, [])), ("mb.csv", report(Headers.mailbox, []))],
            policy: policy, catalogue: catalogue)
        #expect(p.row("a@k.dk")?.action == .change)
        #expect(p.skus(p.row("a@k.dk")!.recommended) == "X")
        #expect(p.row("a@k.dk")?.monthlySavingOre == 0)
    }

    @Test func noCoveringCandidateMeansReview() throws {
        var policy = Policy()
        policy.requiredCapabilities = CapabilitySet([.ediscoveryPremium])
        let people = PeopleFile(people: ["a@k.dk": Person(frontlineEligible: true)])
        let header = Catalogue.columns.joined(separator: ",")
        let catalogue = try Catalogue.parse(Array("\(header)\nF,F,FF,base,frontline,1.00,2,2,teams\n".utf8), file: "c.csv")
        let p = try only([user("a@k.dk", "FF")], policy: policy, people: people, catalogue: catalogue)
        let r = try #require(p.row("a@k.dk"))
        #expect(r.action == .review)
        #expect(r.recommended == r.current)
        #expect(r.loses.isEmpty)
        #expect(p.reasonCodes("a@k.dk").last == "no_cover")
    }

    @Test func maxProductsLimitsAddOns() throws {
        var policy = Policy()
        policy.maxProducts = 1
        policy.requiredCapabilities = CapabilitySet([.powerBIPro])
        let p = try only([user("a@k.dk", "OFFICE 365 E1+POWER BI PRO")], policy: policy)
        // E1 + Power BI Pro is two products; only the E5 suites carry Power BI in one.
        #expect(p.skus(p.row("a@k.dk")!.recommended) == "ENTERPRISEPREMIUM")
    }

    @Test func reasonsAreInContractOrder() throws {
        var policy = Policy()
        policy.frontlineDepartments = ["it"]
        let people = PeopleFile(people: ["a@k.dk": Person(department: "IT", desktopOverride: true)])
        let p = try only([user("a@k.dk", "MICROSOFT 365 E3", extra: ["Teams Last Activity Date": "2026-02-28"])], [
            ("apps.csv", report(Headers.apps, [["User Principal Name": "a@k.dk", "Windows": "Yes", "Mac": "No"]])),
            ("mb.csv", report(Headers.mailbox, [["User Principal Name": "a@k.dk", "Storage Used (Byte)": "3000000000", "Has Archive": "True"]])),
            ("od.csv", report(Headers.oneDriveUsage, [["Owner Principal Name": "a@k.dk", "Storage Used (Byte)": "3000000000"]])),
            ("act.csv", report(Headers.activations, [["User Principal Name": "a@k.dk", "Activated On Shared Computer": "2"]])),
        ], policy: policy, people: people)
        #expect(p.reasonCodes("a@k.dk") == [
            "desktop_apps", "shared_computer", "desktop_override", "mailbox_over_2gb", "archive", "onedrive_over_2gb", "teams",
            "frontline_eligible", "kept_unmeasured",
        ])
    }

    @Test func distinctNeedsAreMemoised() throws {
        let rows = (0..<200).map { user("u\($0)@k.dk", $0 % 2 == 0 ? "MICROSOFT 365 E3" : "OFFICE 365 E1") }
        let p = try only(rows)
        #expect(p.results.count == 200)
        #expect(p.memoisedNeeds <= 4)
    }
}
