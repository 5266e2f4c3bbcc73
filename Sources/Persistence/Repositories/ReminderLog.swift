import Community
import FluentKit
import Foundation
import SQLKit

/// Which reminders were sent, so each goes out once (per municipality and key).
public struct ReminderLog: SQLRepository {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func sent(in scope: TenantScope) async throws -> Set<String> {
        Set(try await sql.select().column("key").from("reminders_sent").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .all(decodingColumn: "key", as: String.self))
    }

    /// Claims the keys (one transaction; the unique key makes a second instance's claim fail, so a
    /// reminder is sent by one instance only).
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

    /// Gives claimed keys back (the e-mail could not be sent; the next pass tries again).
    public func forget(_ keys: [String], in scope: TenantScope) async throws {
        guard !keys.isEmpty else { return }
        try await sql.delete(from: "reminders_sent").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .where("key", .in, SQLBind.group(keys)).run()
    }
}
