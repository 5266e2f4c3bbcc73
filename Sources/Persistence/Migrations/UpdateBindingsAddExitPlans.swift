import FluentKit
import FluentSQL

/// Bindinger, second step: who uses a system beyond its owner, what a contract costs and returns on
/// exit, the roles vendors play, exit plans with approval, and lock-in snapshots for the trend.
struct UpdateBindingsAddExitPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        func organisation(_ builder: SchemaBuilder) -> SchemaBuilder {
            builder.id().field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
        }
        func text(_ name: String) -> DatabaseSchema.FieldDefinition {
            .definition(name: .key(.init(stringLiteral: name)), dataType: .string, constraints: [.required, .sql(.default(""))])
        }
        try await database.schema("assets").field(text("used_by")).update()
        try await database.schema("contracts").field("annual_cost", .int64).update()
        try await database.schema("contracts").field(text("data_return")).update()
        try await database.schema("contracts")
            .field(.definition(name: .key("switching_charges"), dataType: .bool, constraints: [.required, .sql(.default(false))])).update()
        try await organisation(database.schema("vendor_roles"))
            .field("vendor_id", .uuid, .required, .references("vendors", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("asset_id", .uuid, .references("assets", "id", onDelete: .cascade))
            .field("contract_id", .uuid, .references("contracts", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .create()
        try await organisation(database.schema("exit_plans"))
            .field("title", .string, .required)
            .field("target_kind", .string)
            .field("target_id", .uuid)
            .field("contract_id", .uuid, .references("contracts", "id", onDelete: .setNull))
            .field("departments", .string, .required)
            .field("triggers", .string, .required)
            .field("impact", .string, .required)
            .field("alternatives", .string, .required)
            .field("phases", .string, .required)
            .field("data_migration", .string, .required)
            .field("roles", .string, .required)
            .field("success_criteria", .string, .required)
            .field("tests", .string, .required)
            .field("planned_done", .string, .required)
            .field("approved_by", .uuid)
            .field("approved_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await organisation(database.schema("lockin_snapshots"))
            .field("taken_at", .datetime, .required)
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("name", .string, .required)
            .field("total", .double, .required)
            .field("level", .string, .required)
            .field("dimensions", .string, .required)
            .create()
        try await organisation(database.schema("kitos_pulls"))
            .field("pulled_at", .datetime, .required)
            .field("source", .string, .required)
            .field("delta", .bool, .required)
            .field("usages", .int, .required)
            .create()
        try await CreateIndexes.create(Self.indexes, on: database)
    }

    static let indexes: [(name: String, sql: String)] = [
        ("vendor_roles_organisation_idx", "vendor_roles (organisation_id, vendor_id)"),
        ("exit_plans_organisation_idx", "exit_plans (organisation_id)"),
        ("lockin_snapshots_target_idx", "lockin_snapshots (organisation_id, target_id, taken_at)"),
    ]

    func revert(on database: any Database) async throws {
        try await CreateIndexes.drop(Self.indexes, on: database)
        for table in ["kitos_pulls", "lockin_snapshots", "exit_plans", "vendor_roles"] { try await database.schema(table).delete() }
        for field in ["switching_charges", "data_return", "annual_cost"] { try await database.schema("contracts").deleteField(.key(.init(stringLiteral: field))).update() }
        try await database.schema("assets").deleteField("used_by").update()
    }
}
