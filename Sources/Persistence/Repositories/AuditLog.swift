import Community
import FluentKit
import Foundation

public struct AuditEntry: Equatable, Sendable, Codable {
    public var id: UUID
    public var organisationID: UUID?
    public var actorID: UUID?
    public var action: String
    public var targetType: String
    public var targetID: String?
    public var detail: String
    public var at: Date
}

public struct AuditLog: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func record(
        _ action: AuditAction, organisationID: UUID?, actorID: UUID?, targetType: String, targetID: String? = nil,
        detail: String = "", at: Date
    ) async throws {
        try await AuditEventModel(
            organisationID: organisationID, actorID: actorID, action: action.rawValue, targetType: targetType,
            targetID: targetID, detail: detail, at: at
        ).create(on: db)
    }

    /// The scope organisation's events, newest first.
    public func entries(in scope: TenantScope, limit: Int = 100, offset: Int = 0) async throws -> [AuditEntry] {
        try await AuditEventModel.query(on: db)
            .filter(\.$organisationID == scope.organisationID)
            .sort(\.$at, .descending).sort(\.$id)
            .range(offset..<(offset + limit))
            .all().map(Self.entry)
    }

    public func count(in scope: TenantScope) async throws -> Int {
        try await AuditEventModel.query(on: db).filter(\.$organisationID == scope.organisationID).count()
    }

    /// Installation-wide events (for the CLI and tests).
    public func all() async throws -> [AuditEntry] {
        try await AuditEventModel.query(on: db).sort(\.$at).all().map(Self.entry)
    }

    static func entry(_ m: AuditEventModel) -> AuditEntry {
        AuditEntry(
            id: m.id!, organisationID: m.organisationID, actorID: m.actorID, action: m.action, targetType: m.targetType,
            targetID: m.targetID, detail: m.detail, at: m.at)
    }
}
