import Community
import Foundation
import Persistence
import Synchronization
import Vapor

/// Overview figures per organisation (the dashboard's, the NIS2 overview's), kept for a few seconds:
/// these are the pages everyone opens, and counts a few seconds old are harmless. Every change
/// recorded in the audit log on this instance drops the organisation's entries at once; other
/// instances see it within `lifetime`.
final class OverviewCache<Value: Sendable>: Sendable {
    static var lifetime: TimeInterval { 5 }

    private let entries = Mutex<[UUID: (value: Value, at: Date)]>([:])

    func figures(for organisation: UUID, now: Date) -> Value? {
        entries.withLock { e in
            guard let hit = e[organisation], now.timeIntervalSince(hit.at) < Self.lifetime, now >= hit.at else { return nil }
            return hit.value
        }
    }

    /// The cached value even when it has expired, and whether it is still fresh (for serving a
    /// value while a new one is read in the background).
    func entry(for organisation: UUID, now: Date) -> (value: Value, isFresh: Bool)? {
        entries.withLock { e in
            guard let hit = e[organisation] else { return nil }
            return (hit.value, now.timeIntervalSince(hit.at) < Self.lifetime && now >= hit.at)
        }
    }

    func store(_ value: Value, for organisation: UUID, now: Date) {
        entries.withLock { $0[organisation] = (value, now) }
    }

    func invalidate(_ organisation: UUID?) {
        entries.withLock { e in
            if let organisation { e[organisation] = nil } else { e.removeAll() }
        }
    }
}

typealias DashboardCache = OverviewCache<DashboardFigures>

/// Drops an organisation's cached overviews together.
struct OverviewCaches: Sendable {
    let dashboard = OverviewCache<DashboardFigures>()
    let nis2 = OverviewCache<Nis2Status>()
    /// Bindinger's register read as a graph: every Bindinger page and API call starts from it.
    let bindings = OverviewCache<BindingsSnapshot>()
    /// Bindinger's overview, computed from that graph.
    let bindingsOverview = OverviewCache<BindingsOverview>()

    func invalidate(_ organisation: UUID?) {
        dashboard.invalidate(organisation)
        nis2.invalidate(organisation)
        bindings.invalidate(organisation)
        bindingsOverview.invalidate(organisation)
    }
}

/// Runs one load per key at a time; callers that arrive while it runs share its result (no
/// stampede of identical database reads when a cached value expires under load).
actor SingleFlight<Value: Sendable> {
    private var running: [UUID: Task<Value, any Error>] = [:]

    func run(_ key: UUID, _ body: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let task = running[key] { return try await task.value }
        let task = Task { try await body() }
        running[key] = task
        do {
            let value = try await task.value
            running[key] = nil
            return value
        } catch {
            running[key] = nil
            throw error
        }
    }
}

extension Application {
    private struct BindingsLoadsKey: StorageKey { typealias Value = SingleFlight<BindingsSnapshot> }

    var bindingsLoads: SingleFlight<BindingsSnapshot> {
        if let s = storage[BindingsLoadsKey.self] { return s }
        let s = SingleFlight<BindingsSnapshot>()
        storage[BindingsLoadsKey.self] = s
        return s
    }

    private struct OverviewCachesKey: StorageKey { typealias Value = OverviewCaches }

    var overviewCaches: OverviewCaches {
        if let c = storage[OverviewCachesKey.self] { return c }
        let c = OverviewCaches()
        storage[OverviewCachesKey.self] = c
        return c
    }

    var dashboardCache: DashboardCache { overviewCaches.dashboard }
}

extension Request {
    /// Records an audit event and drops the organisation's cached dashboard figures.
    func audit(
        _ action: AuditAction, organisationID: UUID?, actorID: UUID?, targetType: String, targetID: String? = nil, detail: String = ""
    ) async throws {
        try await auditLog.record(action, organisationID: organisationID, actorID: actorID, targetType: targetType, targetID: targetID,
            detail: detail, at: now)
        application.overviewCaches.invalidate(organisationID)
    }
}
