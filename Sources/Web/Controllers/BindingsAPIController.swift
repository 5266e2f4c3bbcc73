import Bindings
import Community
import Fluent
import Foundation
import Persistence
import Resilience
import Vapor

/// Bindinger in the JSON API: the register as a graph, lock-in scores, the blast radius of a target,
/// the exit-window calendar and the exit plans.
enum BindingsAPIController {
    static func snapshot(_ req: Request) async throws -> BindingsSnapshot {
        let scope = try await Nis2APIController.scope(req)
        return try await BindingsController.snapshot(req, scope)
    }

    static func kind(_ t: Target) -> (String, UUID) { BindingsRepository.kind(of: t) }

    struct LandscapeDTO: Content {
        struct VendorDTO: Content {
            var id: UUID, name: String, cvr: String, country: String, parentId: UUID?, nonEUCompellable: Bool, openSource: Bool
        }
        struct ProductDTO: Content {
            var id: UUID, vendorId: UUID, name: String, category: String, delivery: String, licence: String, openStandards: [String], exportFormats: [String]
        }
        struct ComponentDTO: Content { var id: UUID, productId: UUID, name: String }
        struct UsageDTO: Content {
            var id: UUID, name: String, kind: String, department: String?, usedBy: [String], users: Int, businessCritical: Bool
        }
        struct BindingDTO: Content {
            var id: UUID, from: UUID, targetKind: String, targetId: UUID, type: String, scope: String, strength: String, substitutability: String
            var functions: [String], workaround: String, removalCost: Int?, removalEffortDays: Double?, verifiedAt: Date?
        }
        struct IntegrationDTO: Content { var consumer: UUID, provider: UUID }

        var vendors: [VendorDTO]
        var products: [ProductDTO]
        var components: [ComponentDTO]
        var usages: [UsageDTO]
        var bindings: [BindingDTO]
        var integrations: [IntegrationDTO]
    }

    @Sendable static func landscape(req: Request) async throws -> LandscapeDTO {
        let l = try await snapshot(req).landscape
        return LandscapeDTO(
            vendors: l.vendors.map { .init(id: $0.id, name: $0.name, cvr: $0.cvr, country: $0.country, parentId: $0.parentID, nonEUCompellable: $0.nonEUCompellable,
                openSource: $0.openSource) },
            products: l.products.map { .init(id: $0.id, vendorId: $0.vendorID, name: $0.name, category: $0.category, delivery: $0.delivery, licence: $0.licence,
                openStandards: $0.openStandards, exportFormats: $0.exportFormats) },
            components: l.components.map { .init(id: $0.id, productId: $0.productID, name: $0.name) },
            usages: l.usages.map { .init(id: $0.id, name: $0.name, kind: $0.kind.rawValue, department: $0.department, usedBy: $0.usedBy, users: $0.users,
                businessCritical: $0.businessCritical) },
            bindings: l.bindings.map { b in
                let (k, id) = kind(b.to)
                return .init(id: b.id, from: b.from, targetKind: k, targetId: id, type: b.type.rawValue, scope: b.scope.rawValue, strength: b.strength.rawValue,
                    substitutability: b.substitutability.rawValue, functions: b.functions, workaround: b.workaround, removalCost: b.removalCost,
                    removalEffortDays: b.removalEffortDays, verifiedAt: b.verifiedAt)
            },
            integrations: l.integrations.map { .init(consumer: $0.consumer, provider: $0.provider) })
    }

    struct LockInDTO: Content {
        var targetKind: String
        var targetId: UUID
        var name: String
        var level: String
        var total: Double
        var dimensions: [String: Int]
        var floors: [String]
    }

    @Sendable static func lockIn(req: Request) async throws -> [LockInDTO] {
        try await snapshot(req).lockInScores(now: req.now).map { name, score in
            let (k, id) = kind(score.target)
            return LockInDTO(targetKind: k, targetId: id, name: name, level: score.level.rawValue, total: score.total,
                dimensions: Dictionary(uniqueKeysWithValues: score.dimensions.map { ($0.key.rawValue, $0.value) }), floors: score.floors)
        }
    }

    struct BlastRadiusDTO: Content {
        struct AffectedDTO: Content {
            var usageId: UUID, name: String, kind: String, strength: String, direct: Bool, through: UUID?, users: Int
        }
        var targetKind: String
        var targetId: UUID
        var bindings: [UUID]
        var affected: [AffectedDTO]
        var usersHard: Int
        var usersDegraded: Int
        var departments: [String]
    }

    @Sendable static func blastRadius(req: Request) async throws -> BlastRadiusDTO {
        let s = try await snapshot(req)
        guard let raw = try? req.query.get(String.self, at: "target"), let target = TargetParam.parse(raw) else {
            throw Abort(.badRequest, reason: "target must be vendor:UUID, product:UUID or component:UUID")
        }
        guard s.graph.exists(target) else { throw Abort(.notFound) }
        let r = s.graph.blastRadius(of: target)
        let (k, id) = kind(target)
        return BlastRadiusDTO(targetKind: k, targetId: id, bindings: r.bindings.map(\.id),
            affected: r.affected.map { .init(usageId: $0.usage.id, name: $0.usage.name, kind: $0.usage.kind.rawValue, strength: $0.strength.rawValue,
                direct: $0.isDirect, through: $0.through, users: $0.usage.users) },
            usersHard: r.users[.hard] ?? 0, usersDegraded: r.users[.degraded] ?? 0, departments: r.departments)
    }

    struct ExitWindowDTO: Content {
        var contractId: UUID
        var contract: String
        var vendorId: UUID?
        var noticeBy: Date
        var exitOn: Date
        var bindings: [UUID]
    }

    @Sendable static func exitWindows(req: Request) async throws -> [ExitWindowDTO] {
        let s = try await snapshot(req)
        return s.graph.exitCalendar(contracts: s.contracts, now: req.now).map {
            ExitWindowDTO(contractId: $0.contract.id, contract: $0.contract.name, vendorId: $0.contract.vendorID, noticeBy: $0.window.noticeBy,
                exitOn: $0.window.exitOn, bindings: $0.bindings.map(\.id))
        }
    }

    struct ExitPlanDTO: Content {
        var id: UUID
        var title: String
        var targetKind: String?
        var targetId: UUID?
        var contractId: UUID?
        var departments: [String]
        var plannedDone: String?
        var feasibility: String
        var approvedAt: Date?
    }

    @Sendable static func exitPlans(req: Request) async throws -> [ExitPlanDTO] {
        let scope = try await Nis2APIController.scope(req)
        let repo = BindingsRepository(db: req.db)
        let contracts = try await repo.contracts(in: scope)
        return try await repo.exitPlans(in: scope).map { p in
            let f = ExitFeasibility.judge(contract: contracts.first { $0.id == p.contractId }, plannedDone: CalendarDay.date(p.plannedDone), now: req.now)
            let feasibility = switch f {
            case .feasible: "feasible"
            case .missesWindow: "misses_window"
            case .unknown: "unknown"
            }
            return ExitPlanDTO(id: p.id, title: p.title, targetKind: p.targetKind, targetId: p.targetId, contractId: p.contractId, departments: p.departmentList,
                plannedDone: p.plannedDone.isEmpty ? nil : p.plannedDone, feasibility: feasibility, approvedAt: p.approvedAt)
        }
    }
}
