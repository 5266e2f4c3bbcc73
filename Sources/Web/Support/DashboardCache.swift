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

    func invalidate(_ organisation: UUID?) {
        dashboard.invalidate(organisation)
        nis2.invalidate(organisation)
        bindings.invalidate(organisation)
    }
}

extension Application {
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
