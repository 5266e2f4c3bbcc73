import FluentKit

/// NIS2 § 4: the management body is trained; one row per completed training.
struct CreateManagementTraining: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("management_training")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("completed_on", .string, .required)
            .field("course", .string, .required)
            .field("recorded_by", .uuid)
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("management_training").delete()
    }
}
