import Community
import FluentKit
import Foundation
import SQLKit

/// The figures of an organisation's dashboard, in one query (the dashboard is the most visited
/// page; see bench/web.sh).
public struct DashboardFigures: Sendable {
    public var people = 0
    public var departments = 0
    public var grantsGiven = 0
    /// Active (not disabled) people per role.
    public var roleHolders: [Role: Int] = [:]
    /// The newest licence snapshot: its data date and monthly saving (øre).
    public var latestLicenceSnapshot: (id: UUID, asOf: String, monthlySavingOre: Int64, usersProfiled: Int)?
    /// Bindinger: systems in use, bindings, hard bindings.
    public var systems = 0
    public var bindings = 0
    public var hardBindings = 0
    /// NIS2: risks and contingency plans.
    public var risks = 0
    public var plans = 0
}

public struct DashboardRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func figures(in scope: TenantScope) async throws -> DashboardFigures {
        guard let sql = db as? any SQLDatabase else { throw RepositoryError.invalid(field: "database", message: "not SQL") }
        let org = scope.organisationID
        let rows = try await sql.raw("""
            SELECT 'people' AS k, '' AS r, COUNT(DISTINCT user_id) AS n FROM memberships WHERE organisation_id = \(bind: org)
            UNION ALL SELECT 'departments', '', COUNT(*) FROM organisations WHERE parent_id = \(bind: org) AND kind = 'department'
            UNION ALL SELECT 'given', '', COUNT(*) FROM grants WHERE from_organisation_id = \(bind: org)
            UNION ALL SELECT 'role', m.role, COUNT(DISTINCT m.user_id) FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.organisation_id = \(bind: org) AND u.is_disabled = \(bind: false) GROUP BY m.role
            UNION ALL SELECT 'systems', '', COUNT(*) FROM assets WHERE organisation_id = \(bind: org) AND kind = 'system' AND kitos_removed_at IS NULL
            UNION ALL SELECT 'bindings', '', COUNT(*) FROM bindings WHERE organisation_id = \(bind: org)
            UNION ALL SELECT 'hard', '', COUNT(*) FROM bindings WHERE organisation_id = \(bind: org) AND strength = 'hard'
            UNION ALL SELECT 'risks', '', COUNT(*) FROM risks WHERE organisation_id = \(bind: org)
            UNION ALL SELECT 'plans', '', COUNT(*) FROM continuity_plans WHERE organisation_id = \(bind: org)
            """).all()
        var f = DashboardFigures()
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "k", as: String.self) {
            case "people": f.people = n
            case "departments": f.departments = n
            case "given": f.grantsGiven = n
            case "systems": f.systems = n
            case "bindings": f.bindings = n
            case "hard": f.hardBindings = n
            case "risks": f.risks = n
            case "plans": f.plans = n
            default:
                if let role = Role(rawValue: try row.decode(column: "r", as: String.self)) { f.roleHolders[role] = n }
            }
        }
        if let latest = try await sql.raw("""
            SELECT id, as_of, monthly_saving_ore, users_profiled FROM licence_snapshots WHERE organisation_id = \(bind: org)
            ORDER BY created_at DESC LIMIT 1
            """).first()
        {
            f.latestLicenceSnapshot = (
                try latest.decode(column: "id", as: UUID.self), try latest.decode(column: "as_of", as: String.self),
                try latest.decode(column: "monthly_saving_ore", as: Int64.self), try latest.decode(column: "users_profiled", as: Int.self)
            )
        }
        return f
    }
}
