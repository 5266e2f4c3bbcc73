import FluentKit

/// Login sessions, shared by every instance. `user_id` is a column (not only inside `data`) so the
/// session and the person's account load in one query, and a person's sessions can be ended at once.
struct CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("key", .string, .required)
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("data", .string, .required)
            .field("seen_at", .datetime, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
