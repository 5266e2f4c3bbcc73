import FluentKit
import FluentSQL

/// Bindinger's tables. The system usages are the NIS2 `assets` (one inventory); they gain the number
/// of users and a mark for usages that disappeared from KITOS (kept, because risks and plans may
/// point at them).
struct CreateBindingsRegister: AsyncMigration {
    func prepare(on database: any Database) async throws {
        func organisation(_ builder: SchemaBuilder) -> SchemaBuilder {
            builder.id().field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
        }
        try await database.schema("assets").field(.definition(name: .key("users"), dataType: .int, constraints: [.required, .sql(.default(0))])).update()
        try await database.schema("assets").field("kitos_removed_at", .datetime).update()
        try await organisation(database.schema("vendors"))
            .field("kitos_uuid", .uuid)
            .field("name", .string, .required)
            .field("cvr", .string, .required)
            .field("country", .string, .required)
            .field("parent_id", .uuid)
            .field("non_eu_compellable", .bool, .required)
            .field("open_source", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await organisation(database.schema("products"))
            .field("vendor_id", .uuid, .required, .references("vendors", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("category", .string, .required)
            .create()
        try await organisation(database.schema("components"))
            .field("product_id", .uuid, .required, .references("products", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .create()
        try await organisation(database.schema("bindings"))
            .field("asset_id", .uuid, .required, .references("assets", "id", onDelete: .cascade))
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("type", .string, .required)
            .field("scope", .string, .required)
            .field("strength", .string, .required)
            .field("substitutability", .string, .required)
            .field("functions", .string, .required)
            .field("workaround", .string, .required)
            .field("removal_cost", .int64)
            .field("removal_effort_days", .double)
            .field("evidence", .string, .required)
            .field("verified_by", .uuid)
            .field("verified_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await organisation(database.schema("integrations"))
            .field("kitos_uuid", .uuid)
            .field("consumer_id", .uuid, .required, .references("assets", "id", onDelete: .cascade))
            .field("provider_id", .uuid, .required, .references("assets", "id", onDelete: .cascade))
            .create()
        try await organisation(database.schema("contracts"))
            .field("kitos_uuid", .uuid)
            .field("name", .string, .required)
            .field("vendor_id", .uuid, .references("vendors", "id", onDelete: .setNull))
            .field("valid_from", .datetime)
            .field("expiry", .datetime)
            .field("notice_months", .int, .required)
            .field("irrevocable_until", .datetime)
            .field("renewal_months", .int)
            .field("terminated_at", .datetime)
            .field("exit_clause", .bool, .required)
            .field("exit_assistance", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await organisation(database.schema("contract_usages"))
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("asset_id", .uuid, .required, .references("assets", "id", onDelete: .cascade))
            .unique(on: "contract_id", "asset_id")
            .create()
        try await organisation(database.schema("data_assets"))
            .field("asset_id", .uuid, .required, .references("assets", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("business_critical", .bool, .required)
            .field("export_formats", .string, .required)
            .field("last_tested_export", .datetime)
            .field("tested_export_open", .bool, .required)
            .create()
        try await CreateIndexes.create(Self.indexes, on: database)
    }

    static let indexes: [(name: String, sql: String)] = [
        ("vendors_organisation_kitos_idx", "vendors (organisation_id, kitos_uuid)"),
        ("assets_organisation_kitos_idx", "assets (organisation_id, kitos_uuid)"),
        ("bindings_organisation_idx", "bindings (organisation_id)"),
        ("bindings_target_idx", "bindings (target_id)"),
        ("integrations_organisation_idx", "integrations (organisation_id)"),
        ("contracts_organisation_kitos_idx", "contracts (organisation_id, kitos_uuid)"),
        ("contract_usages_contract_idx", "contract_usages (contract_id)"),
        ("data_assets_asset_idx", "data_assets (asset_id)"),
        ("products_vendor_idx", "products (vendor_id)"),
        ("components_product_idx", "components (product_id)"),
    ]

    func revert(on database: any Database) async throws {
        try await CreateIndexes.drop(Self.indexes, on: database)
        for table in ["data_assets", "contract_usages", "contracts", "integrations", "bindings", "components", "products", "vendors"] {
            try await database.schema(table).delete()
        }
        try await database.schema("assets").deleteField("kitos_removed_at").update()
        try await database.schema("assets").deleteField("users").update()
    }
}
