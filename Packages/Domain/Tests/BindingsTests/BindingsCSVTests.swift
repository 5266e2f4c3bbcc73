import Foundation
import Testing

@testable import Bindings

@Suite struct BindingsCSVTests {
    func read(_ text: String, file: String = "x.csv") throws(BindingsCSV.Failure) -> BindingsCSV.File {
        try BindingsCSV.read(Array(text.utf8), file: file)
    }

    func failure(_ text: String) -> String? {
        do { _ = try read(text) } catch { return error.description }
        return nil
    }

    @Test func theThreeFilesAreToldApartByTheirHeader() throws {
        guard case .systems(let s) = try read("system,kind,owner,used_by,users,criticality\nESDH,system,Digitalisering,Jobcenter; Økonomi,800,critical\nJournalisering,proces,,,,\n")
        else { Issue.record("not systems"); return }
        #expect(s.map(\.name) == ["ESDH", "Journalisering"])
        #expect(s[0].usedBy == ["Jobcenter", "Økonomi"] && s[0].users == 800 && s[0].criticality == "critical")
        #expect(s[1].kind == .process && s[1].criticality == "medium")
        guard case .vendors(let v) = try read("vendor;cvr;country;parent;non_eu_compellable;open_source\nMicrosoft Ireland;IE123;ie;Microsoft;ja;nej\n")
        else { Issue.record("not vendors"); return }
        #expect(v == [.init(name: "Microsoft Ireland", cvr: "IE123", country: "IE", parent: "Microsoft", nonEUCompellable: true, openSource: false)])
        guard case .bindings(let b) = try read("""
            system,vendor,product,product_category,component,type,scope,strength,substitutability,functions,workaround,removal_cost,removal_effort_days,evidence
            ESDH,Microsoft,Microsoft 365,office suite,Outlook,client_add_in,,hard,,journalisér e-mail; send sag,,250.000,"12,5",Test 2026
            """) else { Issue.record("not bindings"); return }
        #expect(b.count == 1)
        #expect(b[0].type == .clientAddIn && b[0].scope == .fagsystem && b[0].strength == .hard && b[0].substitutability == .none)
        #expect(b[0].functions == ["journalisér e-mail", "send sag"] && b[0].removalCost == 250_000 && b[0].removalEffortDays == 12.5 && b[0].line == 2)
    }

    @Test func badRowsNameFileLineColumnAndField() {
        #expect(failure("system,kind\nESDH,maskine\n") == "x.csv:2:2 (kind): expected system or process, not \"maskine\"")
        #expect(failure("system,kind\nESDH,system\nesdh,system\n") == "x.csv:3:1 (system): \"esdh\" occurs twice in the file")
        #expect(failure("vendor,country\nAcme,Danmark\n") == "x.csv:2:2 (country): expected a two-letter country code (ISO 3166), e.g. DK or US")
        #expect(failure("vendor,country\n\"\",DK\n") == "x.csv:2:1 (vendor): must not be empty")
        #expect(failure("system,vendor,type,strength\nESDH,Microsoft,add-in,hard\n")?.hasPrefix("x.csv:2:3 (type): expected one of identity, client_add_in") == true)
        #expect(failure("system,vendor,type\nESDH,Microsoft,api\n") == "x.csv:1:4 (strength): the column \"strength\" is missing")
        #expect(failure("system,vendor,type,strength,removal_cost\nESDH,M,api,hard,-5\n") == "x.csv:2:5 (removal_cost): expected a whole number ≥ 0")
        #expect(failure("system,vendor,type,strength,component\nESDH,M,api,hard,Outlook\n") == "x.csv:2:5 (component): a component needs its product (the product column)")
        #expect(failure("navn,land\nA,DK\n")?.hasPrefix("x.csv:1:1 (navn): unknown file") == true)
        #expect(failure("system,kind\n\"ESDH,system\n")?.hasPrefix("x.csv:2:") == true)
    }

    @Test func theExportReadsBackAsTheSameRows() throws {
        let systems = [BindingsCSV.SystemRow(name: "ESDH, \"ny\"", kind: .system, owner: "IT", usedBy: ["A", "B"], users: 3, criticality: "high", kitosUUID: UUID())]
        let vendors = [BindingsCSV.VendorRow(name: "Acme", cvr: "12345678", country: "DK", parent: "", nonEUCompellable: false, openSource: true)]
        let bindings = [BindingsCSV.BindingRow(line: 2, system: "ESDH, \"ny\"", vendor: "Acme", product: "P", productCategory: "ESDH", component: "",
            type: .api, scope: .securitySolution, strength: .degraded, substitutability: .otherVendor, functions: ["a", "b"], workaround: "w\nx",
            removalCost: 10, removalEffortDays: 1.5, evidence: "e")]
        #expect(try read(BindingsCSV.write(systems: systems)) == .systems(systems))
        #expect(try read(BindingsCSV.write(vendors: vendors)) == .vendors(vendors))
        #expect(try read(BindingsCSV.write(bindings: bindings)) == .bindings(bindings))
    }

    /// Found by fuzzing: a compact "a;b;c" list near the old 2,000-character field limit was
    /// accepted, but its export ("a; b; c") was refused. Lists are now limited per entry.
    @Test func aLongDepartmentListReadsBackAfterExport() throws {
        let departments = (0..<199).map { "afdeling\($0 % 10)" }
        let file = "system,used_by\nESDH,\(departments.joined(separator: ";"))\n"
        guard case .systems(let rows) = try read(file) else { Issue.record("not systems"); return }
        #expect(rows[0].usedBy == departments)
        #expect(try read(BindingsCSV.write(systems: rows)) == .systems(rows))
        #expect(failure("system,used_by\nESDH,\((0..<201).map(String.init).joined(separator: ";"))\n") == "x.csv:2:2 (used_by): more than 200 entries")
    }
}
