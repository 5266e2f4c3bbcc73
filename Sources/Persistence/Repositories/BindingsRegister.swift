import Bindings
import Community
import FluentKit
import Foundation
import SQLKit

/// An exit plan, shaped like DORA's exit-plan requirements: what it covers, what starts it, the way
/// out in phases, and management's approval (a changed plan needs approval again).
public struct ExitPlanRecord: Codable, Sendable, Identifiable, Equatable {
    public var id: UUID
    public var organisationId: UUID
    public var title: String
    /// vendor, product or component — what the plan leaves.
    public var targetKind: String?
    public var targetId: UUID?
    public var contractId: UUID?
    /// The sub-area: departments, one per line (empty: the whole municipality).
    public var departments: String
    public var triggers: String
    public var impact: String
    public var alternatives: String
    public var phases: String
    public var dataMigration: String
    public var roles: String
    public var successCriteria: String
    public var tests: String
    /// `YYYY-MM-DD`, or empty.
    public var plannedDone: String
    public var approvedBy: UUID?
    public var approvedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, departments, triggers, impact, alternatives, phases, roles, tests
        case organisationId = "organisation_id"
        case targetKind = "target_kind"
        case targetId = "target_id"
        case contractId = "contract_id"
        case dataMigration = "data_migration"
        case successCriteria = "success_criteria"
        case plannedDone = "planned_done"
        case approvedBy = "approved_by"
        case approvedAt = "approved_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public var target: Target? { BindingsRepository.target(kind: targetKind, id: targetId) }
    public var departmentList: [String] { departments.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

/// A stored lock-in score: the trend over time.
public struct LockInSnapshot: Sendable, Equatable {
    public var takenAt: Date
    public var target: Target
    public var name: String
    public var total: Double
    public var level: String
    /// "bindings=3 breadth=1 …"
    public var dimensions: [String: Int]
}

public struct VendorRoleRecord: Sendable, Equatable {
    public var vendorID: UUID
    public var role: VendorRole
    public var assetID: UUID?
    public var contractID: UUID?
}

extension BindingsRepository {
    static func target(kind: String?, id: UUID?) -> Target? {
        guard let kind, let id else { return nil }
        switch kind {
        case "vendor": return .vendor(id)
        case "product": return .product(id)
        case "component": return .component(id)
        default: return nil
        }
    }

    public static func kind(of target: Target) -> (kind: String, id: UUID) {
        switch target {
        case .vendor(let id): ("vendor", id)
        case .product(let id): ("product", id)
        case .component(let id): ("component", id)
        }
    }

    static func requireArchitect(_ scope: TenantScope) throws {
        guard scope.may(.manageBindings) else { throw RepositoryError.invalid(field: "role", message: "only architects change the bindings register") }
    }

    static func invalid(_ field: String, _ message: String) -> RepositoryError { .invalid(field: field, message: message) }

    func exists(_ table: String, _ id: UUID, in scope: TenantScope) async throws -> Bool {
        try await sql.select().column("id").from(table).where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID))
            .first() != nil
    }

    func requireRow(_ table: String, _ id: UUID, in scope: TenantScope) async throws {
        guard try await exists(table, id, in: scope) else { throw RepositoryError.notFound }
    }

    /// A target belongs to the municipality.
    func requireTarget(_ target: Target, in scope: TenantScope) async throws {
        let (kind, id) = Self.kind(of: target)
        try await requireRow(kind == "vendor" ? "vendors" : kind == "product" ? "products" : "components", id, in: scope)
    }

    static func clean(_ text: String, _ field: String, max: Int = 2_000, required: Bool = false) throws -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && t.isEmpty { throw invalid(field, "must not be empty") }
        if t.count > max { throw invalid(field, "at most \(max) characters") }
        return t
    }
}

// MARK: - Vendors, products, components

extension BindingsRepository {
    public struct VendorInput: Sendable {
        public var name: String
        public var cvr = ""
        public var country: String
        public var parentID: UUID?
        public var nonEUCompellable = false
        public var openSource = false

