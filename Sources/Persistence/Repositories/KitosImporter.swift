import Bindings
import Community
import FluentKit
import Foundation
import SQLKit

/// Writes a KITOS export into a municipality's register in one transaction: vendors (rights holders,
/// suppliers, data processors), system usages into the one inventory, relations as integrations,
/// contracts with their usages. Keys are KITOS's UUIDs, so a re-import updates instead of
/// duplicating; a usage KITOS no longer lists is marked, not deleted (risks and plans may point at
/// it); rows entered by hand are left alone.
public struct KitosImporter: SQLRepository {
    public struct Summary: Sendable, Equatable {
        public var usagesCreated = 0
        public var usagesUpdated = 0
        public var usagesMarkedRemoved = 0
        public var vendors = 0
        public var contracts = 0
        public var integrations = 0
        /// Relations and contract links to usages the export does not contain.
        public var skippedLinks = 0
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// `delta`: the export holds only what changed since the last pull (`changedSinceGtEq`), so a
    /// usage it does not list is not gone, and only the listed usages' relations are replaced.
    public func importExport(_ k: KitosExport, in scope: TenantScope, now: Date, delta: Bool = false) async throws -> Summary {
        guard scope.may(.manageBindings) else { throw RepositoryError.invalid(field: "role", message: "only architects import the portfolio") }
        return try await db.transaction { tx in try await KitosImporter(db: tx).write(k, scope: scope, now: now, delta: delta) }
    }

    func ids(_ table: String, in scope: TenantScope) async throws -> [UUID: UUID] {
        var out: [UUID: UUID] = [:]
        for row in try await sql.select().columns("id", "kitos_uuid").from(table).where("organisation_id", .equal, SQLBind(scope.organisationID))
            .where("kitos_uuid", .isNot, SQLLiteral.null).all() {
            out[try row.decode(column: "kitos_uuid", as: UUID.self)] = try row.decode(column: "id", as: UUID.self)
        }
        return out
    }

