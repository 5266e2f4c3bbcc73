import Bindings
import Community
import FluentKit
import Foundation
import SQLKit

/// The CSV import and export of systems, vendors and bindings (for municipalities without KITOS).
/// Rows are matched by name (case-insensitive), so a re-import updates; one file is one transaction,
/// and a row naming something unknown is refused with its line and column, changing nothing.
public struct BindingsCSVImporter: SQLRepository {
    public struct Summary: Sendable, Equatable {
        public var created = 0
        public var updated = 0
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    public func importFile(_ file: BindingsCSV.File, name: String, in scope: TenantScope, now: Date) async throws -> Summary {
        try BindingsRepository.requireArchitect(scope)
        return try await db.transaction { tx in try await BindingsCSVImporter(db: tx).write(file, name: name, scope: scope, now: now) }
    }

    func names(_ table: String, in scope: TenantScope, extra: ((any SQLPredicateBuilder) -> Void)? = nil) async throws -> [String: UUID] {
        var out: [String: UUID] = [:]
        for r in try await sql.select().columns("id", "name").from(table).where("organisation_id", .equal, SQLBind(scope.organisationID)).all() {
            out[try r.decode(column: "name", as: String.self).lowercased()] = try r.decode(column: "id", as: UUID.self)
        }
        return out
    }

    func write(_ file: BindingsCSV.File, name: String, scope: TenantScope, now: Date) async throws -> Summary {
        var summary = Summary()
        let repo = BindingsRepository(db: db)
        let org = SQLBind(scope.organisationID)
        func refuse(_ line: Int, _ column: String, _ message: String) -> BindingsCSV.Failure {
            let index = (file.columns.firstIndex(of: column) ?? 0) + 1
            return BindingsCSV.Failure(file: name, line: line, column: index, field: column, message: message)
        }
        switch file {
        case .systems(let rows):
            let assets = try await names("assets", in: scope)
            let register = ResilienceRepository(db: db)
            for r in rows {
                let id: UUID
                if let existing = assets[r.name.lowercased()] {
                    id = existing
                    try await sql.update("assets").set("kind", to: SQLBind(r.kind.rawValue)).set("owner", to: SQLBind(r.owner))
                        .set("criticality", to: SQLBind(r.criticality)).set("updated_at", to: SQLBind(now))
                        .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
                    summary.updated += 1
                } else {
                    var input = ResilienceRepository.AssetInput(kind: r.kind.rawValue, name: r.name)
                    (input.owner, input.criticality, input.kitosUuid) = (r.owner, r.criticality, r.kitosUUID)
                    id = try await register.saveAsset(input, in: scope, now: now)
                    summary.created += 1
                }
                try await repo.saveUsage(id, users: r.users, usedBy: r.usedBy, in: scope, now: now)
            }
        case .vendors(let rows):
            var vendors = try await names("vendors", in: scope)
            // Two passes: every vendor first, then the parents (which may come later in the file).
            for r in rows {
                var input = BindingsRepository.VendorInput(name: r.name, country: r.country)
                (input.cvr, input.nonEUCompellable, input.openSource) = (r.cvr, r.nonEUCompellable, r.openSource)
                if let id = vendors[r.name.lowercased()] {
                    input.parentID = try await sql.select().column("parent_id").from("vendors").where("id", .equal, SQLBind(id)).first()?
                        .decode(column: "parent_id", as: UUID?.self)
                    _ = try await repo.saveVendor(input, id: id, in: scope, now: now)
                    summary.updated += 1
                } else {
                    vendors[r.name.lowercased()] = try await repo.saveVendor(input, in: scope, now: now)
                    summary.created += 1
                }
            }
            for (line, r) in rows.enumerated() where !r.parent.isEmpty {
                guard let parent = vendors[r.parent.lowercased()], let id = vendors[r.name.lowercased()] else {
                    throw refuse(line + 2, "parent", "no vendor named \"\(r.parent)\" in the file or the register")
                }
                try await sql.update("vendors").set("parent_id", to: SQLBind(parent)).where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
            }
        case .bindings(let rows):
            let assets = try await names("assets", in: scope)
            let vendors = try await names("vendors", in: scope)
            var products: [String: UUID] = [:]  // "vendor id/product name"
            for r in try await sql.select().columns("id", "vendor_id", "name").from("products").where("organisation_id", .equal, org).all() {
                products["\(try r.decode(column: "vendor_id", as: UUID.self))/\(try r.decode(column: "name", as: String.self).lowercased())"] =
                    try r.decode(column: "id", as: UUID.self)
            }
            var components: [String: UUID] = [:]
            for r in try await sql.select().columns("id", "product_id", "name").from("components").where("organisation_id", .equal, org).all() {
                components["\(try r.decode(column: "product_id", as: UUID.self))/\(try r.decode(column: "name", as: String.self).lowercased())"] =
                    try r.decode(column: "id", as: UUID.self)
            }
            var existing: [String: UUID] = [:]
            for r in try await sql.select().columns("id", "asset_id", "target_id", "type").from("bindings").where("organisation_id", .equal, org).all() {
                existing["\(try r.decode(column: "asset_id", as: UUID.self))/\(try r.decode(column: "target_id", as: UUID.self))/\(try r.decode(column: "type", as: String.self))"] =
                    try r.decode(column: "id", as: UUID.self)
            }
            for r in rows {
                guard let asset = assets[r.system.lowercased()] else { throw refuse(r.line, "system", "no system named \"\(r.system)\" in the register") }
                guard let vendor = vendors[r.vendor.lowercased()] else { throw refuse(r.line, "vendor", "no vendor named \"\(r.vendor)\" in the register") }
                var target = Target.vendor(vendor)
                if !r.product.isEmpty {
                    let key = "\(vendor)/\(r.product.lowercased())"
                    var product: UUID
                    if let known = products[key] { product = known } else {
                        product = try await repo.saveProduct(vendorID: vendor, name: r.product, category: r.productCategory, in: scope)
                    }
                    products[key] = product
                    target = .product(product)
                    if !r.component.isEmpty {
                        let ckey = "\(product)/\(r.component.lowercased())"
                        var component: UUID
                        if let known = components[ckey] { component = known } else {
                            component = try await repo.saveComponent(productID: product, name: r.component, in: scope)
                        }
                        components[ckey] = component
                        target = .component(component)
                    }
                }
                var input = BindingsRepository.BindingInput(assetID: asset, target: target, type: r.type, strength: r.strength)
                (input.scope, input.substitutability, input.functions, input.workaround) = (r.scope, r.substitutability, r.functions, r.workaround)
                (input.removalCost, input.removalEffortDays, input.evidence) = (r.removalCost, r.removalEffortDays, r.evidence)
                let key = "\(asset)/\(BindingsRepository.kind(of: target).id)/\(r.type.rawValue)"
                if let id = existing[key] {
                    _ = try await repo.saveBinding(input, id: id, in: scope, now: now)
                    summary.updated += 1
                } else {
                    existing[key] = try await repo.saveBinding(input, in: scope, now: now)
                    summary.created += 1
                }
            }
        }
        return summary
    }

