import FluentKit
import Foundation

/// Counts failed logins per account in the database, so all instances throttle alike.
public struct LoginThrottle: Sendable {
    public static let maxFailures = 5
    public static let window: TimeInterval = 15 * 60

    let db: any Database

    public init(db: any Database) { self.db = db }

    public func isLocked(keyHash: String, now: Date) async throws -> Bool {
        try await recentFailures(keyHash: keyHash, now: now) >= Self.maxFailures
    }

    public func recentFailures(keyHash: String, now: Date) async throws -> Int {
        try await LoginAttemptModel.query(on: db)
            .filter(\.$keyHash == keyHash).filter(\.$at > now.addingTimeInterval(-Self.window)).count()
    }

    public func recordFailure(keyHash: String, now: Date) async throws {
        try await LoginAttemptModel(keyHash: keyHash, at: now).create(on: db)
        // Old rows are useless for throttling; keep the table small.
        try await LoginAttemptModel.query(on: db).filter(\.$at < now.addingTimeInterval(-Self.window * 4)).delete()
    }

    public func reset(keyHash: String) async throws {
        try await LoginAttemptModel.query(on: db).filter(\.$keyHash == keyHash).delete()
    }
}
