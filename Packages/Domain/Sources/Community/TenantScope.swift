import Foundation

/// The organisation a request acts in, and what the person may do there.
///
/// Every repository query that touches municipal data takes a scope, so a controller cannot
/// forget to filter: the repository filters by `organisationID` (and its departments).
public struct TenantScope: Equatable, Sendable {
    public var organisationID: UUID
    public var organisationKind: OrganisationKind
    public var userID: UUID
    public var roles: Set<Role>
    public var isSystemAdministrator: Bool

    public init(
        organisationID: UUID, organisationKind: OrganisationKind, userID: UUID, roles: Set<Role>,
        isSystemAdministrator: Bool = false
    ) {
        self.organisationID = organisationID
        self.organisationKind = organisationKind
        self.userID = userID
        self.roles = roles
        self.isSystemAdministrator = isSystemAdministrator
    }

    public func may(_ permission: Permission) -> Bool {
        roles.contains { $0.permissions.contains(permission) }
    }
}

public enum AccessError: Error, Equatable, Sendable {
    /// The person has no membership in the organisation they asked for.
    case notAMember
    /// The person's roles there do not allow this.
    case forbidden(Permission)
}

extension TenantScope {
    /// Resolves the scope for a person acting in `organisation`, from their memberships.
    /// A system administrator may act in any organisation as administrator.
    public static func resolve(
        userID: UUID, isSystemAdministrator: Bool, organisation: Organisation, memberships: [Membership]
    ) throws(AccessError) -> TenantScope {
        let roles = Set(memberships.filter { $0.userID == userID && $0.organisationID == organisation.id }.map(\.role))
        if roles.isEmpty && !isSystemAdministrator { throw .notAMember }
        return TenantScope(
            organisationID: organisation.id, organisationKind: organisation.kind, userID: userID,
            roles: isSystemAdministrator ? roles.union([.administrator]) : roles,
            isSystemAdministrator: isSystemAdministrator)
    }

    public func require(_ permission: Permission) throws(AccessError) {
        guard may(permission) else { throw .forbidden(permission) }
    }
}