        public init(name: String, country: String) {
            self.name = name
            self.country = country
        }
    }

    public func saveVendor(_ input: VendorInput, id: UUID? = nil, in scope: TenantScope, now: Date) async throws -> UUID {
        try Self.requireArchitect(scope)
        let name = try Self.clean(input.name, "name", max: 200, required: true)
        let country = input.country.trimmingCharacters(in: .whitespaces).uppercased()
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else { throw Self.invalid("country", "a two-letter country code, e.g. DK") }
        if let parent = input.parentID {
            try await requireRow("vendors", parent, in: scope)
            // No cycles: walk up from the parent.
            var current: UUID? = parent
            var steps = 0
            while let c = current, steps < 100 {
                if c == id { throw Self.invalid("parent_id", "a vendor cannot be its own parent, directly or through others") }
                current = try await sql.select().column("parent_id").from("vendors").where("id", .equal, SQLBind(c)).first()?
                    .decode(column: "parent_id", as: UUID?.self)
                steps += 1
            }
        }
        let org = SQLBind(scope.organisationID)
        if let id {
            try await requireRow("vendors", id, in: scope)
            try await sql.update("vendors").set("name", to: SQLBind(name)).set("cvr", to: SQLBind(try Self.clean(input.cvr, "cvr", max: 40)))
                .set("country", to: SQLBind(country)).set("parent_id", to: SQLBind(input.parentID)).set("non_eu_compellable", to: SQLBind(input.nonEUCompellable))
                .set("open_source", to: SQLBind(input.openSource)).set("updated_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
            return id
        }
        let newID = UUID()
        try await sql.insert(into: "vendors").columns("id", "organisation_id", "kitos_uuid", "name", "cvr", "country", "parent_id", "non_eu_compellable",
            "open_source", "created_at", "updated_at")
            .values(SQLBind(newID), org, SQLBind(UUID?.none), SQLBind(name), SQLBind(try Self.clean(input.cvr, "cvr", max: 40)), SQLBind(country),
                SQLBind(input.parentID), SQLBind(input.nonEUCompellable), SQLBind(input.openSource), SQLBind(now), SQLBind(now)).run()
        return newID
    }

    /// What a product is, as far as leaving it is concerned.
    public struct ProductFacts: Sendable {
        public static let deliveries = ["on_premises", "hosted", "saas"]
        public static let licences = ["proprietary", "open_source"]
        public var delivery = ""
        public var licence = ""
        public var openStandards: [String] = []
        public var exportFormats: [String] = []

        public init(delivery: String = "", licence: String = "", openStandards: [String] = [], exportFormats: [String] = []) {
            (self.delivery, self.licence, self.openStandards, self.exportFormats) = (delivery, licence, openStandards, exportFormats)
        }
    }

    public func saveProduct(vendorID: UUID, name: String, category: String, facts: ProductFacts = .init(), in scope: TenantScope) async throws -> UUID {
        try Self.requireArchitect(scope)
        try await requireRow("vendors", vendorID, in: scope)
        guard facts.delivery.isEmpty || ProductFacts.deliveries.contains(facts.delivery) else {
            throw Self.invalid("delivery", ProductFacts.deliveries.joined(separator: ", "))
        }
        guard facts.licence.isEmpty || ProductFacts.licences.contains(facts.licence) else { throw Self.invalid("licence", ProductFacts.licences.joined(separator: ", ")) }
        let standards = try facts.openStandards.map { try Self.clean($0, "open_standards", max: 40) }.filter { !$0.isEmpty }.joined(separator: "\n")
        let formats = try facts.exportFormats.map { try Self.clean($0, "export_formats", max: 40) }.filter { !$0.isEmpty }.joined(separator: "\n")
        let id = UUID()
        try await sql.insert(into: "products").columns("id", "organisation_id", "vendor_id", "name", "category", "delivery", "licence", "open_standards",
            "export_formats")
            .values(SQLBind(id), SQLBind(scope.organisationID), SQLBind(vendorID), SQLBind(try Self.clean(name, "name", max: 200, required: true)),
                SQLBind(try Self.clean(category, "category", max: 100)), SQLBind(facts.delivery), SQLBind(facts.licence), SQLBind(standards),
                SQLBind(formats)).run()
        return id
    }

    public func saveComponent(productID: UUID, name: String, in scope: TenantScope) async throws -> UUID {
        try Self.requireArchitect(scope)
        try await requireRow("products", productID, in: scope)
        let id = UUID()
        try await sql.insert(into: "components").columns("id", "organisation_id", "product_id", "name")
            .values(SQLBind(id), SQLBind(scope.organisationID), SQLBind(productID), SQLBind(try Self.clean(name, "name", max: 200, required: true))).run()
        return id
    }

    public func vendorRoles(in scope: TenantScope) async throws -> [VendorRoleRecord] {
        try await all("vendor_roles", ["vendor_id", "role", "asset_id", "contract_id"], in: scope).compactMap { r in
            guard let role = VendorRole(rawValue: try r.decode(column: "role", as: String.self)) else { return nil }
            return VendorRoleRecord(vendorID: try r.decode(column: "vendor_id", as: UUID.self), role: role,
                assetID: try r.decode(column: "asset_id", as: UUID?.self), contractID: try r.decode(column: "contract_id", as: UUID?.self))
        }
    }
}

// MARK: - Usages and bindings

extension BindingsRepository {
    /// What Bindinger adds to an inventory row: its users and the departments that use it.
    public func saveUsage(_ assetID: UUID, users: Int, usedBy: [String], in scope: TenantScope, now: Date) async throws {
        try Self.requireArchitect(scope)
        try await requireRow("assets", assetID, in: scope)
        guard (0...10_000_000).contains(users) else { throw Self.invalid("users", "a whole number from 0") }
        let departments = try usedBy.map { try Self.clean($0, "used_by", max: 200) }.filter { !$0.isEmpty }
        try await sql.update("assets").set("users", to: SQLBind(users)).set("used_by", to: SQLBind(departments.joined(separator: "\n")))
            .set("updated_at", to: SQLBind(now)).where("id", .equal, SQLBind(assetID)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
    }

    public struct BindingInput: Sendable {
        public var assetID: UUID
        public var target: Target
        public var type: BindingType
        public var scope: BindingScope = .fagsystem
        public var strength: Strength
        public var substitutability: Substitutability = .none
        public var functions: [String] = []
        public var workaround = ""
        public var removalCost: Int?
        public var removalEffortDays: Double?
        public var evidence = ""

        public init(assetID: UUID, target: Target, type: BindingType, strength: Strength) {
            self.assetID = assetID
            self.target = target
            self.type = type
            self.strength = strength
        }
    }

    public func saveBinding(_ b: BindingInput, id: UUID? = nil, in scope: TenantScope, now: Date) async throws -> UUID {
        try Self.requireArchitect(scope)
        try await requireRow("assets", b.assetID, in: scope)
        try await requireTarget(b.target, in: scope)
        if let cost = b.removalCost, cost < 0 { throw Self.invalid("removal_cost", "a whole number of kroner from 0") }
        if let days = b.removalEffortDays, !(days.isFinite && days >= 0) { throw Self.invalid("removal_effort_days", "a number of days from 0") }
        let functions = try b.functions.map { try Self.clean($0, "functions", max: 200) }.filter { !$0.isEmpty }.joined(separator: "\n")
        let (kind, targetID) = Self.kind(of: b.target)
        let org = SQLBind(scope.organisationID)
        if let id {
            try await requireRow("bindings", id, in: scope)
            // A changed binding is no longer verified: somebody has to look again.
            try await sql.update("bindings").set("asset_id", to: SQLBind(b.assetID)).set("target_kind", to: SQLBind(kind)).set("target_id", to: SQLBind(targetID))
                .set("type", to: SQLBind(b.type.rawValue)).set("scope", to: SQLBind(b.scope.rawValue)).set("strength", to: SQLBind(b.strength.rawValue))
                .set("substitutability", to: SQLBind(b.substitutability.rawValue)).set("functions", to: SQLBind(functions))
                .set("workaround", to: SQLBind(try Self.clean(b.workaround, "workaround"))).set("removal_cost", to: SQLBind(b.removalCost.map(Int64.init)))
                .set("removal_effort_days", to: SQLBind(b.removalEffortDays)).set("evidence", to: SQLBind(try Self.clean(b.evidence, "evidence")))
                .set("verified_by", to: SQLBind(UUID?.none)).set("verified_at", to: SQLBind(Date?.none)).set("updated_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
            return id
        }
        let newID = UUID()
        try await sql.insert(into: "bindings").columns("id", "organisation_id", "asset_id", "target_kind", "target_id", "type", "scope", "strength",
            "substitutability", "functions", "workaround", "removal_cost", "removal_effort_days", "evidence", "verified_by", "verified_at", "created_at", "updated_at")
            .values(SQLBind(newID), org, SQLBind(b.assetID), SQLBind(kind), SQLBind(targetID), SQLBind(b.type.rawValue), SQLBind(b.scope.rawValue),
                SQLBind(b.strength.rawValue), SQLBind(b.substitutability.rawValue), SQLBind(functions), SQLBind(try Self.clean(b.workaround, "workaround")),
                SQLBind(b.removalCost.map(Int64.init)), SQLBind(b.removalEffortDays), SQLBind(try Self.clean(b.evidence, "evidence")), SQLBind(UUID?.none),
                SQLBind(Date?.none), SQLBind(now), SQLBind(now)).run()
        return newID
    }

    public func deleteBinding(_ id: UUID, in scope: TenantScope) async throws {
        try Self.requireArchitect(scope)
        try await requireRow("bindings", id, in: scope)
        try await sql.delete(from: "bindings").where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
    }

    /// The architect has checked the binding against the system (evidence on the binding).
    public func verifyBinding(_ id: UUID, in scope: TenantScope, now: Date) async throws {
        try Self.requireArchitect(scope)
        try await requireRow("bindings", id, in: scope)
        try await sql.update("bindings").set("verified_by", to: SQLBind(scope.userID)).set("verified_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
    }
}

// MARK: - Contracts and data assets

extension BindingsRepository {
    public struct ContractInput: Sendable {
        public var name: String
        public var vendorID: UUID?
        public var usages: [UUID] = []
        public var expiry: Date?
        public var noticeMonths = 0
        public var irrevocableUntil: Date?
        public var renewalMonths: Int?
        public var exitClause = false
        public var exitAssistance = false
        public var annualCost: Int?
        public var dataReturn = ""
        public var switchingCharges = false

        public init(name: String) { self.name = name }
    }

    /// A contract entered by hand, or the exit terms of one from KITOS (its dates stay KITOS's).
    public func saveContract(_ c: ContractInput, id: UUID? = nil, in scope: TenantScope, now: Date) async throws -> UUID {
        try Self.requireArchitect(scope)
        let name = try Self.clean(c.name, "name", max: 300, required: true)
        if let vendor = c.vendorID { try await requireRow("vendors", vendor, in: scope) }
        for u in c.usages { try await requireRow("assets", u, in: scope) }
        guard (0...120).contains(c.noticeMonths) else { throw Self.invalid("notice_months", "0–120 months") }
        if let r = c.renewalMonths, !(1...120).contains(r) { throw Self.invalid("renewal_months", "1–120 months") }
        if let cost = c.annualCost, cost < 0 { throw Self.invalid("annual_cost", "kroner from 0") }
        let org = SQLBind(scope.organisationID)
        let dataReturn = try Self.clean(c.dataReturn, "data_return")
        let contractID: UUID
        if let id {
            try await requireRow("contracts", id, in: scope)
            let fromKitos = try await sql.select().column("kitos_uuid").from("contracts").where("id", .equal, SQLBind(id)).first()?
                .decode(column: "kitos_uuid", as: UUID?.self) != nil
            var q = try sql.update("contracts").set("exit_clause", to: SQLBind(c.exitClause)).set("exit_assistance", to: SQLBind(c.exitAssistance))
                .set("annual_cost", to: SQLBind(c.annualCost.map(Int64.init))).set("data_return", to: SQLBind(dataReturn))
                .set("switching_charges", to: SQLBind(c.switchingCharges)).set("renewal_months", to: SQLBind(c.renewalMonths)).set("updated_at", to: SQLBind(now))
            if !fromKitos {
                q = q.set("name", to: SQLBind(name)).set("vendor_id", to: SQLBind(c.vendorID)).set("expiry", to: SQLBind(c.expiry))
                    .set("notice_months", to: SQLBind(c.noticeMonths)).set("irrevocable_until", to: SQLBind(c.irrevocableUntil))
            }
            try await q.where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
            if fromKitos { return id }
            contractID = id
            try await sql.delete(from: "contract_usages").where("contract_id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
        } else {
            contractID = UUID()
            try await sql.insert(into: "contracts").columns("id", "organisation_id", "kitos_uuid", "name", "vendor_id", "valid_from", "expiry", "notice_months",
                "irrevocable_until", "renewal_months", "terminated_at", "exit_clause", "exit_assistance", "annual_cost", "data_return", "switching_charges",
                "created_at", "updated_at")
                .values(SQLBind(contractID), org, SQLBind(UUID?.none), SQLBind(name), SQLBind(c.vendorID), SQLBind(Date?.none), SQLBind(c.expiry),
                    SQLBind(c.noticeMonths), SQLBind(c.irrevocableUntil), SQLBind(c.renewalMonths), SQLBind(Date?.none), SQLBind(c.exitClause),
                    SQLBind(c.exitAssistance), SQLBind(c.annualCost.map(Int64.init)), SQLBind(dataReturn), SQLBind(c.switchingCharges), SQLBind(now),
                    SQLBind(now)).run()
        }
        for u in Set(c.usages) {
            try await sql.insert(into: "contract_usages").columns("id", "organisation_id", "contract_id", "asset_id")
                .values(SQLBind(UUID()), org, SQLBind(contractID), SQLBind(u)).run()
        }
        return contractID
    }

    /// KITOS's contract uuid, when the contract came from KITOS (its dates are then read-only here).
    public func kitosContracts(in scope: TenantScope) async throws -> Set<UUID> {
        Set(try await sql.select().column("id").from("contracts").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .where("kitos_uuid", .isNot, SQLLiteral.null).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    public struct DataAssetInput: Sendable {
        public var assetID: UUID
        public var name: String
        public var businessCritical = false
        public var exportFormats: [String] = []
        public var lastTestedExport: Date?
        public var testedExportOpen = false

        public init(assetID: UUID, name: String) {
            self.assetID = assetID
            self.name = name
        }
    }

    public func saveDataAsset(_ d: DataAssetInput, in scope: TenantScope) async throws -> UUID {
        try Self.requireArchitect(scope)
        try await requireRow("assets", d.assetID, in: scope)
        let formats = try d.exportFormats.map { try Self.clean($0, "export_formats", max: 40) }.filter { !$0.isEmpty }
        if d.testedExportOpen && d.lastTestedExport == nil { throw Self.invalid("last_tested_export", "an open export needs the date it was tested") }
        let id = UUID()
        try await sql.insert(into: "data_assets").columns("id", "organisation_id", "asset_id", "name", "business_critical", "export_formats",
            "last_tested_export", "tested_export_open")
            .values(SQLBind(id), SQLBind(scope.organisationID), SQLBind(d.assetID), SQLBind(try Self.clean(d.name, "name", max: 200, required: true)),
                SQLBind(d.businessCritical), SQLBind(formats.joined(separator: "\n")), SQLBind(d.lastTestedExport), SQLBind(d.testedExportOpen)).run()
        return id
    }

    public func dataAssets(in scope: TenantScope) async throws -> [DataAsset] {
        try await all("data_assets", ["id", "asset_id", "name", "business_critical", "export_formats", "last_tested_export", "tested_export_open"], in: scope)
            .map { r in
                DataAsset(id: try r.decode(column: "id", as: UUID.self), name: try r.decode(column: "name", as: String.self),
                    usageID: try r.decode(column: "asset_id", as: UUID.self), businessCritical: try r.decode(column: "business_critical", as: Bool.self),
                    exportFormats: try r.decode(column: "export_formats", as: String.self).split(separator: "\n").map(String.init),
                    lastTestedExport: try r.decode(column: "last_tested_export", as: Date?.self),
                    testedExportIsOpen: try r.decode(column: "tested_export_open", as: Bool.self))
            }.sorted { $0.name < $1.name }
    }
}

// MARK: - Exit plans

extension BindingsRepository {
    public struct ExitPlanInput: Sendable {
        public var title: String
        public var target: Target?
        public var contractID: UUID?
        public var departments: [String] = []
        public var triggers = ""
        public var impact = ""
        public var alternatives = ""
        public var phases = ""
        public var dataMigration = ""
        public var roles = ""
        public var successCriteria = ""
        public var tests = ""
        public var plannedDone = ""

        public init(title: String) { self.title = title }
    }

    static let decoder = SQLRowDecoder()

    public func exitPlans(in scope: TenantScope) async throws -> [ExitPlanRecord] {
        try await sql.select().column(SQLLiteral.all).from("exit_plans").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .orderBy("title").orderBy("id").all(decoding: ExitPlanRecord.self, with: Self.decoder)
    }

    public func exitPlan(_ id: UUID, in scope: TenantScope) async throws -> ExitPlanRecord {
        guard let plan = try await sql.select().column(SQLLiteral.all).from("exit_plans").where("id", .equal, SQLBind(id))
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).first(decoding: ExitPlanRecord.self, with: Self.decoder)
        else { throw RepositoryError.notFound }
        return plan
    }

    public func saveExitPlan(_ p: ExitPlanInput, id: UUID? = nil, in scope: TenantScope, now: Date) async throws -> UUID {
        try Self.requireArchitect(scope)
        let title = try Self.clean(p.title, "title", max: 300, required: true)
        if let target = p.target { try await requireTarget(target, in: scope) }
        if let contract = p.contractID { try await requireRow("contracts", contract, in: scope) }
        let planned = p.plannedDone.trimmingCharacters(in: .whitespaces)
        if !planned.isEmpty && CalendarDay.date(planned) == nil { throw Self.invalid("planned_done", "a date like 2027-06-30") }
        let fields: [(String, String)] = [("triggers", p.triggers), ("impact", p.impact), ("alternatives", p.alternatives), ("phases", p.phases),
            ("data_migration", p.dataMigration), ("roles", p.roles), ("success_criteria", p.successCriteria), ("tests", p.tests)]
        let texts = try fields.map { ($0.0, try Self.clean($0.1, $0.0, max: 10_000)) }
        let departments = try p.departments.map { try Self.clean($0, "departments", max: 200) }.filter { !$0.isEmpty }.joined(separator: "\n")
        let kind = p.target.map { Self.kind(of: $0) }
        let org = SQLBind(scope.organisationID)
        if let id {
            let old = try await exitPlan(id, in: scope)
            var q = try sql.update("exit_plans").set("title", to: SQLBind(title)).set("target_kind", to: SQLBind(kind?.kind)).set("target_id", to: SQLBind(kind?.id))
                .set("contract_id", to: SQLBind(p.contractID)).set("departments", to: SQLBind(departments)).set("planned_done", to: SQLBind(planned))
                .set("updated_at", to: SQLBind(now))
            for (column, value) in texts { q = q.set(SQLIdentifier(column), to: SQLBind(value)) }
            // A changed plan is a different plan: management approves it again.
            let changed = old.title != title || old.targetId != kind?.id || old.contractId != p.contractID || old.departments != departments
                || old.plannedDone != planned || texts.contains { column, value in Self.text(old, column) != value }
            if changed { q = q.set("approved_by", to: SQLBind(UUID?.none)).set("approved_at", to: SQLBind(Date?.none)) }
            try await q.where("id", .equal, SQLBind(id)).where("organisation_id", .equal, org).run()
            return id
        }
        let newID = UUID()
        try await sql.insert(into: "exit_plans").columns(["id", "organisation_id", "title", "target_kind", "target_id", "contract_id", "departments",
            "planned_done", "approved_by", "approved_at", "created_at", "updated_at"] + texts.map(\.0))
            .values([SQLBind(newID), org, SQLBind(title), SQLBind(kind?.kind), SQLBind(kind?.id), SQLBind(p.contractID), SQLBind(departments),
                SQLBind(planned), SQLBind(UUID?.none), SQLBind(Date?.none), SQLBind(now), SQLBind(now)] + texts.map { SQLBind($0.1) }).run()
        return newID
    }

    static func text(_ p: ExitPlanRecord, _ column: String) -> String {
        switch column {
        case "triggers": p.triggers
        case "impact": p.impact
        case "alternatives": p.alternatives
        case "phases": p.phases
        case "data_migration": p.dataMigration
        case "roles": p.roles
        case "success_criteria": p.successCriteria
        default: p.tests
        }
    }

    /// Approval by a member of the management body (as for NIS2 measures).
    public func approveExitPlan(_ id: UUID, in scope: TenantScope, now: Date) async throws {
        _ = try await exitPlan(id, in: scope)
        try ResilienceRepository.requireManagement(scope)
        try await sql.update("exit_plans").set("approved_by", to: SQLBind(scope.userID)).set("approved_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
    }
}

// MARK: - Lock-in snapshots

extension BindingsRepository {
    /// Stores the scores as one snapshot (the trend on the vendor pages). Anyone who may see the
    /// scores may record them; it changes no register data.
    public func recordLockIn(_ scores: [(name: String, score: LockInScore)], in scope: TenantScope, now: Date) async throws {
        guard !scores.isEmpty else { return }
        try await db.transaction { tx in
            let sql = try BindingsRepository(db: tx).sql
            for chunk in stride(from: 0, to: scores.count, by: 200).map({ Array(scores[$0..<min($0 + 200, scores.count)]) }) {
                var insert = sql.insert(into: "lockin_snapshots").columns("id", "organisation_id", "taken_at", "target_kind", "target_id", "name", "total",
                    "level", "dimensions")
                for (name, score) in chunk {
                    let (kind, id) = Self.kind(of: score.target)
                    let dims = LockInScore.Dimension.allCases.map { "\($0.rawValue)=\(score.dimensions[$0] ?? 0)" }.joined(separator: " ")
                    insert = insert.values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(now), SQLBind(kind), SQLBind(id), SQLBind(name),
                        SQLBind(score.total), SQLBind(score.level.rawValue), SQLBind(dims))
                }
                try await insert.run()
            }
        }
    }

    /// A target's snapshots, newest first.
    public func lockInHistory(of target: Target, in scope: TenantScope, limit: Int = 24) async throws -> [LockInSnapshot] {
        let (_, id) = Self.kind(of: target)
        return try await sql.select().columns("taken_at", "name", "total", "level", "dimensions").from("lockin_snapshots")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).where("target_id", .equal, SQLBind(id))
            .orderBy("taken_at", .descending).limit(limit).all().map { r in
                var dims: [String: Int] = [:]
                for pair in try r.decode(column: "dimensions", as: String.self).split(separator: " ") {
                    let kv = pair.split(separator: "=")
                    if kv.count == 2 { dims[String(kv[0])] = Int(kv[1]) }
                }
                return LockInSnapshot(takenAt: try r.decode(column: "taken_at", as: Date.self), target: target, name: try r.decode(column: "name", as: String.self),
                    total: try r.decode(column: "total", as: Double.self), level: try r.decode(column: "level", as: String.self), dimensions: dims)
            }
    }

    public func lastLockInRun(in scope: TenantScope) async throws -> Date? {
        try await sql.select().column("taken_at").from("lockin_snapshots").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .orderBy("taken_at", .descending).limit(1).first()?.decode(column: "taken_at", as: Date.self)
    }
}

// MARK: - Analyses over the stored register

/// One municipality's register read once, with the graph built: what every Bindinger page needs.
public struct BindingsSnapshot: Sendable {
    public var graph: BindingGraph
    public var contracts: [Contract]
    public var dataAssets: [DataAsset]
    /// Every vendor, product and component that something is bound to (at or under it), by name.
    public let scoredTargets: [(name: String, target: Target)]
    public var landscape: Landscape { graph.landscape }

    public init(graph: BindingGraph, contracts: [Contract], dataAssets: [DataAsset]) {
        self.graph = graph
        self.contracts = contracts
        self.dataAssets = dataAssets
        let l = graph.landscape
        let bound = Set(l.bindings.map(\.to))
        var out: [(String, Target)] = []
        for v in l.vendors where !graph.covered(.vendor(v.id)).isDisjoint(with: bound) { out.append((v.name, .vendor(v.id))) }
        for p in l.products where !graph.covered(.product(p.id)).isDisjoint(with: bound) { out.append((p.name, .product(p.id))) }
        for c in l.components where bound.contains(.component(c.id)) { out.append((c.name, .component(c.id))) }
        scoredTargets = out
    }

    /// Analysis 2 for every bound vendor, product and component.
    public func lockInScores(now: Date) -> [(name: String, score: LockInScore)] {
        scoredTargets.map { ($0.name, graph.lockIn(of: $0.target, contracts: contracts, dataAssets: dataAssets, now: now)) }
    }
}

extension BindingsRepository {
    public func snapshot(in scope: TenantScope) async throws -> BindingsSnapshot {
        BindingsSnapshot(graph: BindingGraph(try await landscape(in: scope)), contracts: try await contracts(in: scope), dataAssets: try await dataAssets(in: scope))
    }

    /// Recomputes every lock-in score and stores them as one snapshot; returns how many.
    @discardableResult
    public func recomputeLockIn(in scope: TenantScope, now: Date) async throws -> Int {
        let scores = try await snapshot(in: scope).lockInScores(now: now)
        try await recordLockIn(scores, in: scope, now: now)
        return scores.count
    }
}

/// When KITOS was last read into a municipality's register (the next live pull asks only for what
/// changed since then).
public struct KitosPullLog: SQLRepository {
    public struct Entry: Sendable, Equatable {
        public var at: Date
        public var source: String
        public var delta: Bool
        public var usages: Int
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    public func record(in scope: TenantScope, at: Date, source: String, delta: Bool, usages: Int) async throws {
        try await sql.insert(into: "kitos_pulls").columns("id", "organisation_id", "pulled_at", "source", "delta", "usages")
            .values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(at), SQLBind(source), SQLBind(delta), SQLBind(usages)).run()
    }

    public func last(in scope: TenantScope, source: String? = nil) async throws -> Entry? {
        var q = try sql.select().columns("pulled_at", "source", "delta", "usages").from("kitos_pulls").where("organisation_id", .equal, SQLBind(scope.organisationID))
        if let source { q = q.where("source", .equal, SQLBind(source)) }
        guard let r = try await q.orderBy("pulled_at", .descending).limit(1).first() else { return nil }
        return Entry(at: try r.decode(column: "pulled_at", as: Date.self), source: try r.decode(column: "source", as: String.self),
            delta: try r.decode(column: "delta", as: Bool.self), usages: try r.decode(column: "usages", as: Int.self))
    }
}
