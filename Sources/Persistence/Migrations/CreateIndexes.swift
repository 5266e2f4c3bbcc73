import FluentKit
import SQLKit

/// Indexes for the tenant-scoped lookups; plain SQL that SQLite and PostgreSQL both accept.
struct CreateIndexes: AsyncMigration {
    static let statements: [(name: String, sql: String)] = [
        ("organisations_parent_idx", "organisations (parent_id)"),
        ("organisations_kind_code_idx", "organisations (kind, code)"),
        ("memberships_org_idx", "memberships (organisation_id)"),
        ("memberships_user_idx", "memberships (user_id)"),
        ("audit_events_org_at_idx", "audit_events (organisation_id, at)"),
        ("login_attempts_key_at_idx", "login_attempts (key_hash, at)"),
        ("api_tokens_user_idx", "api_tokens (user_id)"),
    ]

    func prepare(on database: any Database) async throws {
        try await Self.create(Self.statements, on: database)
    }

    func revert(on database: any Database) async throws {
        try await Self.drop(Self.statements, on: database)
    }

    static func create(_ statements: [(name: String, sql: String)], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for s in statements {
            try await sql.raw(SQLQueryString("CREATE INDEX \(unsafeRaw: s.name) ON \(unsafeRaw: s.sql)")).run()
        }
    }

    static func drop(_ statements: [(name: String, sql: String)], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for s in statements {
            try await sql.raw(SQLQueryString("DROP INDEX \(unsafeRaw: s.name)")).run()
        }
    }
}
