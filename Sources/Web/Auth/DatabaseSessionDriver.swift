import Fluent
import FluentKit
import Foundation
import SQLKit
import Vapor

/// Sessions in the database (shared by every instance), like Fluent's driver, but:
/// - a session is written back only when its data changed, or at most every five minutes to
///   keep it alive, instead of on every request;
/// - a session idle for longer than `idleTimeout` is gone, whatever the cookie says.
struct DatabaseSessionDriver: AsyncSessionDriver {
    static let idleTimeout: TimeInterval = 8 * 3600
    static let touchInterval: TimeInterval = 5 * 60
    static let seenKey = "_seen"

    private struct ReadKey: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: request.services.token())
        var data = data
        data[Self.seenKey] = String(Int(request.now.timeIntervalSince1970))
        try await SessionRecord(key: id, data: data).create(on: request.db)
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let record = try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).first() else { return nil }
        let seen = record.data[Self.seenKey].flatMap(TimeInterval.init) ?? 0
        if request.now.timeIntervalSince1970 - seen > Self.idleTimeout {
            try await record.delete(on: request.db)
            return nil
        }
        request.storage[ReadKey.self] = record.data
        return record.data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let now = request.now.timeIntervalSince1970
        if let read = request.storage[ReadKey.self] {
            let seen = read[Self.seenKey].flatMap(TimeInterval.init) ?? 0
            var unchanged = data
            unchanged[Self.seenKey] = read[Self.seenKey]
            if unchanged == read && now - seen < Self.touchInterval { return sessionID }
        }
        var data = data
        data[Self.seenKey] = String(Int(now))
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).set(\.$data, to: data).update()
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).delete()
    }
}

/// Fluent's session table has no index on the key it is looked up by.
struct CreateSessionKeyIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE UNIQUE INDEX fluent_sessions_key_idx ON _fluent_sessions (key)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX fluent_sessions_key_idx").run()
    }
}
