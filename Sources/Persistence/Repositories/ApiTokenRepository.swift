import FluentKit
import Foundation

public struct ApiToken: Equatable, Sendable {
    public var id: UUID
    public var name: String
    public var prefix: String
    public var createdAt: Date?
    public var lastUsedAt: Date?
    public var isRevoked: Bool
}

/// Tokens belong to their person; nobody else can list or revoke them.
public struct ApiTokenRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func tokens(of userID: UUID) async throws -> [ApiToken] {
        try await ApiTokenModel.query(on: db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all().map(Self.token)
    }

    public func create(userID: UUID, name: String, tokenHash: String, prefix: String) async throws -> ApiToken {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 80 else {
            throw RepositoryError.invalid(field: "name", message: "empty or longer than 80 characters")
        }
        let m = ApiTokenModel(userID: userID, name: name, tokenHash: tokenHash, prefix: prefix)
        try await m.create(on: db)
        return Self.token(m)
    }

    public func revoke(_ id: UUID, of userID: UUID, at now: Date) async throws {
        guard let m = try await ApiTokenModel.query(on: db).filter(\.$id == id).filter(\.$userID == userID).first() else {
            throw RepositoryError.notFound
        }
        m.revokedAt = now
        try await m.save(on: db)
    }

    /// The owner of a live token, marking it used.
    public func owner(ofTokenHash hash: String, at now: Date) async throws -> UUID? {
        guard let m = try await ApiTokenModel.query(on: db).filter(\.$tokenHash == hash).filter(\.$revokedAt == nil).first()
        else { return nil }
        if m.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            m.lastUsedAt = now
            try await m.save(on: db)
        }
        return m.userID
    }

    static func token(_ m: ApiTokenModel) -> ApiToken {
        ApiToken(id: m.id!, name: m.name, prefix: m.prefix, createdAt: m.createdAt, lastUsedAt: m.lastUsedAt, isRevoked: m.revokedAt != nil)
    }
}
