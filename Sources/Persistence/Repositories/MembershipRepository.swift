import Community
import FluentKit
import Foundation

/// One person as seen from an organisation: the roles they hold there.
public struct Member: Equatable, Sendable {
    public struct Role: Equatable, Sendable {
        public var membershipID: UUID
        public var role: Community.Role
        public var departmentID: UUID?
    }

    public var userID: UUID
    public var email: String
    public var displayName: String
    public var isDisabled: Bool
    public var roles: [Role]
}

public struct MembershipRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// All memberships of one person (used to resolve their scopes and the organisation switcher).
    public func memberships(of userID: UUID) async throws -> [Membership] {
        try await MembershipModel.query(on: db).filter(\.$userID == userID).all().compactMap { $0.toDomain() }
    }

    /// The people of the scope's organisation, with their roles there.
    public func members(in scope: TenantScope) async throws -> [Member] {
        let rows = try await MembershipModel.query(on: db)
            .filter(\.$organisationID == scope.organisationID)
            .all()
        let userIDs = Array(Set(rows.map(\.userID)))
        guard !userIDs.isEmpty else { return [] }
        let users = try await UserModel.query(on: db).filter(\.$id ~~ userIDs).all()
        let byUser = Dictionary(grouping: rows, by: \.userID)
        return users.map { u in
            Member(
                userID: u.id!, email: u.email, displayName: u.displayName, isDisabled: u.isDisabled,
                roles: (byUser[u.id!] ?? []).compactMap { m in
                    Community.Role(rawValue: m.role).map { Member.Role(membershipID: m.id!, role: $0, departmentID: m.departmentID) }
                }.sorted { $0.role < $1.role })
        }.sorted { $0.displayName.lowercased() < $1.displayName.lowercased() }
    }

    public func countMembers(in scope: TenantScope) async throws -> Int {
        Set(try await MembershipModel.query(on: db).filter(\.$organisationID == scope.organisationID).all(\.$userID)).count
    }

    public func member(_ userID: UUID, in scope: TenantScope) async throws -> Member {
        guard let m = try await members(in: scope).first(where: { $0.userID == userID }) else {
            throw RepositoryError.notFound
        }
        return m
    }

    @discardableResult
    public func add(userID: UUID, role: Community.Role, departmentID: UUID? = nil, in scope: TenantScope, id: UUID = UUID())
        async throws -> UUID
    {
        guard Community.Role.assignable(in: scope.organisationKind).contains(role) else {
            throw RepositoryError.invalid(field: "role", message: "\(role.rawValue) cannot be held in a \(scope.organisationKind.rawValue)")
        }
        if let departmentID {
            _ = try await OrganisationRepository(db: db).department(departmentID, in: scope)
        }
        let exists = try await MembershipModel.query(on: db)
            .filter(\.$userID == userID).filter(\.$organisationID == scope.organisationID).filter(\.$role == role.rawValue)
            .first()
        if exists != nil { throw RepositoryError.duplicate(role.rawValue) }
        let m = MembershipModel(id: id, userID: userID, organisationID: scope.organisationID, role: role, departmentID: departmentID)
        try await m.create(on: db)
        return id
    }

    /// Removes a membership of the scope's organisation; returns the person's id.
    @discardableResult
    public func remove(_ membershipID: UUID, in scope: TenantScope) async throws -> UUID {
        guard let m = try await MembershipModel.query(on: db)
            .filter(\.$id == membershipID).filter(\.$organisationID == scope.organisationID).first()
        else { throw RepositoryError.notFound }
        if m.role == Community.Role.administrator.rawValue {
            let admins = try await MembershipModel.query(on: db)
                .filter(\.$organisationID == scope.organisationID).filter(\.$role == m.role).count()
            if admins <= 1 && !scope.isSystemAdministrator {
                throw RepositoryError.invalid(field: "role", message: "the last administrator cannot be removed")
            }
        }
        try await m.delete(on: db)
        return m.userID
    }
}
