import Community
import FluentKit
import Foundation
import SQLKit

/// Secret calendar-feed URLs, one per person and municipality; only the SHA-256 of the token is
/// stored. A new token replaces the old one (so a leaked URL is revoked by making a new one).
public struct CalendarTokenRepository: SQLRepository {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func hasToken(in scope: TenantScope) async throws -> Date? {
        try await sql.select().column("created_at").from("calendar_tokens").where("user_id", .equal, SQLBind(scope.userID))
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).first()?.decode(column: "created_at", as: Date.self)
    }

    public func replace(tokenHash: String, in scope: TenantScope, now: Date) async throws {
        try await db.transaction { tx in
            let sql = try CalendarTokenRepository(db: tx).sql
            try await sql.delete(from: "calendar_tokens").where("user_id", .equal, SQLBind(scope.userID))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            try await sql.insert(into: "calendar_tokens").columns("id", "organisation_id", "user_id", "token_hash", "created_at")
                .values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(scope.userID), SQLBind(tokenHash), SQLBind(now)).run()
        }
    }

    /// The scope a feed token reads with: its person's current roles in its municipality, or nil when
    /// the token is unknown, the person is disabled or no longer a member there.
    public func scope(forTokenHash hash: String) async throws -> (TenantScope, Organisation)? {
        guard let row = try await sql.select().columns("user_id", "organisation_id").from("calendar_tokens")
            .where("token_hash", .equal, SQLBind(hash)).first() else { return nil }
        let userID = try row.decode(column: "user_id", as: UUID.self)
        let organisationID = try row.decode(column: "organisation_id", as: UUID.self)
        guard let account = try await UserRepository(db: db).account(id: userID), !account.isDisabled,
              let organisation = try await OrganisationRepository(db: db).find(id: organisationID) else { return nil }
        let roles = Set(try await MembershipRepository(db: db).memberships(of: userID).filter { $0.organisationID == organisationID }.map(\.role))
        guard !roles.isEmpty else { return nil }
        let scope = TenantScope(organisationID: organisationID, organisationKind: organisation.kind, userID: userID, roles: roles)
        guard scope.may(.viewDashboard) else { return nil }
        return (scope, organisation)
    }
}
