import FluentKit
import FluentSQL

/// What the reporting stages must say (NIS2 Art. 23(4)) besides the dates. One column per
/// statement: SQLite adds a single column per ALTER TABLE.
struct UpdateIncidentsAddReportFields: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("incidents").field("suspected_malicious", .bool).update()
        try await database.schema("incidents").field("cross_border", .bool).update()
        for text in ["impact", "indicators", "root_cause", "mitigation"] {
            try await database.schema("incidents").field(.definition(name: .key(FieldKey(stringLiteral: text)), dataType: .string,
                constraints: [.required, .sql(.default(""))])).update()
        }
    }

    func revert(on database: any Database) async throws {
        for field in ["suspected_malicious", "cross_border", "impact", "indicators", "root_cause", "mitigation"] {
            try await database.schema("incidents").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
