import Community
import Foundation
import Persistence
import Synchronization
import Vapor

/// The dashboard's figures per organisation, kept for a few seconds: the dashboard is the page
/// everyone opens, and counts a few seconds old are harmless. Every change recorded in the audit
/// log on this instance drops the organisation's entry at once; other instances see it within
/// `lifetime`.
final class DashboardCache: Sendable {
    static let lifetime: TimeInterval = 5

    private let entries = Mutex<[UUID: (figures: DashboardFigures, at: Date)]>([:])

    func figures(for organisation: UUID, now: Date) -> DashboardFigures? {
        entries.withLock { e in
            guard let hit = e[organisation], now.timeIntervalSince(hit.at) < Self.lifetime, now >= hit.at else { return nil }
            return hit.figures
        }
    }

    func store(_ figures: DashboardFigures, for organisation: UUID, now: Date) {
        entries.withLock { $0[organisation] = (figures, now) }
    }

    func invalidate(_ organisation: UUID?) {
        entries.withLock { e in
            if let organisation { e[organisation] = nil } else { e.removeAll() }
        }
    }
}

extension Application {
    private struct DashboardCacheKey: StorageKey { typealias Value = DashboardCache }

    var dashboardCache: DashboardCache {
        if let c = storage[DashboardCacheKey.self] { return c }
        let c = DashboardCache()
        storage[DashboardCacheKey.self] = c
        return c
    }
}

extension Request {
    /// Records an audit event and drops the organisation's cached dashboard figures.
    func audit(
        _ action: AuditAction, organisationID: UUID?, actorID: UUID?, targetType: String, targetID: String? = nil, detail: String = ""
    ) async throws {
        try await auditLog.record(action, organisationID: organisationID, actorID: actorID, targetType: targetType, targetID: targetID,
            detail: detail, at: now)
        application.dashboardCache.invalidate(organisationID)
    }
}
