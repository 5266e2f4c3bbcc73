import Community
import FluentKit
import Foundation

/// `@unchecked Sendable`: see `OrganisationModel`.
public final class GrantModel: Model, @unchecked Sendable {
    public static let schema = "grants"

    @ID(key: .id) public var id: UUID?
    @Field(key: "from_organisation_id") public var fromOrganisationID: UUID
    @Field(key: "to_organisation_id") public var toOrganisationID: UUID
    @Field(key: "scope") public var scope: String
    @Field(key: "note") public var note: String
    /// Set explicitly (not a Fluent timestamp) so an archive import keeps the original value.
    @OptionalField(key: "created_at") public var createdAt: Date?

    public init() {}

    public init(domain g: Grant, createdAt: Date = Date()) {
        self.createdAt = createdAt
        id = g.id
        fromOrganisationID = g.fromOrganisationID
        toOrganisationID = g.toOrganisationID
        scope = g.scope.rawValue
        note = g.note
    }

    public func toDomain() -> Grant? {
        guard let scope = GrantScope(rawValue: scope) else { return nil }
        return Grant(id: id!, fromOrganisationID: fromOrganisationID, toOrganisationID: toOrganisationID, scope: scope, note: note)
    }
}
