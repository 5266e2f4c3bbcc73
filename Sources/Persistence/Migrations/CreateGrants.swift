import FluentKit

struct CreateGrants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("grants")
            .id()
            .field("from_organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("to_organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("scope", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "from_organisation_id", "to_organisation_id", "scope")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("grants").delete()
    }
}
