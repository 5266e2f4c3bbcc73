import Bindings
import Community
import Fluent
import FluentKit
import Foundation
import Persistence
import SQLKit
import Testing
import Vapor

@testable import Web

/// The KITOS import into the register: one transaction, keyed on KITOS's UUIDs, idempotent;
/// usages KITOS drops are marked, not deleted; hand-entered rows and other municipalities untouched.
@Suite struct KitosImportTests {
    static let usages = """
        [{"uuid": "11111111-1111-4111-8111-111111111111", "systemContext": {"uuid": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "DokuNord Sag"},
          "general": {"localCallName": "ESDH", "numberOfExpectedUsers": {"lowerBound": 500}}, "gdpr": {"businessCritical": "Yes"},
          "organizationUsage": {"responsibleOrganizationUnit": {"name": "Digitalisering"}},
          "outgoingSystemRelations": [{"uuid": "dddddddd-dddd-4ddd-8ddd-dddddddddddd", "toSystemUsage": {"uuid": "22222222-2222-4222-8222-222222222222"}}]},
         {"uuid": "22222222-2222-4222-8222-222222222222", "systemContext": {"uuid": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "name": "Fagsystem Y"}}]
        """
    static let contracts = """
        [{"uuid": "33333333-3333-4333-8333-333333333333", "name": "ESDH-kontrakt",
          "supplier": {"organization": {"uuid": "44444444-4444-4444-8444-444444444444", "name": "DokuNord A/S", "cvr": "12345678"}},
          "general": {"validity": {"validTo": "2027-06-30T00:00:00"}},
          "termination": {"terms": {"noticePeriodMonths": {"name": "6"}}},
          "systemUsages": [{"uuid": "11111111-1111-4111-8111-111111111111"}, {"uuid": "99999999-9999-4999-8999-999999999999"}]}]
        """

    static func export(usages: String = usages) throws -> KitosExport {
        try KitosExport.read(["it-system-usages.json": Array(usages.utf8), "it-contracts.json": Array(contracts.utf8)])
    }

    static func count(_ table: String, _ org: UUID, _ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            .where("organisation_id", .equal, SQLBind(org)).first()!.decode(column: "n", as: Int.self)
    }

    @Test func importTwiceUpdatesInsteadOfDuplicatingAndMarksWhatKitosDropped() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let scope = World.scope(world.a, world.adminA, [.architect])
            let register = ResilienceRepository(db: app.db)
            _ = try await register.saveAsset(.init(kind: "process", name: "Indtastet i hånden"), in: scope, now: fixedNow)
            let importer = KitosImporter(db: app.db)
            let first = try await importer.importExport(try Self.export(), in: scope, now: fixedNow)
            #expect(first.usagesCreated == 2 && first.vendors == 1 && first.contracts == 1 && first.integrations == 1 && first.skippedLinks == 1)
            let esdh = try #require(try await register.assets(in: scope).first { $0.name == "ESDH" })
            #expect(esdh.criticality == "critical" && esdh.owner == "Digitalisering" && esdh.users == 500)
            #expect(esdh.kitosUuid == UUID(uuidString: "11111111-1111-4111-8111-111111111111"))

            let again = try await importer.importExport(try Self.export(), in: scope, now: fixedNow)
            #expect(again.usagesCreated == 0 && again.usagesUpdated == 2)
            for (table, n) in [("assets", 3), ("vendors", 1), ("contracts", 1), ("contract_usages", 1), ("integrations", 1)] {
                #expect(try await Self.count(table, world.a.id, app) == n, "\(table)")
            }

