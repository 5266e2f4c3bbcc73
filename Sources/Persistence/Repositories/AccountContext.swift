import Community
import FluentKit
import Foundation
import SQLKit

/// A person's account with their memberships and those organisations, in one query: what every
/// signed-in request needs.
public struct AccountContext: Sendable {
    public var account: UserAccount
    public var memberships: [Membership]
    public var organisations: [Organisation]
}

extension UserRepository {
    public func context(id: UUID) async throws -> AccountContext? {
        guard let sql = db as? any SQLDatabase else { throw RepositoryError.invalid(field: "database", message: "not SQL") }
        let rows = try await sql.raw("""
            SELECT u.email, u.display_name, u.is_system_admin, u.is_disabled, u.password_hash,
                   m.id AS mid, m.role, o.id AS oid, o.kind, o.code, o.name, o.region, o.parent_id, o.is_demo
            FROM users u
            LEFT JOIN memberships m ON m.user_id = u.id
            LEFT JOIN organisations o ON o.id = m.organisation_id
            WHERE u.id = \(bind: id)
            """).all()
        guard !rows.isEmpty else { return nil }
        return try AccountContext.from(rows: rows, userID: id)
    }
}

extension AccountContext {
    /// Reads the account, memberships and organisations from the rows of a users ⟕ memberships ⟕
    /// organisations join (columns as in `UserRepository.context(id:)`).
    static func from(rows: [any SQLRow], userID id: UUID) throws -> AccountContext {
        let first = rows[0]
        let account = UserAccount(
            id: id, email: try first.decode(column: "email", as: String.self),
            displayName: try first.decode(column: "display_name", as: String.self),
            isSystemAdmin: try first.decode(column: "is_system_admin", as: Bool.self),
            isDisabled: try first.decode(column: "is_disabled", as: Bool.self),
            hasPassword: !(try first.decode(column: "password_hash", as: String.self)).isEmpty)
        var memberships: [Membership] = []
        var organisations: [UUID: Organisation] = [:]
        for row in rows {
            guard let mid = try row.decode(column: "mid", as: UUID?.self), let oid = try row.decode(column: "oid", as: UUID?.self),
                let role = Role(rawValue: try row.decode(column: "role", as: String.self))
            else { continue }
            memberships.append(Membership(id: mid, userID: id, organisationID: oid, role: role))
            if organisations[oid] == nil {
                organisations[oid] = Organisation(
                    id: oid, kind: OrganisationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .department,
                    code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                    region: try row.decode(column: "region", as: String?.self), parentID: try row.decode(column: "parent_id", as: UUID?.self),
                    isDemo: try row.decode(column: "is_demo", as: Bool.self))
            }
        }
        return AccountContext(
            account: account, memberships: memberships,
            organisations: organisations.values.sorted { $0.name < $1.name })
    }
}
