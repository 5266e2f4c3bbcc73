import Foundation
import Testing

@testable import Licensing

@Suite struct OutputTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hf-licences-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The exact users.csv of a small hand-built case: column order, set notation, amounts,
    /// reasons and loses joined by `;`, `\n` line ends, quoting only where needed.
    @Test func usersCSVIsExactlyAsSpecified() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(report(Headers.activeUsers, [
            user("Idle@K.dk", "MICROSOFT 365 E3+POWER BI PRO", lastActivity: "2025-01-01"),
            user("hjem@k.dk", "MICROSOFT 365 E3"),
            user("desk@k.dk", "MICROSOFT 365 E3", extra: ["Teams Last Activity Date": "2026-02-27"]),
        ])).write(to: dir.appendingPathComponent("a"))
        try Data(report(Headers.apps, [
            ["User Principal Name": "hjem@k.dk", "Windows": "No", "Mac": "No", "Web": "Yes", "Mobile": "Yes"],
            ["User Principal Name": "desk@k.dk", "Windows": "Yes", "Mac": "No", "Web": "Yes", "Mobile": "No"],
        ])).write(to: dir.appendingPathComponent("b"))
        try Data(report(Headers.mailbox, [["User Principal Name": "hjem@k.dk", "Storage Used (Byte)": "5000", "Has Archive": "False"]]))
            .write(to: dir.appendingPathComponent("c"))
        try Data(report(Headers.oneDriveUsage, [])).write(to: dir.appendingPathComponent("d"))
        let people = dir.appendingPathComponent("people.txt")
        try Data("user_principal_name,department\nhjem@k.dk,\"Hjemmeplejen, Syd\"\n".utf8).write(to: people)
        let policy = dir.appendingPathComponent("policy.json")
        try Data(#"{"frontline_departments": ["Hjemmeplejen, Syd"]}"#.utf8).write(to: policy)

        let profile = try ProfileRun.run(.init(reportsDirectory: dir.path, policyPath: policy.path, peoplePath: people.path))
        #expect(profile.usersCSV() == """
            user_principal_name,department,current,current_dkk_month,recommended,recommended_dkk_month,monthly_saving_dkk,action,reasons,loses
            Idle@K.dk,,POWER_BI_PRO+SPE_E3,372.47,,0.00,372.47,remove,no_activity_90d,office_desktop;office_web;office_mobile;teams;webinars;archive;windows_enterprise;intune;entra_p1;defender_endpoint_p1;purview_ip_p1;power_bi_pro
            hjem@k.dk,"Hjemmeplejen, Syd",SPE_E3,281.97,SPE_F1,64.67,217.30,downgrade,frontline_eligible;kept_unmeasured,office_desktop;webinars;archive;defender_endpoint_p1
            desk@k.dk,,SPE_E3,281.97,SPE_E3,281.97,0.00,keep,desktop_apps;teams;kept_unmeasured,

            """)
        let s = profile.summary()
        #expect(s.usersProfiled == 3)
        #expect(s.currentMonthly == .init(37247 + 28197 * 2))
        #expect(s.monthlySaving == .init(37247 + 21730))
        #expect(s.annualSaving.ore == (37247 + 21730) * 12)
        #expect(s.actions == ["remove": 1, "downgrade": 1, "keep": 1, "upgrade": 0, "change": 0, "review": 0])
        #expect(s.heavyShare.before == 1.0)
        #expect(abs(s.heavyShare.after - 1.0 / 3.0) < 1e-12)
        #expect(Set(s.departments.keys) == ["(none)", "Hjemmeplejen, Syd"])
        #expect(s.departments["(none)"]?.usersProfiled == 2)
    }

    @Test func summaryJSONHasTheContractKeys() throws {
        let p = try profile([("au.csv", report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3")]))])
        let json = Profile.json(p.summary())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["as_of", "users_profiled", "users_excluded", "concealed", "current_monthly", "recommended_monthly", "monthly_saving",
            "annual_saving", "actions", "heavy_share", "departments", "warnings"]
        {
            #expect(object[key] != nil, "missing \(key)")
        }
        let saving = try #require(object["monthly_saving"] as? [String: Any])
        #expect(saving["dkk"] is String)
        #expect((object["users_excluded"] as? [String: Int])?.keys.sorted() == ["deleted", "unknown", "unpriced"])
        #expect((object["heavy_share"] as? [String: Double])?.keys.sorted() == ["after", "before"])
    }

    @Test func departmentsGroupCaseInsensitivelyUnderTheFirstSpelling() throws {
        let people = PeopleFile(people: ["a@k.dk": Person(department: "Vej og Park"), "b@k.dk": Person(department: "VEJ OG PARK")])
        let p = try profile([("au.csv", report(Headers.activeUsers, [user("a@k.dk", "OFFICE 365 E1"), user("b@k.dk", "OFFICE 365 E1")]))], people: people)
        #expect(Array(p.summary().departments.keys) == ["Vej og Park"])
        #expect(p.summary().departments["Vej og Park"]?.usersProfiled == 2)
    }

    @Test func generatedDemoReportsProfileDeterministically() throws {
        let a = try Self.temporaryDirectory(), b = try Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        try DemoReports.write(users: 2000, to: a)
        try DemoReports.write(users: 2000, to: b)
        let first = try ProfileRun.run(.init(reportsDirectory: a.path, peoplePath: a.appendingPathComponent("people.csv").path))
        let second = try ProfileRun.run(.init(reportsDirectory: b.path, peoplePath: b.appendingPathComponent("people.csv").path))
        #expect(first.usersCSV() == second.usersCSV())
        let s = first.summary()
        #expect(s.usersProfiled > 1800)
        #expect(s.usersExcluded.unknown == 3)
        #expect(s.usersExcluded.deleted > 0)
        #expect((s.actions["downgrade"] ?? 0) > 100)
        #expect((s.actions["remove"] ?? 0) > 50)
        #expect(s.heavyShare.after < s.heavyShare.before)
        #expect(s.departments.count == DemoReports.departments.count)
        #expect(s.monthlySaving.ore > 0)
        #expect(first.memoisedNeeds < 1000, "distinct needs stay in the hundreds")
    }

    @Test func htmlReportIsSelfContainedAndHasNoPersonalData() throws {
        let p = try profile([("au.csv", report(Headers.activeUsers, [user("secret.person@k.dk", "MICROSOFT 365 E3")]))],
            people: PeopleFile(people: ["secret.person@k.dk": Person(department: "<script>x</script>")]))
        let html = ReportDocument.html(p, p.summary())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("secret.person"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("<link"))
        #expect(ReportDocument.kroner(123_456_789) == "1.234.567,89 kr.")
    }

    @Test func badInputsInTheFolderAreReportedWithFileAndLine() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var au = report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3")])
        au += Array("2026-03-01,b@k.dk,B,Maybe\n".utf8)
        try Data(au).write(to: dir.appendingPathComponent("export.csv"))
        do {
            _ = try ProfileRun.run(.init(reportsDirectory: dir.path))
            Issue.record("expected an error")
        } catch {
            #expect(error.file.hasSuffix("export.csv"))
            #expect(error.line == 3)
            #expect(error.columnName == "Is Deleted")
            #expect(error.description.contains("export.csv:3:4 (Is Deleted)"))
        }
        #expect(throws: InputError.self) { try ProfileRun.run(.init(reportsDirectory: dir.appendingPathComponent("missing").path)) }
    }
}

@Suite struct ReprofileTests {
    @Test func aRebuiltTableProfilesIdenticallyAndFollowsNewPrices() throws {
        let dir = try OutputTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DemoReports.write(users: 500, to: dir)
        var reader = ReportReader(catalogue: .bundled)
        let files = try ProfileRun.reportFiles(in: dir.path).filter { !$0.hasSuffix("people.csv") }
        try reader.read(files.map { ReportReader.Source.file($0, name: $0) })
        let people = try PeopleFile.parse(Array(try Data(contentsOf: dir.appendingPathComponent("people.csv"))), file: "people.csv")
        let original = try Profiler(catalogue: .bundled, policy: Policy(), people: people).profile(reader.table)

        let rebuilt = UsageTable(facts: reader.table.facts, users: reader.table.users, catalogue: .bundled)
        let again = try Profiler(catalogue: .bundled, policy: Policy(), people: people).profile(rebuilt)
        #expect(again.usersCSV() == original.usersCSV())
        #expect(again.summary() == original.summary())

        // A cheaper negotiated E3 price changes the money, not the reading.
        var products = Catalogue.bundled.products
        products[products.firstIndex { $0.sku == "SPE_E3" }!].priceOre = 20000
        let cheaper = try Catalogue(products: products)
        let repriced = try Profiler(catalogue: cheaper, policy: Policy(), people: people)
            .profile(UsageTable(facts: reader.table.facts, users: reader.table.users, catalogue: cheaper))
        #expect(repriced.summary().currentMonthly.ore < original.summary().currentMonthly.ore)
        #expect(repriced.results.count == original.results.count)
    }
}

@Suite struct HTMLEscapingTests {
    /// Found while fuzzing: `"` or `<` followed by a combining mark is one Character, and escaping by
    /// Character let the raw quote through — enough to end an attribute value and start another.
    @Test func quotesAndBracketsFollowedByACombiningMarkAreEscaped() {
        let payload = "\"\u{33C} onmouseover=alert(1) x=\"\u{5C7}<\u{33C}b>&\u{33C}'\u{33C}"
        let escaped = ReportDocument.escape(payload)
        #expect(!escaped.unicodeScalars.contains { "\"<>'".unicodeScalars.contains($0) })
        #expect(escaped == "&quot;\u{33C} onmouseover=alert(1) x=&quot;\u{5C7}&lt;\u{33C}b&gt;&amp;\u{33C}&#39;\u{33C}")
    }
}
