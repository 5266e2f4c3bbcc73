/// The levels of the organisation hierarchy: CERT → regional centre → municipality → department.
public enum OrganisationKind: String, Codable, CaseIterable, Sendable {
    case cert
    case centre
    case municipality
    case department
}
