import Foundation

/// An organisation: the joint municipal CERT, a regional operations centre, a municipality
/// or a department inside a municipality. Municipalities carry their four-digit kommunekode.
public struct Organisation: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var kind: OrganisationKind
    /// Kommunekode for municipalities (e.g. "0751"), a short code for other kinds.
    public var code: String
    public var name: String
    public var region: String?
    public var parentID: UUID?
    public var isDemo: Bool

    public init(
        id: UUID, kind: OrganisationKind, code: String, name: String, region: String? = nil,
        parentID: UUID? = nil, isDemo: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.code = code
        self.name = name
        self.region = region
        self.parentID = parentID
        self.isDemo = isDemo
    }

    /// The municipality that owns this organisation's data: itself, or for a department its parent.
    public var tenantID: UUID? {
        switch kind {
        case .municipality: id
        case .department: parentID
        case .cert, .centre: nil
        }
    }
}
