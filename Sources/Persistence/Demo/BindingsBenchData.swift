import Bindings
import Community
import FluentKit
import Foundation
import SQLKit

/// Generated bindings registers at regional-centre scale for benchmarks (bench/bindings.sh): per
/// municipality 600 system usages (500 systems, 100 processes), 2,400 bindings skewed towards a few
/// keystone components (as identity and mail are in real landscapes), integrations, contracts and
/// data sets — deterministic, written in bulk, one transaction per municipality.
public enum BindingsBenchData {
    public struct Size: Sendable {
        public var usages = 600
        public var bindings = 2_400
        public var vendors = 20
        public var productsPerVendor = 2
        public var componentsPerProduct = 4
        public var contracts = 40

        public init() {}
    }

    public static func generate(on db: any Database, organisations: [Organisation], size: Size, now: Date) async throws {
        for (n, org) in organisations.enumerated() {
            try await db.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return }
                var random = Nis2BenchData.Random(state: UInt64(n + 7) &* 0x9E37_79B9_7F4A_7C15)
                let o = SQLBind(org.id)
                func bulk(_ table: String, _ columns: [String], _ rows: [[any SQLExpression]]) async throws {
                    var start = 0
                    while start < rows.count {
                        var q = sql.insert(into: table).columns(columns)
                        for row in rows[start..<min(start + 500, rows.count)] { q = q.values(row) }
                        try await q.run()
                        start += 500
                    }
                }
                let vendors = (0..<size.vendors).map { _ in UUID() }
                try await bulk("vendors", ["id", "organisation_id", "kitos_uuid", "name", "cvr", "country", "parent_id", "non_eu_compellable", "open_source",
                                           "created_at", "updated_at"], vendors.enumerated().map { i, id in
                    [SQLBind(id), o, SQLBind(UUID?.none), SQLBind("Leverandør \(i + 1)"), SQLBind(""), SQLBind(i % 3 == 0 ? "US" : "DK"),
                     SQLBind(i > 0 && i % 5 == 0 ? vendors[0] : nil), SQLBind(i % 3 == 0), SQLBind(i % 7 == 6), SQLBind(now), SQLBind(now)]
                })
                var products: [(UUID, UUID)] = []
                for v in vendors { for _ in 0..<size.productsPerVendor { products.append((UUID(), v)) } }
                try await bulk("products", ["id", "organisation_id", "vendor_id", "name", "category"], products.enumerated().map { i, p in
                    [SQLBind(p.0), o, SQLBind(p.1), SQLBind("Produkt \(i + 1)"), SQLBind(i == 0 ? "office suite" : ["fagsystem", "identity", "ESDH", "BI"][i % 4])]
                })
                var components: [UUID] = []
                var componentRows: [[any SQLExpression]] = []
                for (i, p) in products.enumerated() {
                    for c in 0..<size.componentsPerProduct {
                        let id = UUID()
                        components.append(id)
                        componentRows.append([SQLBind(id), o, SQLBind(p.0), SQLBind("Komponent \(i + 1).\(c + 1)")])
                    }
                }
                try await bulk("components", ["id", "organisation_id", "product_id", "name"], componentRows)
                let departments = (1...12).map { "Afdeling \($0)" }
                let usages = (0..<size.usages).map { _ in UUID() }
                let processes = size.usages / 6
                try await bulk("assets", ["id", "organisation_id", "kind", "name", "description", "owner", "criticality", "kle", "kitos_uuid", "mtpd_hours",
                                          "rto_hours", "rpo_hours", "min_service", "manual_fallback", "created_at", "updated_at", "users", "used_by"],
                    usages.enumerated().map { i, id in
                        let usedBy = (0..<(1 + random.next(3))).map { _ in departments[random.next(departments.count)] }
                        return [SQLBind(id), o, SQLBind(i < processes ? "process" : "system"), SQLBind(i < processes ? "Proces \(i + 1)" : "System \(i + 1)"),
                                SQLBind(""), SQLBind(departments[i % departments.count]), SQLBind(AssetRecord.criticalities[random.next(4)]), SQLBind(""),
                                SQLBind(UUID?.none), SQLBind(Double?.none), SQLBind(Double?.none), SQLBind(Double?.none), SQLBind(""), SQLBind(""),
                                SQLBind(now), SQLBind(now), SQLBind(10 + random.next(900)), SQLBind(Array(Set(usedBy)).sorted().joined(separator: "\n"))]
                    })
                // Bindings: 30 % to the first eight components (the keystones), the rest spread out.
                var bindingRows: [[any SQLExpression]] = []
                for _ in 0..<size.bindings {
                    let from = usages[random.next(usages.count)]
                    let pick = random.next(100)
                    let (kind, target): (String, UUID) = pick < 30 ? ("component", components[random.next(min(8, components.count))])
                        : pick < 85 ? ("component", components[random.next(components.count)])
                        : pick < 95 ? ("product", products[random.next(products.count)].0) : ("vendor", vendors[random.next(vendors.count)])
                    let type = BindingType.allCases[random.next(BindingType.allCases.count)]
                    bindingRows.append([SQLBind(UUID()), o, SQLBind(from), SQLBind(kind), SQLBind(target), SQLBind(type.rawValue),
                        SQLBind(BindingScope.allCases[random.next(3)].rawValue), SQLBind(Strength.allCases[random.next(3)].rawValue),
                        SQLBind(Substitutability.allCases[random.next(3)].rawValue), SQLBind("Funktion \(random.next(50))"), SQLBind(""),
                        SQLBind(random.next(4) == 0 ? nil : Int64(10_000 * (1 + random.next(50)))), SQLBind(Double(random.next(60))), SQLBind(""),
                        SQLBind(UUID?.none), SQLBind(random.next(3) == 0 ? nil : now), SQLBind(now), SQLBind(now)])
                }
                try await bulk("bindings", ["id", "organisation_id", "asset_id", "target_kind", "target_id", "type", "scope", "strength", "substitutability",
                                            "functions", "workaround", "removal_cost", "removal_effort_days", "evidence", "verified_by", "verified_at",
                                            "created_at", "updated_at"], bindingRows)
                // Each process needs three systems; a third of the systems feed another system.
                var integrationRows: [[any SQLExpression]] = []
                for p in 0..<processes {
                    for _ in 0..<3 {
                        integrationRows.append([SQLBind(UUID()), o, SQLBind(UUID?.none), SQLBind(usages[p]), SQLBind(usages[processes + random.next(usages.count - processes)])])
                    }
                }
                for s in stride(from: processes, to: usages.count, by: 3) {
                    integrationRows.append([SQLBind(UUID()), o, SQLBind(UUID?.none), SQLBind(usages[s]), SQLBind(usages[processes + random.next(usages.count - processes)])])
                }
                try await bulk("integrations", ["id", "organisation_id", "kitos_uuid", "consumer_id", "provider_id"], integrationRows)
                var contractRows: [[any SQLExpression]] = []
                var coverRows: [[any SQLExpression]] = []
                for c in 0..<size.contracts {
                    let id = UUID()
                    let expiry = Calendar(identifier: .gregorian).date(byAdding: .month, value: 3 + random.next(60), to: now)
                    contractRows.append([SQLBind(id), o, SQLBind(UUID?.none), SQLBind("Kontrakt \(c + 1)"), SQLBind(vendors[c % vendors.count]),
                        SQLBind(Date?.none), SQLBind(expiry), SQLBind(random.next(13)), SQLBind(Date?.none), SQLBind(c % 2 == 0 ? 12 : nil), SQLBind(Date?.none),
                        SQLBind(c % 3 == 0), SQLBind(c % 4 == 0), SQLBind(Int64(100_000 * (1 + random.next(40)))), SQLBind(""), SQLBind(false), SQLBind(now), SQLBind(now)])
                    for u in Set((0..<10).map { _ in usages[processes + random.next(usages.count - processes)] }) {
                        coverRows.append([SQLBind(UUID()), o, SQLBind(id), SQLBind(u)])
                    }
                }
                try await bulk("contracts", ["id", "organisation_id", "kitos_uuid", "name", "vendor_id", "valid_from", "expiry", "notice_months",
                                             "irrevocable_until", "renewal_months", "terminated_at", "exit_clause", "exit_assistance", "annual_cost",
                                             "data_return", "switching_charges", "created_at", "updated_at"], contractRows)
                try await bulk("contract_usages", ["id", "organisation_id", "contract_id", "asset_id"], coverRows)
                let dataRows: [[any SQLExpression]] = (0..<150).map { i in
                    [SQLBind(UUID()), o, SQLBind(usages[processes + random.next(usages.count - processes)]), SQLBind("Datasæt \(i + 1)"), SQLBind(i % 3 == 0),
                     SQLBind("CSV"), SQLBind(i % 2 == 0 ? now : nil), SQLBind(i % 4 == 0)]
                }
                try await bulk("data_assets", ["id", "organisation_id", "asset_id", "name", "business_critical", "export_formats", "last_tested_export",
                                               "tested_export_open"], dataRows)
            }
        }
    }
}
