/// What a person does in an organisation. A person holds one role per membership.
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    case administrator
    case licenceAdministrator = "licence_administrator"
    case architect
    case securityOfficer = "security_officer"
    case managementMember = "management_member"
    case auditor
    case centreOperator = "centre_operator"
    case certAnalyst = "cert_analyst"

    public var permissions: Set<Permission> {
        switch self {
        case .administrator:
            [.viewDashboard, .manageMembers, .manageGrants, .viewAuditLog, .manageDepartments, .exportData]
        case .licenceAdministrator:
            [.viewDashboard, .manageLicences, .viewPersonalUsage]
        case .architect:
            [.viewDashboard, .manageBindings]
        case .securityOfficer:
            [.viewDashboard, .manageSecurity]
        case .managementMember:
            [.viewDashboard, .approveOnBehalfOfManagement]
        case .auditor:
            [.viewDashboard, .viewAuditLog]
        case .centreOperator, .certAnalyst:
            [.viewDashboard]
        }
    }

    /// Roles that make sense for an organisation kind.
    public static func assignable(in kind: OrganisationKind) -> [Role] {
        switch kind {
        case .municipality, .department:
            [.administrator, .licenceAdministrator, .architect, .securityOfficer, .managementMember, .auditor]
        case .centre:
            [.administrator, .centreOperator, .auditor]
        case .cert:
            [.administrator, .certAnalyst, .auditor]
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Things a person may do. Read access to a municipality's non-personal data comes with any
/// membership; the rest is granted by role.
public enum Permission: String, Codable, CaseIterable, Sendable {
    case viewDashboard
    case manageMembers
    case manageGrants
    case manageDepartments
    case viewAuditLog
    case exportData
    case manageLicences
    /// Per-user usage data is personal data: only licence administrators see it, and every view is logged.
    case viewPersonalUsage
    case manageBindings
    case manageSecurity
    case approveOnBehalfOfManagement
}
