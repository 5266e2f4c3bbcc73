import Foundation
import Testing

@testable import Licensing
@testable import Tabular

@Suite struct RecognitionTests {
    @Test(arguments: [
        (Headers.activeUsers, ReportKind.activeUsers), (Headers.apps, .apps), (Headers.mailbox, .mailbox),
        (Headers.oneDriveUsage, .oneDriveUsage), (Headers.oneDriveActivity, .oneDriveActivity), (Headers.sharePoint, .sharePointActivity),
        (Headers.teams, .teamsActivity), (Headers.email, .emailActivity), (Headers.activations, .activations),
    ])
    func eachReportIsRecognisedByItsHeader(header: String, kind: ReportKind) {
        #expect(ReportKind.recognise(header: header.split(separator: ",").map(String.init)) == kind)
    }

    @Test func fileWithoutSignatureIsSkippedWithAWarningNamingIt() throws {
        let p = try profile([
            ("au.csv", report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3")])),
            ("random.csv", Array("name,value\nx,1\n".utf8)),
        ])
        #expect(p.results.count == 1)
        #expect(p.warnings.contains { $0.contains("random.csv") })
    }

    @Test func activeUsersReportIsRequired() {
        #expect(throws: InputError.self) {
            try profile([("apps.csv", report(Headers.apps, []))])
        }
    }

