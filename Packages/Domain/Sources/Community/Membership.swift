import Foundation

/// A person's role in one organisation.
public struct Membership: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var userID: UUID
    public var organisationID: UUID
    public var role: Role

    public init(id: UUID, userID: UUID, organisationID: UUID, role: Role) {
        self.id = id
        self.userID = userID
        self.organisationID = organisationID
        self.role = role
    }
}
