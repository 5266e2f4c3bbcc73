import FluentKit

/// NIS2 incidents with their reporting stages (the clock is computed from these instants), and the
/// append-only timeline.
struct CreateIncidents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("incidents")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("severity", .string, .required)
            .field("status", .string, .required)
            .field("aware_at", .datetime, .required)
            .field("significance", .string)
            .field("significance_decided_at", .datetime)
            .field("significance_justification", .string)
            .field("early_warning_submitted_at", .datetime)
            .field("notification_submitted_at", .datetime)
            .field("intermediate_requested_due", .datetime)
            .field("intermediate_submitted_at", .datetime)
            .field("handling_ended_at", .datetime)
            .field("progress_submitted_at", .datetime)
            .field("final_submitted_at", .datetime)
            .field("late_reasons", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .create()
        try await database.schema("incident_timeline")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required)
            .field("at", .datetime, .required)
            .field("recorded_at", .datetime, .required)
            .field("text", .string, .required)
            .field("automatic", .bool, .required)
            .field("author_id", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("incident_timeline").delete()
        try await database.schema("incidents").delete()
    }
}