    func write(_ k: KitosExport, scope: TenantScope, now: Date, delta: Bool) async throws -> Summary {
        var summary = Summary()
        let org = SQLBind(scope.organisationID)

        // Vendors.
        var parties: [UUID: KitosExport.Organisation] = [:]
        for s in k.systems { if let r = s.rightsHolder { parties[r.uuid] = r } }
        for c in k.contracts { if let s = c.supplier { parties[s.uuid] = s } }
        for d in k.dataProcessing { for p in d.processors { parties[p.uuid] = p } }
        var vendors = try await ids("vendors", in: scope)
        for party in parties.values.sorted(by: { $0.uuid.uuidString < $1.uuid.uuidString }) {
            if let id = vendors[party.uuid] {
                try await sql.update("vendors").set("name", to: SQLBind(party.name)).set("cvr", to: SQLBind(party.cvr ?? "")).set("updated_at", to: SQLBind(now))
                    .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
            } else {
                let id = UUID()
                vendors[party.uuid] = id
                // A Danish CVR number says DK; otherwise the country is unknown until someone enters it.
                try await sql.insert(into: "vendors").columns("id", "organisation_id", "kitos_uuid", "name", "cvr", "country", "parent_id",
                    "non_eu_compellable", "open_source", "created_at", "updated_at")
                    .values(SQLBind(id), org, SQLBind(party.uuid), SQLBind(party.name), SQLBind(party.cvr ?? ""), SQLBind(party.cvr == nil ? "" : "DK"),
                        SQLBind(UUID?.none), SQLBind(false), SQLBind(false), SQLBind(now), SQLBind(now)).run()
            }
            summary.vendors += 1
        }

        // System usages → the inventory.
        var assets = try await ids("assets", in: scope)
        let repo = ResilienceRepository(db: db)
        for u in k.usages {
            if let id = assets[u.uuid] {
                var q = try sql.update("assets").set("name", to: SQLBind(String(u.name.prefix(200)))).set("updated_at", to: SQLBind(now))
                    .set("kitos_removed_at", to: SQLBind(Date?.none))
                if let users = u.expectedUsers { q = q.set("users", to: SQLBind(max(0, users))) }
                if let unit = u.responsibleUnit { q = q.set("owner", to: SQLBind(String(unit.prefix(200)))) }
                if let critical = u.businessCritical { q = q.set("criticality", to: SQLBind(critical ? "critical" : "medium")) }
                try await q.where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
                summary.usagesUpdated += 1
            } else {
                var input = ResilienceRepository.AssetInput(kind: "system", name: String(u.name.prefix(200)))
                input.kitosUuid = u.uuid
                input.owner = String((u.responsibleUnit ?? "").prefix(200))
                input.criticality = u.businessCritical == true ? "critical" : "medium"
                let id = try await repo.saveAsset(input, in: scope, now: now)
                try await sql.update("assets").set("users", to: SQLBind(max(0, u.expectedUsers ?? 0))).where("id", .equal, SQLBind(id)).run()
                assets[u.uuid] = id
                summary.usagesCreated += 1
            }
        }
        // What a link may point at: the usages of this export, or (for a delta) any usage still in the register.
        let present = try await sql.select().columns("id", "kitos_uuid").from("assets").where("organisation_id", .equal, org)
            .where("kitos_uuid", .isNot, SQLLiteral.null).where("kitos_removed_at", .is, SQLLiteral.null).all()
        let listed = delta ? Set(try present.map { try $0.decode(column: "kitos_uuid", as: UUID.self) }).union(k.usages.map(\.uuid))
            : Set(k.usages.map(\.uuid))
        let stillPresent = delta ? [] : present
        for row in stillPresent where !listed.contains(try row.decode(column: "kitos_uuid", as: UUID.self)) {
            try await sql.update("assets").set("kitos_removed_at", to: SQLBind(now)).where("id", .equal, SQLBind(try row.decode(column: "id", as: UUID.self)))
                .where("organisation_id", .equal, org).run()
            summary.usagesMarkedRemoved += 1
        }

        // Relations: the KITOS ones are replaced; integrations entered by hand stay.
        var stale = try sql.delete(from: "integrations").where("organisation_id", .equal, org).where("kitos_uuid", .isNot, SQLLiteral.null)
        if delta { stale = stale.where("kitos_uuid", .in, SQLBind.group(k.usages.map(\.uuid))) }
        if !delta || !k.usages.isEmpty { try await stale.run() }
        for u in k.usages {
            for target in u.relatedUsages {
                guard let consumer = assets[u.uuid], let provider = assets[target], listed.contains(target) else { summary.skippedLinks += 1; continue }
                try await sql.insert(into: "integrations").columns("id", "organisation_id", "kitos_uuid", "consumer_id", "provider_id")
                    .values(SQLBind(UUID()), org, SQLBind(u.uuid), SQLBind(consumer), SQLBind(provider)).run()
                summary.integrations += 1
            }
        }

        // Contracts and the usages they cover.
        let contracts = try await ids("contracts", in: scope)
        for c in k.contracts {
            let id = contracts[c.uuid] ?? UUID()
            let vendor = c.supplier.flatMap { vendors[$0.uuid] }
            if contracts[c.uuid] != nil {
                var q = try sql.update("contracts").set("name", to: SQLBind(String(c.name.prefix(300)))).set("vendor_id", to: SQLBind(vendor))
                    .set("valid_from", to: SQLBind(c.validFrom)).set("expiry", to: SQLBind(c.validTo)).set("irrevocable_until", to: SQLBind(c.irrevocableUntil))
                    .set("terminated_at", to: SQLBind(c.terminatedAt)).set("updated_at", to: SQLBind(now))
                if let notice = c.noticePeriodMonths { q = q.set("notice_months", to: SQLBind(notice)) }
                try await q.where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
            } else {
                try await sql.insert(into: "contracts").columns("id", "organisation_id", "kitos_uuid", "name", "vendor_id", "valid_from", "expiry", "notice_months",
                    "irrevocable_until", "renewal_months", "terminated_at", "exit_clause", "exit_assistance", "created_at", "updated_at")
                    .values(SQLBind(id), org, SQLBind(c.uuid), SQLBind(String(c.name.prefix(300))), SQLBind(vendor), SQLBind(c.validFrom), SQLBind(c.validTo),
                        SQLBind(c.noticePeriodMonths ?? 0), SQLBind(c.irrevocableUntil), SQLBind(Int?.none), SQLBind(c.terminatedAt), SQLBind(false), SQLBind(false),
                        SQLBind(now), SQLBind(now)).run()
            }
            try await sql.delete(from: "contract_usages").where("contract_id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
            for usage in Set(c.usages) {
                guard let asset = assets[usage], listed.contains(usage) else { summary.skippedLinks += 1; continue }
                try await sql.insert(into: "contract_usages").columns("id", "organisation_id", "contract_id", "asset_id")
                    .values(SQLBind(UUID()), org, SQLBind(id), SQLBind(asset)).run()
            }
            summary.contracts += 1
        }

        // Vendor roles, unified: rights holder of a used system, supplier of a contract, data processor.
        var roles = try sql.delete(from: "vendor_roles").where("organisation_id", .equal, org).where("source", .equal, SQLBind("kitos"))
        if delta {
            let assetIDs = k.usages.compactMap { assets[$0.uuid] }, contractIDs = k.contracts.compactMap { contracts[$0.uuid] }
            roles = roles.where { group in
                group.where("asset_id", .in, SQLBind.group(assetIDs.isEmpty ? [UUID()] : assetIDs))
                    .orWhere("contract_id", .in, SQLBind.group(contractIDs.isEmpty ? [UUID()] : contractIDs))
            }
        }
        try await roles.run()
        let contractIDs = try await ids("contracts", in: scope)
        func role(_ vendor: UUID?, _ role: VendorRole, asset: UUID? = nil, contract: UUID? = nil) async throws {
            guard let vendor else { return }
            try await sql.insert(into: "vendor_roles").columns("id", "organisation_id", "vendor_id", "role", "asset_id", "contract_id", "source")
                .values(SQLBind(UUID()), org, SQLBind(vendor), SQLBind(role.rawValue), SQLBind(asset), SQLBind(contract), SQLBind("kitos")).run()
        }
        let systems = Dictionary(k.systems.map { ($0.uuid, $0) }, uniquingKeysWith: { a, _ in a })
        for u in k.usages {
            if let holder = systems[u.systemUUID]?.rightsHolder { try await role(vendors[holder.uuid], .rightsHolder, asset: assets[u.uuid]) }
        }
        for c in k.contracts { if let s = c.supplier { try await role(vendors[s.uuid], .supplier, contract: contractIDs[c.uuid]) } }
        for d in k.dataProcessing {
            for p in d.processors {
                for usage in Set(d.usages) where assets[usage] != nil { try await role(vendors[p.uuid], .dataProcessor, asset: assets[usage]) }
            }
        }
        return summary
    }
}
