import Community
import FluentKit
import Foundation

public struct GrantRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Grants the scope's municipality has given.
    public func given(in scope: TenantScope) async throws -> [Grant] {
        try await GrantModel.query(on: db).filter(\.$fromOrganisationID == scope.organisationID)
            .sort(\.$createdAt).all().compactMap { $0.toDomain() }
    }

    /// Grants the scope's centre or CERT has received.
    public func received(in scope: TenantScope) async throws -> [Grant] {
        try await GrantModel.query(on: db).filter(\.$toOrganisationID == scope.organisationID)
            .sort(\.$createdAt).all().compactMap { $0.toDomain() }
    }

    /// Whether `grantee` may read `scopeKind` data of `municipality`.
    public func isGranted(_ grantScope: GrantScope, from municipality: UUID, to grantee: UUID) async throws -> Bool {
        try await GrantModel.query(on: db)
            .filter(\.$fromOrganisationID == municipality).filter(\.$toOrganisationID == grantee)
            .filter(\.$scope == grantScope.rawValue).first() != nil
    }

    public func add(to grantee: UUID, scope grantScope: GrantScope, note: String, in scope: TenantScope, id: UUID = UUID())
        async throws -> Grant
    {
        let orgs = OrganisationRepository(db: db)
        guard let from = try await orgs.find(id: scope.organisationID), let to = try await orgs.find(id: grantee) else {
            throw RepositoryError.notFound
        }
        do {
            try Grant.validate(from: from, to: to)
        } catch {
            throw RepositoryError.invalid(field: "to", message: "grants go from a municipality to a centre or the CERT")
        }
        if try await isGranted(grantScope, from: from.id, to: to.id) { throw RepositoryError.duplicate(grantScope.rawValue) }
        let grant = Grant(id: id, fromOrganisationID: from.id, toOrganisationID: to.id, scope: grantScope,
            note: String(note.prefix(500)))
        try await GrantModel(domain: grant).create(on: db)
        return grant
    }

    @discardableResult
    public func revoke(_ id: UUID, in scope: TenantScope) async throws -> Grant {
        guard let m = try await GrantModel.query(on: db)
            .filter(\.$id == id).filter(\.$fromOrganisationID == scope.organisationID).first(),
            let grant = m.toDomain()
        else { throw RepositoryError.notFound }
        try await m.delete(on: db)
        return grant
    }
}
