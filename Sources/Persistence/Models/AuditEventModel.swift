import FluentKit
import Foundation

/// `@unchecked Sendable`: see `OrganisationModel`.
public final class AuditEventModel: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    /// The municipality (or centre/CERT) the event belongs to; nil for installation-wide events.
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "action") public var action: String
    @Field(key: "target_type") public var targetType: String
    @OptionalField(key: "target_id") public var targetID: String?
    /// Non-personal detail: ids, counts, role names.
    @Field(key: "detail") public var detail: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(
        id: UUID? = nil, organisationID: UUID?, actorID: UUID?, action: String, targetType: String, targetID: String?,
        detail: String, at: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.actorID = actorID
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.detail = detail
        self.at = at
    }
}