            // Fagsystem Y leaves KITOS and ESDH is renamed: the row is kept, marked, and the relation goes.
            let later = """
                [{"uuid": "11111111-1111-4111-8111-111111111111", "systemContext": {"uuid": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "DokuNord Sag"},
                  "general": {"localCallName": "ESDH (ny)"}}]
                """
            let third = try await importer.importExport(try Self.export(usages: later), in: scope, now: fixedNow)
            #expect(third.usagesMarkedRemoved == 1)
            let assets = try await register.assets(in: scope)
            #expect(assets.map(\.name) == ["ESDH (ny)", "Fagsystem Y", "Indtastet i hånden"])
            #expect(assets.first { $0.name == "Fagsystem Y" }?.kitosRemovedAt == fixedNow)
            #expect(assets.first { $0.name == "ESDH (ny)" }?.users == 500)  // not in the new file: kept
            let integrations = try await Self.count("integrations", world.a.id, app)
            #expect(integrations == 0)
            // Another municipality is untouched.
            let bAssets = try await Self.count("assets", world.b.id, app)
            let bVendors = try await Self.count("vendors", world.b.id, app)
            #expect(bAssets == 0 && bVendors == 0)
        }
    }

    @Test func aFailingImportChangesNothing() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let scope = World.scope(world.a, world.adminA, [.architect])
            let long = Self.usages.replacingOccurrences(of: "\"localCallName\": \"ESDH\"", with: "\"localCallName\": \"\(String(repeating: "x", count: 250))\"")
            // A name longer than the inventory allows is cut to 200 characters, not refused…
            _ = try await KitosImporter(db: app.db).importExport(try Self.export(usages: long), in: scope, now: fixedNow)
            #expect(try await ResilienceRepository(db: app.db).assets(in: scope).allSatisfy { $0.name.count <= 200 })
            // …but a usage without a name aborts the whole import and leaves what was there.
            let before = try await Self.count("assets", world.a.id, app)
            let nameless = Self.usages.replacingOccurrences(of: "\"name\": \"Fagsystem Y\"", with: "\"name\": \"\"")
            await #expect(throws: RepositoryError.self) {
                try await KitosImporter(db: app.db).importExport(try Self.export(usages: nameless), in: TenantScope(organisationID: world.b.id,
                    organisationKind: .municipality, userID: world.adminB.id, roles: [.architect]), now: fixedNow)
            }
            let bAssets = try await Self.count("assets", world.b.id, app)
            let bVendors = try await Self.count("vendors", world.b.id, app)
            #expect(bAssets == 0 && bVendors == 0)
            #expect(try await Self.count("assets", world.a.id, app) == before)
        }
    }
}

@Suite struct BindingsLandscapeTests {
    /// The imported register, with a process entered under NIS2 and a binding, read back as the
    /// graph: the analyses see KITOS relations and NIS2 dependencies alike.
    @Test func theStoredRegisterIsTheGraphTheAnalysesRead() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            let scope = World.scope(world.a, world.adminA, [.architect, .securityOfficer])
            _ = try await KitosImporter(db: app.db).importExport(try KitosImportTests.export(), in: scope, now: fixedNow)
            let register = ResilienceRepository(db: app.db)
            let esdh = try #require(try await register.assets(in: scope).first { $0.name == "ESDH" })
            var process = ResilienceRepository.AssetInput(kind: "process", name: "Journalisering")
            process.dependsOn = [esdh.id]
            _ = try await register.saveAsset(process, in: scope, now: fixedNow)
            let sql = app.db as! any SQLDatabase
            let vendor = UUID(), product = UUID(), outlook = UUID()
            try await sql.insert(into: "vendors").columns("id", "organisation_id", "name", "cvr", "country", "non_eu_compellable", "open_source", "created_at", "updated_at")
                .values(SQLBind(vendor), SQLBind(world.a.id), SQLBind("Microsoft"), SQLBind(""), SQLBind("US"), SQLBind(true), SQLBind(false), SQLBind(fixedNow), SQLBind(fixedNow)).run()
            try await sql.insert(into: "products").columns("id", "organisation_id", "vendor_id", "name", "category")
                .values(SQLBind(product), SQLBind(world.a.id), SQLBind(vendor), SQLBind("Microsoft 365"), SQLBind("office suite")).run()
            try await sql.insert(into: "components").columns("id", "organisation_id", "product_id", "name")
                .values(SQLBind(outlook), SQLBind(world.a.id), SQLBind(product), SQLBind("Outlook")).run()
            try await sql.insert(into: "bindings").columns("id", "organisation_id", "asset_id", "target_kind", "target_id", "type", "scope", "strength",
                "substitutability", "functions", "workaround", "evidence", "created_at", "updated_at")
                .values(SQLBind(UUID()), SQLBind(world.a.id), SQLBind(esdh.id), SQLBind("component"), SQLBind(outlook), SQLBind("client_add_in"),
                    SQLBind("fagsystem"), SQLBind("hard"), SQLBind("none"), SQLBind("journalisér e-mail"), SQLBind(""), SQLBind(""), SQLBind(fixedNow), SQLBind(fixedNow)).run()

            let landscape = try await BindingsRepository(db: app.db).landscape(in: scope)
            let radius = BindingGraph(landscape).blastRadius(of: .vendor(vendor))
            let hit = Dictionary(uniqueKeysWithValues: radius.affected.map { ($0.usage.name, $0.strength) })
            // ESDH directly; Journalisering through its NIS2 dependency. Fagsystem Y is not reached:
            // the KITOS relation runs from ESDH to Y (ESDH needs Y), not the other way.
            #expect(hit == ["ESDH": .hard, "Journalisering": .hard])
            #expect(radius.users[.hard] == 500)
            let contracts = try await BindingsRepository(db: app.db).contracts(in: scope)
            #expect(contracts.map(\.noticeMonths) == [6] && contracts.first?.usages == [esdh.id])
            // Another municipality's graph is empty.
            #expect(try await BindingsRepository(db: app.db).landscape(in: World.scope(world.b, world.adminB, [.architect])).usages.isEmpty)
        }
    }
}