    @Test func missingRequiredColumnNamesFileAndColumn() {
        let header = Headers.mailbox.replacingOccurrences(of: "Storage Used (Byte),", with: "")
        do {
            _ = try profile([("au.csv", report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3")])), ("mb.csv", report(header, []))])
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.file == "mb.csv")
            #expect(e.message.contains("Storage Used (Byte)"))
        } catch { Issue.record("\(error)") }
    }
}

@Suite struct ReadingTests {
    @Test func bomSemicolonsQuotesAndCRLF() throws {
        var text = Headers.activeUsers.replacingOccurrences(of: ",", with: ";") + "\r\n"
        let row = user("Anne@K.dk", "MICROSOFT 365 E3+POWER BI PRO")
        text += Headers.activeUsers.split(separator: ",").map { c -> String in
            let v = row[String(c)] ?? (c == "Report Refresh Date" ? "2026-03-01" : "")
            return c == "Display Name" ? "\"Hansen; Anne \"\"AH\"\"\"" : v
        }.joined(separator: ";") + "\r\n"
        let p = try profile([("au.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8))])
        #expect(p.results.map(\.upn) == ["Anne@K.dk"])
        #expect(p.skus(p.results[0].current) == "POWER_BI_PRO+SPE_E3")
    }

    @Test func columnsInAnyOrderAndUnknownColumnsIgnored() throws {
        let header = "Assigned Products,Future Column,User Principal Name,Exchange Last Activity Date,Report Refresh Date,Exchange License Assign Date"
        let bytes = Array((header + "\nMICROSOFT 365 E3,zzz,a@k.dk,2026-02-01,2026-03-01,2024-01-01\n").utf8)
        let p = try profile([("au.csv", bytes)])
        #expect(p.results.first?.action == .downgrade || p.results.first?.action == .keep)
        #expect(p.results.count == 1)
    }

    @Test func upnJoinIsCaseInsensitiveAndOneDriveUsesOwnerPrincipalName() throws {
        let p = try profile([
            ("au.csv", report(Headers.activeUsers, [user("Anne.Hansen@Kommune.dk", "MICROSOFT 365 E3")])),
            ("od.csv", report(Headers.oneDriveUsage, [["Owner Principal Name": "anne.hansen@kommune.dk", "Storage Used (Byte)": "5000000000"]])),
        ])
        #expect(p.reasonCodes("Anne.Hansen@Kommune.dk").contains("onedrive_over_2gb"))
    }

    @Test func sixtyFourBitByteCounts() throws {
        let p = try profile([
            ("au.csv", report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3")])),
            ("mb.csv", report(Headers.mailbox, [["User Principal Name": "a@k.dk", "Storage Used (Byte)": "107374182400", "Has Archive": "False"]])),
        ])
        #expect(p.reasonCodes("a@k.dk").contains("mailbox_over_50gb"))
    }

    @Test func yesNoInAppsAndTrueFalseElsewhere() throws {
        let p = try profile([
            ("au.csv", report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3"), user("b@k.dk", "MICROSOFT 365 E3")])),
            ("apps.csv", report(Headers.apps, [
                ["User Principal Name": "a@k.dk", "Windows": "Yes", "Mac": "No", "Web": "Yes", "Mobile": "No"],
                ["User Principal Name": "b@k.dk", "Windows": "No", "Mac": "No", "Web": "Yes", "Mobile": "No"],
            ])),
        ])
        #expect(p.reasonCodes("a@k.dk").contains("desktop_apps"))
        #expect(!p.reasonCodes("b@k.dk").contains("desktop_apps"))
    }

    @Test func unknownUsersAreSkippedAndCountedPerReport() throws {
        let p = try profile([
            ("au.csv", report(Headers.activeUsers, [user("(Unknown)", "MICROSOFT 365 E3"), user("", "MICROSOFT 365 E3"), user("a@k.dk", "MICROSOFT 365 E3")])),
            ("email.csv", report(Headers.email, [["User Principal Name": "(unknown)", "Last Activity Date": "2026-02-01"]])),
        ])
        #expect(p.results.count == 1)
        #expect(p.excluded.unknown == 2)
        #expect(p.warnings.contains { $0.contains("Mailaktivitet") && $0.hasPrefix("1 ") })
    }

    @Test func duplicateRowsFirstWinsInActiveUsersAndMergeElsewhere() throws {
        let p = try profile([
            ("au.csv", report(Headers.activeUsers, [user("a@k.dk", "OFFICE 365 E1"), user("A@k.dk", "MICROSOFT 365 E5")])),
            ("mb.csv", report(Headers.mailbox, [
                ["User Principal Name": "a@k.dk", "Storage Used (Byte)": "3000000000", "Has Archive": "False"],
                ["User Principal Name": "a@k.dk", "Storage Used (Byte)": "100", "Has Archive": "True"],
            ])),
        ])
        #expect(p.results.count == 1)
        #expect(p.skus(p.results[0].current) == "STANDARDPACK")
        #expect(p.reasonCodes("a@k.dk").contains("mailbox_over_2gb"))
        #expect(p.reasonCodes("a@k.dk").contains("archive"))
    }

    @Test func productNamesContainingPlusAreJoined() throws {
        let reader = ReportReader(catalogue: bundledCatalogue)
        let (mask, extras) = reader.splitProducts("MICROSOFT 365 E3+ENTERPRISE MOBILITY + SECURITY E3+VISIO PLAN 2")
        let skus = try Profiler(catalogue: bundledCatalogue, policy: Policy()).skus(mask)
        #expect(skus == "EMS+SPE_E3")
        #expect(extras == ["VISIO PLAN 2"])
    }

    @Test func malformedDateNamesFileLineAndColumn() {
        var row = user("a@k.dk", "MICROSOFT 365 E3")
        row["Teams Last Activity Date"] = "01-02-2026"
        #expect(throws: InputError(file: "au.csv", line: 2, column: 17, columnName: "Teams Last Activity Date",
            message: "not a date (YYYY-MM-DD): \"01-02-2026\"")) {
            try profile([("au.csv", report(Headers.activeUsers, [row]))])
        }
    }

    @Test func malformedNumberNamesFileLineAndColumn() {
        do {
            _ = try profile([
                ("au.csv", report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3")])),
                ("mb.csv", report(Headers.mailbox, [["User Principal Name": "x@k.dk", "Storage Used (Byte)": "12,5"]])),
            ])
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.file == "mb.csv")
            #expect(e.line == 2)
            #expect(e.columnName == "Storage Used (Byte)")
        } catch { Issue.record("\(error)") }
    }

    @Test func truncatedFileIsAnError() {
        var bytes = report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3")])
        bytes += Array("2026-03-01,\"b@k.dk".utf8)
        #expect(throws: InputError.self) { try profile([("au.csv", bytes)]) }
    }

    @Test func asOfIsTheLatestRefreshDateOfAnyFile() throws {
        let p = try profile([
            ("au.csv", report(Headers.activeUsers, [user("a@k.dk", "MICROSOFT 365 E3")], asOf: "2026-02-27")),
            ("email.csv", report(Headers.email, [["User Principal Name": "nobody@k.dk", "Last Activity Date": ""]], asOf: "2026-03-02")),
        ])
        #expect(p.summary().asOf == "2026-03-02")
    }

    @Test func concealedNamesAreDetectedWithTheFix() throws {
        let rows = (0..<3).map { i in user(String(repeating: "AB\(i)D", count: 8), "MICROSOFT 365 E3") } + [user("a@k.dk", "MICROSOFT 365 E3")]
        let p = try profile([("au.csv", report(Headers.activeUsers, rows))])
        #expect(p.concealedDetected)
        #expect(p.summary().concealed.detected)
        #expect(p.warnings.contains { $0.contains("displayConcealedNames = false") })
        #expect(Profiler.isConcealed("0123456789ABCDEF0123456789ABCDEF"))
        #expect(!Profiler.isConcealed("0123456789abcdef0123456789abcdef"))
    }
}

@Suite struct InputFileTests {
    @Test func bundledCatalogueParses() {
        #expect(bundledCatalogue.products.count == 16)
        #expect(bundledCatalogue.products.first?.priceOre == 43380)
        #expect(bundledCatalogue.index(productName: "enterprise mobility + security e3") != nil)
    }

    @Test func catalogueErrorsNameLineAndColumn() {
        let header = Catalogue.columns.joined(separator: ",")
        #expect(throws: InputError(file: "c.csv", line: 2, column: 6, columnName: "price_dkk_month",
            message: "not an amount in DKK with at most two decimals: \"12.345\"")) {
            try Catalogue.parse(Array("\(header)\nX,X,X,base,any,12.345,2,2,teams\n".utf8), file: "c.csv")
        }
        #expect(throws: InputError(file: "c.csv", line: 2, column: 9, columnName: "capabilities", message: "unknown capability \"telepathy\"")) {
            try Catalogue.parse(Array("\(header)\nX,X,X,base,any,1,2,2,teams;telepathy\n".utf8), file: "c.csv")
        }
        #expect(throws: InputError(file: "c.csv", line: 3, column: 1, columnName: "sku", message: "duplicate sku \"X\"")) {
            try Catalogue.parse(Array("\(header)\nX,X,X,base,any,1,2,2,teams\nX,Y,Y,base,any,1,2,2,teams\n".utf8), file: "c.csv")
        }
        #expect(throws: InputError.self) { try Catalogue.parse(Array("sku,display_name\nX,Y\n".utf8), file: "c.csv") }
    }

    @Test func catalogueRoundTripsThroughItsCSV() throws {
        let again = try Catalogue.parse(Array(bundledCatalogue.csv().utf8), file: "x")
        #expect(again == bundledCatalogue)
    }

    @Test func policyDefaultsAndErrors() throws {
        let p = try Policy.parse(Data("{}".utf8), file: "p.json")
        #expect(p == Policy())
        let q = try Policy.parse(Data(#"{"headroom": 0.8, "inactivity_days": 60, "frontline_departments": ["Hjemmeplejen"]}"#.utf8), file: "p.json")
        #expect(q.headroom == .init(numerator: 8, denominator: 10))
        #expect(q.frontlineDepartments == ["hjemmeplejen"])
        #expect(throws: InputError.self) { try Policy.parse(Data(#"{"inactivity_day": 60}"#.utf8), file: "p.json") }
        #expect(throws: InputError.self) { try Policy.parse(Data(#"{"headroom": 1.5}"#.utf8), file: "p.json") }
        #expect(throws: InputError.self) { try Policy.parse(Data(#"{"keep_if_held": ["x"]}"#.utf8), file: "p.json") }
        #expect(throws: InputError.self) { try Policy.parse(Data(#"{"grace_days": "30"}"#.utf8), file: "p.json") }
        #expect(throws: InputError.self) { try Policy.parse(Data("{".utf8), file: "p.json") }
        let json = try Policy.parse(Data(q.json().utf8), file: "round-trip")
        #expect(json == q)
    }

    @Test func peopleFileBooleansInDanishAndFirstRowWins() throws {
        let text = "user_principal_name,department,frontline_eligible,education_eligible,desktop_override\nA@k.dk,Hjemmeplejen,ja,NEJ,1\na@k.dk,IT,nej,,\n"
        let people = try PeopleFile.parse(Array(text.utf8), file: "people.csv")
        #expect(people.people["a@k.dk"] == Person(department: "Hjemmeplejen", frontlineEligible: true, educationEligible: false, desktopOverride: true))
        #expect(throws: InputError(file: "people.csv", line: 2, column: 3, columnName: "frontline_eligible",
            message: "must be true/false, yes/no, ja/nej or 1/0, not \"måske\"")) {
            try PeopleFile.parse(Array("user_principal_name,department,frontline_eligible\na@k.dk,IT,måske\n".utf8), file: "people.csv")
        }
    }

    @Test func moneyInOre() {
        #expect(Money.parseOre("433.80") == 43380)
        #expect(Money.parseOre("19.4") == 1940)
        #expect(Money.parseOre("0") == 0)
        #expect(Money.parseOre("1,5") == 150)
        #expect(Money.parseOre("1.234") == nil)
        #expect(Money.parseOre("-1") == nil)
        #expect(Money.parseOre("") == nil)
        #expect(Money.format(12345) == "123.45")
        #expect(Money.format(-150) == "-1.50")
        #expect(Money.format(5) == "0.05")
    }

    @Test func daysParseAndFormat() {
        #expect(Day.parse("1970-01-01") == 0)
        #expect(Day.parse("2024-02-29").map(Day.format) == "2024-02-29")
        #expect(Day.parse("2025-02-29") == nil)
        #expect(Day.parse("2026-13-01") == nil)
        #expect(Day.parse("2026-1-01") == nil)
        #expect(Day.parse("2026-03-01")! - Day.parse("2025-12-01")! == 90)
    }
}
