import Foundation

/// What a municipality lets a regional centre or the CERT read. Grants are explicit, per scope,
/// and never include per-user licence usage.
public enum GrantScope: String, Codable, CaseIterable, Sendable {
    /// Organisation overview: departments and the dashboard's non-personal counts.
    case overview
    /// Contingency plans and business-impact analyses for the systems the centre runs.
    case continuity
    /// Incidents and their reporting stages.
    case incidents
    /// The systems, vendors and bindings inventory.
    case bindings
    /// Licence totals and savings (never per-user data).
    case licenceTotals = "licence_totals"
}

/// An explicit grant from a municipality to a centre or the CERT.
public struct Grant: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var fromOrganisationID: UUID
    public var toOrganisationID: UUID
    public var scope: GrantScope
    public var note: String

    public init(id: UUID, fromOrganisationID: UUID, toOrganisationID: UUID, scope: GrantScope, note: String = "") {
        self.id = id
        self.fromOrganisationID = fromOrganisationID
        self.toOrganisationID = toOrganisationID
        self.scope = scope
        self.note = note
    }
}

public enum GrantError: Error, Equatable, Sendable {
    case granterMustBeMunicipality
    case granteeMustBeCentreOrCERT
}

extension Grant {
    /// Checks that a grant goes from a municipality to a centre or the CERT.
    public static func validate(from: Organisation, to: Organisation) throws(GrantError) {
        guard from.kind == .municipality else { throw .granterMustBeMunicipality }
        guard to.kind == .centre || to.kind == .cert else { throw .granteeMustBeCentreOrCERT }
    }
}
