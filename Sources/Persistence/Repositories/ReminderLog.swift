import Community
import FluentKit
import Foundation
import SQLKit

/// Which reminders were sent, so each goes out once (per municipality and key).
public struct ReminderLog: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw RepositoryError.invalid(field: "database", message: "not SQL") }
            return sql
        }
    }

    public func sent(in scope: TenantScope) async throws -> Set<String> {
        Set(try await sql.select().column("key").from("reminders_sent").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .all(decodingColumn: "key", as: String.self))
    }

    public func record(_ keys: [String], in scope: TenantScope, now: Date) async throws {
        guard !keys.isEmpty else { return }
        try await db.transaction { tx in
            let sql = try ReminderLog(db: tx).sql
            for key in keys {
                try await sql.insert(into: "reminders_sent").columns("id", "organisation_id", "key", "sent_at")
                    .values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(key), SQLBind(now)).run()
            }
        }
    }
}
