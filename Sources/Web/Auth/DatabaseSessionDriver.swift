import Fluent
import Foundation
import Persistence
import Vapor

/// Sessions in the database (shared by every instance):
/// - a session is read together with its person's account context in one query;
/// - it is written back only when its data changed, or at most every five minutes to keep it
///   alive, instead of on every request;
/// - a session idle for longer than `idleTimeout` is gone, whatever the cookie says.
struct DatabaseSessionDriver: AsyncSessionDriver {
    static let idleTimeout: TimeInterval = 8 * 3600
    static let touchInterval: TimeInterval = 5 * 60

    struct ReadKey: StorageKey { typealias Value = (data: SessionData, seenAt: Date) }
    /// The account context loaded with the session, for `ActorLoader`.
    struct ContextKey: StorageKey { typealias Value = AccountContext }

    static func userID(_ data: SessionData) -> UUID? {
        data[SessionActorMiddleware.userKey].flatMap(UUID.init(uuidString:))
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: request.services.token())
        try await SessionStore(db: request.db).create(key: id.string, userID: Self.userID(data), data: data.snapshot, at: request.now)
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        let store = SessionStore(db: request.db)
        guard let loaded = try await store.load(key: sessionID.string) else { return nil }
        if request.now.timeIntervalSince(loaded.seenAt) > Self.idleTimeout {
            try await store.delete(key: sessionID.string)
            return nil
        }
        let data = SessionData(initialData: loaded.data)
        request.storage[ReadKey.self] = (data, loaded.seenAt)
        if let context = loaded.context { request.storage[ContextKey.self] = context }
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if let read = request.storage[ReadKey.self], read.data == data, request.now.timeIntervalSince(read.seenAt) < Self.touchInterval {
            return sessionID
        }
        try await SessionStore(db: request.db).update(key: sessionID.string, userID: Self.userID(data), data: data.snapshot, at: request.now)
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionStore(db: request.db).delete(key: sessionID.string)
    }
}
