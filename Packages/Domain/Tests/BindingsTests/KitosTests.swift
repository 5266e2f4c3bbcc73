import Foundation
import Testing

@testable import Bindings
@testable import Tabular

@Suite struct KitosTests {
    static let usages = """
        [
          {"uuid": "11111111-1111-4111-8111-111111111111",
           "systemContext": {"uuid": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "DokuNord Sag"},
           "general": {"localCallName": "ESDH", "numberOfExpectedUsers": {"lowerBound": 500, "upperBound": 1000}},
           "gdpr": {"businessCritical": "Yes"},
           "organizationUsage": {"responsibleOrganizationUnit": {"uuid": "cccccccc-cccc-4ccc-8ccc-cccccccccccc", "name": "Digitalisering"}},
           "outgoingSystemRelations": [{"uuid": "dddddddd-dddd-4ddd-8ddd-dddddddddddd", "toSystemUsage": {"uuid": "22222222-2222-4222-8222-222222222222", "name": "Y"}}],
           "lastModified": "2026-10-01T08:30:00.123Z",
           "somethingNew": {"ignored": true}},
          {"uuid": "22222222-2222-4222-8222-222222222222",
           "systemContext": {"uuid": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "name": "Fagsystem Y"},
           "general": {"localCallName": null},
           "gdpr": {"businessCritical": "DontKnow"}}
        ]
        """
    static let contracts = """
        [{"uuid": "33333333-3333-4333-8333-333333333333", "name": "ESDH-kontrakt 2022",
          "supplier": {"organization": {"uuid": "44444444-4444-4444-8444-444444444444", "name": "DokuNord A/S", "cvr": "12345678"}},
          "general": {"validity": {"valid": true, "validFrom": "2022-07-01T00:00:00", "validTo": "2027-06-30T00:00:00"}},
          "agreementPeriod": {"irrevocableUntil": "2025-06-30T00:00:00"},
          "termination": {"terminatedAt": null, "terms": {"noticePeriodMonths": {"uuid": "55555555-5555-4555-8555-555555555555", "name": "6 måneder"}}},
          "systemUsages": [{"uuid": "11111111-1111-4111-8111-111111111111", "name": "ESDH"}]}]
        """

    func read(_ files: [String: String]) throws(JSONError) -> KitosExport {
        try KitosExport.read(files.mapValues { Array($0.utf8) })
    }

    @Test func usagesAndContractsAreReadWithWhatTheModelNeeds() throws {
        let k = try read(["it-system-usages.json": Self.usages, "it-contracts.json": Self.contracts])
        #expect(k.usages.map(\.name) == ["ESDH", "Fagsystem Y"])  // local call name, else the system's name
        #expect(k.usages[0].businessCritical == true && k.usages[1].businessCritical == nil)
        #expect(k.usages[0].expectedUsers == 500 && k.usages[0].responsibleUnit == "Digitalisering")
        #expect(k.usages[0].relatedUsages == [UUID(uuidString: "22222222-2222-4222-8222-222222222222")!])
        #expect(k.usages[0].lastModified == (try Date("2026-10-01T08:30:00Z", strategy: .iso8601)))
        let c = try #require(k.contracts.first)
        #expect(c.supplier?.name == "DokuNord A/S" && c.supplier?.cvr == "12345678")
        #expect(c.noticePeriodMonths == 6)
        #expect(c.validTo == (try Date("2027-06-30T00:00:00Z", strategy: .iso8601)))
        #expect(c.usages.count == 1 && c.terminatedAt == nil)
    }

    @Test func badFilesAreRefusedWithFileLineColumnAndPath() {
        let broken = Self.usages.replacingOccurrences(of: "\"businessCritical\": \"Yes\"", with: "\"businessCritical\": \"Maybe\"")
        #expect(throws: JSONError(file: "it-system-usages.json", line: 5, column: 33, path: "[0].gdpr.businessCritical",
            message: "expected Yes, No or DontKnow, not \"Maybe\"")) { try read(["it-system-usages.json": broken]) }
        let noUUID = Self.usages.replacingOccurrences(of: "\"uuid\": \"22222222-2222-4222-8222-222222222222\",\n", with: "")
        do {
            _ = try read(["it-system-usages.json": noUUID])
            Issue.record("accepted a usage without uuid")
        } catch {
            #expect(error.description == "it-system-usages.json:10:3 ([1]): \"uuid\" is required")
        }
        #expect(throws: JSONError.self) { try read(["it-contracts.json": Self.contracts]) }  // usages missing
        let twice = "[" + Self.usages.dropFirst().dropLast() + ", " + Self.usages.dropFirst().dropLast() + "]"
        do {
            _ = try read(["it-system-usages.json": String(twice)])
            Issue.record("accepted a uuid twice")
        } catch {
            #expect(error.message.hasPrefix("the uuid 11111111-1111-4111-8111-111111111111 occurs twice"))
        }
    }
}
