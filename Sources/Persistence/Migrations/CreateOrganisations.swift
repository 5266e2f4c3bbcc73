import FluentKit

struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("kind", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("region", .string)
            .field("parent_id", .uuid, .references("organisations", "id"))
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").delete()
    }
}
