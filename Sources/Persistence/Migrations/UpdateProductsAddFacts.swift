import FluentKit
import FluentSQL

/// What a product is, as far as leaving it is concerned: how it is delivered, its licence, the open
/// standards it speaks and the formats its data can be exported in (specs/bindings.md, Model).
struct UpdateProductsAddFacts: AsyncMigration {
    static let fields = ["delivery", "licence", "open_standards", "export_formats"]

    func prepare(on database: any Database) async throws {
        for field in Self.fields {
            try await database.schema("products")
                .field(.definition(name: .key(.init(stringLiteral: field)), dataType: .string, constraints: [.required, .sql(.default(""))])).update()
        }
    }

    func revert(on database: any Database) async throws {
        for field in Self.fields.reversed() { try await database.schema("products").deleteField(.key(.init(stringLiteral: field))).update() }
    }
}
