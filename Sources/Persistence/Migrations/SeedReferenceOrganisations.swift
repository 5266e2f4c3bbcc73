import Community
import FluentKit

/// Inserts the joint municipal CERT and the 98 municipalities with their fixed ids.
struct SeedReferenceOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await Organisation.reference.map(OrganisationModel.init(domain:)).create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await OrganisationModel.query(on: database)
            .filter(\.$id ~~ Organisation.reference.map(\.id))
            .delete()
    }
}
