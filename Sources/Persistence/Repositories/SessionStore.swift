import Community
import FluentKit
import Foundation
import SQLKit

/// Sessions in the database. Reading a session also reads its person's account context in the
/// same query (every signed-in request needs both).
public struct SessionStore: SQLRepository {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public struct Loaded: Sendable {
        public var data: [String: String]
        public var seenAt: Date
        public var context: AccountContext?
    }

    public func create(key: String, userID: UUID?, data: [String: String], at now: Date) async throws {
        try await sql.insert(into: "sessions")
            .columns("id", "key", "user_id", "data", "seen_at")
            .values(SQLBind(UUID()), SQLBind(key), SQLBind(userID), SQLBind(Self.encode(data)), SQLBind(now))
            .run()
    }

    public func update(key: String, userID: UUID?, data: [String: String], at now: Date) async throws {
        try await sql.update("sessions")
            .set("user_id", to: SQLBind(userID)).set("data", to: SQLBind(Self.encode(data))).set("seen_at", to: SQLBind(now))
            .where("key", .equal, SQLBind(key))
            .run()
    }

    public func delete(key: String) async throws {
        try await sql.delete(from: "sessions").where("key", .equal, SQLBind(key)).run()
    }

    /// Ends every session of a person (when their account is disabled).
    public func deleteAll(userID: UUID) async throws {
        try await sql.delete(from: "sessions").where("user_id", .equal, SQLBind(userID)).run()
    }

    public func count(userID: UUID) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("sessions")
            .where("user_id", .equal, SQLBind(userID)).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func load(key: String) async throws -> Loaded? {
        let rows = try await sql.raw("""
            SELECT s.data, s.seen_at, s.user_id AS uid, u.email, u.display_name, u.is_system_admin, u.is_disabled, u.password_hash,
                   m.id AS mid, m.role, o.id AS oid, o.kind, o.code, o.name, o.region, o.parent_id, o.is_demo
            FROM sessions s
            LEFT JOIN users u ON u.id = s.user_id
            LEFT JOIN memberships m ON m.user_id = u.id
            LEFT JOIN organisations o ON o.id = m.organisation_id
            WHERE s.key = \(bind: key)
            """).all()
        guard let first = rows.first else { return nil }
        let data = Self.decode(try first.decode(column: "data", as: String.self))
        let seenAt = try first.decode(column: "seen_at", as: Date.self)
        var context: AccountContext?
        if let uid = try first.decode(column: "uid", as: UUID?.self), try first.decode(column: "email", as: String?.self) != nil {
            context = try AccountContext.from(rows: rows, userID: uid)
        }
        return Loaded(data: data, seenAt: seenAt, context: context)
    }

    static func encode(_ data: [String: String]) -> String {
        (try? String(decoding: JSONEncoder().encode(data), as: UTF8.self)) ?? "{}"
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
