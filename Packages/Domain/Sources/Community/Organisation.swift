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

    /// How the organisation is named in running text and reports: "Aarhus Kommune" for a municipality
    /// (unless its name already says so), the name itself otherwise.
    public var formalName: String {
        kind == .municipality && !name.lowercased().contains("kommune") ? name + " Kommune" : name
    }

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

extension Organisation {
    /// Municipalities and the CERT have the same id in every installation, so an export archive
    /// imports into another installation with its references intact.
    public static func municipalityID(code: String) -> UUID {
        UUID(uuidString: "00000000-0000-4000-8000-00000000\(code)")!
    }

    /// The joint municipal CERT's fixed id.
    public static let certID = UUID(uuidString: "00000000-0000-4000-8000-0000000ce470")!

    /// The seeded organisations: the joint municipal CERT and the 98 municipalities.
    public static var reference: [Organisation] {
        [Organisation(id: certID, kind: .cert, code: "CERT", name: "Kommunernes fælles CERT")]
            + Municipality.all.map {
                Organisation(id: municipalityID(code: $0.code), kind: .municipality, code: $0.code, name: $0.name, region: $0.region)
            }
    }
}