    /// The register as the three CSV files (the systems still in use; processes included).
    public func export(in scope: TenantScope) async throws -> (systems: String, vendors: String, bindings: String) {
        let repo = BindingsRepository(db: db)
        let l = try await repo.landscape(in: scope)
        let kitos = Dictionary(try await sql.select().columns("id", "kitos_uuid", "criticality").from("assets")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).all().map { r in
                (try r.decode(column: "id", as: UUID.self), (try r.decode(column: "kitos_uuid", as: UUID?.self), try r.decode(column: "criticality", as: String.self)))
            }, uniquingKeysWith: { a, _ in a })
        let systems = l.usages.sorted { $0.name < $1.name }.map { u in
            BindingsCSV.SystemRow(name: u.name, kind: u.kind, owner: u.department ?? "", usedBy: u.usedBy, users: u.users,
                criticality: kitos[u.id]?.1 ?? "medium", kitosUUID: kitos[u.id]?.0)
        }
        let vendorsByID = Dictionary(l.vendors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let vendors = l.vendors.sorted { $0.name < $1.name }.map { v in
            BindingsCSV.VendorRow(name: v.name, cvr: v.cvr, country: v.country, parent: v.parentID.flatMap { vendorsByID[$0]?.name } ?? "",
                nonEUCompellable: v.nonEUCompellable, openSource: v.openSource)
        }
        let products = Dictionary(l.products.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let components = Dictionary(l.components.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let usages = Dictionary(l.usages.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let bindings = l.bindings.compactMap { b -> BindingsCSV.BindingRow? in
            guard let system = usages[b.from] else { return nil }
            var vendor: Vendor?, product: Product?, component: Component?
            switch b.to {
            case .vendor(let id): vendor = vendorsByID[id]
            case .product(let id): product = products[id]
            case .component(let id): component = components[id]; product = component.flatMap { products[$0.productID] }
            }
            vendor = vendor ?? product.flatMap { vendorsByID[$0.vendorID] }
            guard let vendor else { return nil }
            return BindingsCSV.BindingRow(line: 0, system: system, vendor: vendor.name, product: product?.name ?? "", productCategory: product?.category ?? "",
                component: component?.name ?? "", type: b.type, scope: b.scope, strength: b.strength, substitutability: b.substitutability,
                functions: b.functions, workaround: b.workaround, removalCost: b.removalCost, removalEffortDays: b.removalEffortDays, evidence: b.evidence)
        }.sorted { ($0.system, $0.vendor, $0.product, $0.component) < ($1.system, $1.vendor, $1.product, $1.component) }
        return (BindingsCSV.write(systems: systems), BindingsCSV.write(vendors: vendors), BindingsCSV.write(bindings: bindings))
    }
}

extension BindingsCSV.File {
    var columns: [String] {
        switch self {
        case .systems: BindingsCSV.Kind.systems.columns
        case .vendors: BindingsCSV.Kind.vendors.columns
        case .bindings: BindingsCSV.Kind.bindings.columns
        }
    }
}
