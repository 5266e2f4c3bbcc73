import FluentKit

/// Licence profiling per municipality: settings (own catalogue prices, policy, retention),
/// snapshots with their summary, and one row per Active-users user with the usage facts (for
/// re-profiling; purged on request or by retention) and the result.
struct CreateLicenceTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("licence_settings")
            .field("organisation_id", .uuid, .identifier(auto: false), .references("organisations", "id", onDelete: .cascade))
            .field("catalogue_csv", .string)
            .field("policy_json", .string)
            .field("retention_days", .int)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("licence_snapshots")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("as_of", .string, .required)
            .field("file_names", .string, .required)
            .field("users_profiled", .int, .required)
            .field("monthly_saving_ore", .int64, .required)
            .field("summary_json", .string, .required)
            .field("facts_json", .string, .required)
            .field("catalogue_csv", .string, .required)
            .field("policy_json", .string, .required)
            .field("purged_at", .datetime)
            .field("profiled_at", .datetime, .required)
            .create()
        try await database.schema("licence_users")
            .field("snapshot_id", .uuid, .required, .references("licence_snapshots", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required)
            .field("row_no", .int, .required)
            .field("upn", .string, .required)
            .field("upn_key", .string, .required)
            .field("is_deleted", .bool, .required)
            .field("department", .string)
            .field("job_title", .string)
            .field("assigned_products", .string, .required)
            .field("last_activity", .int)
            .field("licensed_since", .int)
            .field("exchange_date", .int)
            .field("teams_date", .int)
            .field("apps_flags", .int, .required)
            .field("shared_activations", .int64, .required)
            .field("mailbox_bytes", .int64, .required)
            .field("has_archive", .bool, .required)
            .field("onedrive_bytes", .int64, .required)
            .field("frontline_eligible", .int)
            .field("education_eligible", .int)
            .field("desktop_override", .int)
            .field("action", .string)
            .field("current_skus", .string)
            .field("recommended_skus", .string)
            .field("current_ore", .int64)
            .field("recommended_ore", .int64)
            .field("saving_ore", .int64)
            .field("reasons", .string)
            .field("loses", .string)
            .unique(on: "snapshot_id", "row_no")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("licence_users").delete()
        try await database.schema("licence_snapshots").delete()
        try await database.schema("licence_settings").delete()
    }
}

/// Indexes for the per-user table: by snapshot and saving, action, department and UPN.
struct CreateLicenceIndexes: AsyncMigration {
    static let statements: [(name: String, sql: String)] = [
        ("licence_snapshots_org_idx", "licence_snapshots (organisation_id, created_at)"),
        ("licence_users_saving_idx", "licence_users (snapshot_id, saving_ore)"),
        ("licence_users_key_idx", "licence_users (snapshot_id, upn_key)"),
        ("licence_users_action_idx", "licence_users (snapshot_id, action)"),
    ]

    func prepare(on database: any Database) async throws {
        try await CreateIndexes.create(Self.statements, on: database)
    }

    func revert(on database: any Database) async throws {
        try await CreateIndexes.drop(Self.statements, on: database)
    }
}
