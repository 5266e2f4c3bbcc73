import Community
import FluentKit
import Foundation

/// `@unchecked Sendable`: see `OrganisationModel`.
public final class MembershipModel: Model, @unchecked Sendable {
    public static let schema = "memberships"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "role") public var role: String
    /// The department the person works in, when known (a child of `organisationID`).
    @OptionalField(key: "department_id") public var departmentID: UUID?
    /// Set explicitly (not a Fluent timestamp) so an archive import keeps the original value.
    @OptionalField(key: "created_at") public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, userID: UUID, organisationID: UUID, role: Role, departmentID: UUID? = nil, createdAt: Date = Date()) {
        self.createdAt = createdAt
        self.id = id
        self.userID = userID
        self.organisationID = organisationID
        self.role = role.rawValue
        self.departmentID = departmentID
    }

    public func toDomain() -> Membership? {
        guard let role = Role(rawValue: role) else { return nil }
        return Membership(id: id!, userID: userID, organisationID: organisationID, role: role)
    }
}
