import Bindings
import Community
import FluentKit
import Foundation
import SQLKit

/// Reads a municipality's bindings register into the domain's `Landscape` (and its contracts and data
/// assets), so the analyses run on the graph in memory rather than page by page in SQL.
public struct BindingsRepository: SQLRepository {
    let db: any Database

    public init(db: any Database) { self.db = db }

    func all(_ table: String, _ columns: [String], in scope: TenantScope) async throws -> [any SQLRow] {
        try await sql.select().columns(columns.map { SQLIdentifier($0) }).from(table).where("organisation_id", .equal, SQLBind(scope.organisationID)).all()
    }

    public func landscape(in scope: TenantScope) async throws -> Landscape {
        var l = Landscape()
        for r in try await all("vendors", ["id", "name", "country", "parent_id", "non_eu_compellable", "open_source", "cvr"], in: scope) {
            l.vendors.append(Vendor(id: try r.decode(column: "id", as: UUID.self), name: try r.decode(column: "name", as: String.self),
                country: try r.decode(column: "country", as: String.self), parentID: try r.decode(column: "parent_id", as: UUID?.self),
                nonEUCompellable: try r.decode(column: "non_eu_compellable", as: Bool.self), openSource: try r.decode(column: "open_source", as: Bool.self),
                cvr: try r.decode(column: "cvr", as: String.self)))
        }
        for r in try await all("products", ["id", "vendor_id", "name", "category", "delivery", "licence", "open_standards", "export_formats"], in: scope) {
            func list(_ c: String) throws -> [String] { try r.decode(column: c, as: String.self).split(separator: "\n").map(String.init) }
            l.products.append(Product(id: try r.decode(column: "id", as: UUID.self), vendorID: try r.decode(column: "vendor_id", as: UUID.self),
                name: try r.decode(column: "name", as: String.self), category: try r.decode(column: "category", as: String.self),
                delivery: try r.decode(column: "delivery", as: String.self), licence: try r.decode(column: "licence", as: String.self),
                openStandards: try list("open_standards"), exportFormats: try list("export_formats")))
        }
        for r in try await all("components", ["id", "product_id", "name"], in: scope) {
            l.components.append(Component(id: try r.decode(column: "id", as: UUID.self), productID: try r.decode(column: "product_id", as: UUID.self),
                name: try r.decode(column: "name", as: String.self)))
        }
        // Usages: the systems and processes of the inventory still in use.
        for r in try await sql.select().columns("id", "name", "kind", "owner", "users", "criticality", "used_by").from("assets")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).where("kitos_removed_at", .is, SQLLiteral.null)
            .where("kind", .in, SQLBind.group(["system", "process"])).all() {
            let owner = try r.decode(column: "owner", as: String.self)
            l.usages.append(Usage(id: try r.decode(column: "id", as: UUID.self), name: try r.decode(column: "name", as: String.self),
                kind: try r.decode(column: "kind", as: String.self) == "process" ? .process : .system, department: owner.isEmpty ? nil : owner,
                usedBy: try r.decode(column: "used_by", as: String.self).split(separator: "\n").map(String.init), users: try r.decode(column: "users", as: Int.self), businessCritical: try r.decode(column: "criticality", as: String.self) == "critical"))
        }
        for r in try await all("bindings", ["id", "asset_id", "target_kind", "target_id", "type", "scope", "strength", "substitutability", "functions",
                                            "workaround", "removal_cost", "removal_effort_days", "verified_at", "verified_by", "evidence"], in: scope) {
            let targetID = try r.decode(column: "target_id", as: UUID.self)
            let target: Target
            switch try r.decode(column: "target_kind", as: String.self) {
            case "vendor": target = .vendor(targetID)
            case "product": target = .product(targetID)
            default: target = .component(targetID)
            }
            l.bindings.append(Binding(
                id: try r.decode(column: "id", as: UUID.self), from: try r.decode(column: "asset_id", as: UUID.self), to: target,
                type: BindingType(rawValue: try r.decode(column: "type", as: String.self)) ?? .api,
                scope: BindingScope(rawValue: try r.decode(column: "scope", as: String.self)) ?? .fagsystem,
                strength: Strength(rawValue: try r.decode(column: "strength", as: String.self)) ?? .degraded,
                substitutability: Substitutability(rawValue: try r.decode(column: "substitutability", as: String.self)) ?? .none,
                functions: try r.decode(column: "functions", as: String.self).split(separator: "\n").map(String.init),
                workaround: try r.decode(column: "workaround", as: String.self), removalCost: try r.decode(column: "removal_cost", as: Int?.self),
                removalEffortDays: try r.decode(column: "removal_effort_days", as: Double?.self), verifiedAt: try r.decode(column: "verified_at", as: Date?.self),
                verifiedBy: try r.decode(column: "verified_by", as: UUID?.self), evidence: try r.decode(column: "evidence", as: String.self)))
        }
        // Integrations, and the NIS2 dependencies (a process needs its systems) as the same kind of edge.
        var edges = Set<[UUID]>()
        for (table, consumer, provider) in [("integrations", "consumer_id", "provider_id"), ("asset_dependencies", "asset_id", "resource_id")] {
            for r in try await all(table, [consumer, provider], in: scope) {
                let edge = [try r.decode(column: consumer, as: UUID.self), try r.decode(column: provider, as: UUID.self)]
                if edges.insert(edge).inserted { l.integrations.append(Integration(consumer: edge[0], provider: edge[1])) }
            }
        }
        return l
    }

    public func contracts(in scope: TenantScope) async throws -> [Contract] {
        var usages: [UUID: [UUID]] = [:]
        for r in try await all("contract_usages", ["contract_id", "asset_id"], in: scope) {
            usages[try r.decode(column: "contract_id", as: UUID.self), default: []].append(try r.decode(column: "asset_id", as: UUID.self))
        }
        return try await all("contracts", ["id", "name", "vendor_id", "valid_from", "expiry", "notice_months", "irrevocable_until", "renewal_months",
                                           "terminated_at", "exit_clause", "exit_assistance", "annual_cost", "data_return", "switching_charges"], in: scope).compactMap { r in
            // A terminated contract no longer binds.
            guard try r.decode(column: "terminated_at", as: Date?.self) == nil else { return nil }
            let id = try r.decode(column: "id", as: UUID.self)
            return Contract(id: id, name: try r.decode(column: "name", as: String.self), vendorID: try r.decode(column: "vendor_id", as: UUID?.self),
                usages: usages[id] ?? [], start: try r.decode(column: "valid_from", as: Date?.self), expiry: try r.decode(column: "expiry", as: Date?.self),
                noticeMonths: try r.decode(column: "notice_months", as: Int.self), irrevocableUntil: try r.decode(column: "irrevocable_until", as: Date?.self),
                renewalMonths: try r.decode(column: "renewal_months", as: Int?.self), hasExitClause: try r.decode(column: "exit_clause", as: Bool.self),
                hasExitAssistance: try r.decode(column: "exit_assistance", as: Bool.self), annualCost: try r.decode(column: "annual_cost", as: Int?.self),
                dataReturn: try r.decode(column: "data_return", as: String.self), switchingCharges: try r.decode(column: "switching_charges", as: Bool.self))
        }
    }
}
