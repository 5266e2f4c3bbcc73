import FluentKit
import FluentSQL

/// Lessons learned from an incident (what the municipality changes afterwards).
struct UpdateIncidentsAddLessons: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("incidents").field(.definition(name: .key("lessons"), dataType: .string, constraints: [.required, .sql(.default(""))]))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("incidents").deleteField("lessons").update()
    }
}
