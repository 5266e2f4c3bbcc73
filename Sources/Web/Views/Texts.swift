import Foundation
import Vapor
import FluentKit
import Fluent
import Persistence
import Community

/// Danish and English names of domain values (the glossary in docs/glossary.md).
enum RoleText {
    static func name(_ role: Role, _ lang: Lang) -> String {
        switch role {
        case .administrator: lang.t("Administrator", "Administrator")
        case .licenceAdministrator: lang.t("Licensadministrator", "Licence administrator")
        case .architect: lang.t("Arkitekt", "Architect")
        case .securityOfficer: lang.t("Informationssikkerhedskoordinator", "Security officer")
        case .managementMember: lang.t("Medlem af ledelsen", "Management member")
        case .auditor: lang.t("Revisor (kun læse)", "Auditor (read-only)")
        case .centreOperator: lang.t("Driftscenteroperatør", "Centre operator")
        case .certAnalyst: lang.t("CERT-analytiker", "CERT analyst")
        }
    }
}

enum GrantText {
    static func name(_ scope: GrantScope, _ lang: Lang) -> String {
        switch scope {
        case .overview: lang.t("Overblik (afdelinger og nøgletal)", "Overview (departments and key figures)")
        case .continuity: lang.t("Beredskabsplaner og konsekvensanalyser", "Contingency plans and impact analyses")
        case .incidents: lang.t("Hændelser og indberetninger", "Incidents and reports")
        case .bindings: lang.t("Systemer, leverandører og bindinger", "Systems, vendors and bindings")
        case .licenceTotals: lang.t("Licenstotaler (aldrig persondata)", "Licence totals (never personal data)")
        }
    }
}

enum KindText {
    static func name(_ kind: OrganisationKind, _ lang: Lang) -> String {
        switch kind {
        case .cert: "CERT"
        case .centre: lang.t("Driftscenter", "Operations centre")
        case .municipality: lang.t("Kommune", "Municipality")
        case .department: lang.t("Afdeling", "Department")
        }
    }
}
