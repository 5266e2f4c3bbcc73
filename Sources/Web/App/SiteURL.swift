import FluentKit
import Fluent
import Persistence
import Community
import Foundation
import Vapor

/// Every path of the web app, used both to register routes and to make links, so they cannot drift.
enum SiteURL: Sendable, Equatable {
    case home
    case login
    case logout
    case language
    case dashboard
    case switchOrganisation
    case licences
    case licenceUpload
    case licenceSnapshot(UUID)
    case licenceUsers(UUID)
    case licenceUser(UUID, Int)
    case licenceUsersCSV(UUID)
    case licenceUsersODS(UUID)
    case licenceSummaryODS(UUID)
    case licenceChangeList(UUID)
    case licenceReport(UUID)
    case licencePurge(UUID)
    case licenceReprofile(UUID)
    case licenceSettings
    case licenceCatalogue
    case licencePolicy
    case bindings
    case bindingsGraph
    case bindingsImpact
    case bindingsLockIn
    case bindingsVendors
    case bindingsVendor(UUID)
    case bindingsVendorProducts(UUID)
    case bindingsProductComponents(UUID)
    case bindingsSystems
    case bindingsSystem(UUID)
    case bindingsSystemBindings(UUID)
    case bindingsSystemData(UUID)
    case bindingDelete(UUID)
    case bindingVerify(UUID)
    case bindingsContracts
    case bindingsContract(UUID)
    case bindingsWhatIf
    case bindingsOfficeMove
    case bindingsOfficeMoveUsers
    case bindingsExitPlans
    case bindingsExitPlan(UUID)
    case bindingsExitPlanApprove(UUID)
    case bindingsTender(UUID)
    case bindingsTenderODT(UUID)
    case bindingsImport
    case bindingsImportKitos
    case bindingsImportCSV
    case bindingsExport(String)
    case nis2
    case community
    case incidents
    case incident(UUID)
    case incidentSignificance(UUID)
    case incidentSubmission(UUID)
    case incidentTimeline(UUID)
    case incidentStatus(UUID)
    case incidentFacts(UUID)
    case management
    case managementTraining
    case assets
    case asset(UUID)
    case risks
    case risk(UUID)
    case riskAccept(UUID)
    case riskMatrix
    case riskNew
    case measures
    case measure(UUID)
    case measureApprove(UUID)
    case measureEvidence(UUID)
    case evidenceFile(UUID)
    case plans
    case plan(UUID)
    case planPrint(UUID)
    case planODT(UUID)
    case planContacts(UUID)
    case planContactRemove(UUID, UUID)
    case planExercises(UUID)
    case registration
    case registrationReview
    case taskDone(UUID)
    case board
    case boardODT
    case incidentReport(UUID)
    case incidentReportODT(UUID)
    case calendar
    case calendarFeed(String)
    case communityGrants
    case communityGrantRevoke(UUID)
    case adminPeople
    case adminPersonCreate
    case adminMembershipAdd
    case adminMembershipRemove(UUID)
    case adminPersonDisable(UUID)
    case adminPersonEnable(UUID)
    case adminDepartments
    case adminAudit
    case adminExport
    case adminOrganisations
    case adminCentreCreate
    case account
    case accountPassword
    case accountTokens
    case accountTokenRevoke(UUID)
    case healthz
    case metrics
    case openAPI
    case stylesheet
    case uploadScript
    case api(API)

    enum API: Sendable, Equatable {
        case me
        case organisations
        case organisation(String)
        case departments(String)
        case members(String)
        case grants(String)
        case auditEvents(String)
        case licenceSnapshots(String)
        case licenceSnapshot(String, UUID)
        case licenceSnapshotUsers(String, UUID)
        case incidents(String)
        case incident(String, UUID)
        case risks(String)
        case measures(String)
        case plans(String)
        case plan(String, UUID)
        case bindingsLandscape(String)
        case bindingsLockIn(String)
        case bindingsBlastRadius(String)
        case bindingsExitWindows(String)
        case bindingsExitPlans(String)
    }

    /// The path with `:id` / `:code` placeholders, for route registration.
    var template: String {
        switch self {
        case .home: "/"
        case .login: "/log-ind"
        case .logout: "/log-ud"
        case .language: "/sprog"
        case .dashboard: "/oversigt"
        case .switchOrganisation: "/organisation"
        case .licences: "/licenser"
        case .licenceUpload: "/licenser/indlaes"
        case .licenceSnapshot: "/licenser/oejebliksbilleder/:id"
        case .licenceUsers: "/licenser/oejebliksbilleder/:id/brugere"
        case .licenceUser: "/licenser/oejebliksbilleder/:id/brugere/:row"
        case .licenceUsersCSV: "/licenser/oejebliksbilleder/:id/brugere.csv"
        case .licenceUsersODS: "/licenser/oejebliksbilleder/:id/brugere.ods"
        case .licenceSummaryODS: "/licenser/oejebliksbilleder/:id/totaler.ods"
        case .licenceChangeList: "/licenser/oejebliksbilleder/:id/aendringsliste.csv"
        case .licenceReport: "/licenser/oejebliksbilleder/:id/rapport.html"
        case .licencePurge: "/licenser/oejebliksbilleder/:id/slet-persondata"
        case .licenceReprofile: "/licenser/oejebliksbilleder/:id/genberegn"
        case .licenceSettings: "/licenser/indstillinger"
        case .licenceCatalogue: "/licenser/indstillinger/katalog"
        case .licencePolicy: "/licenser/indstillinger/politik"
        case .bindings: "/bindinger"
        case .bindingsGraph: "/bindinger/graf"
        case .bindingsImpact: "/bindinger/konsekvens"
        case .bindingsLockIn: "/bindinger/indlaasning"
        case .bindingsVendors: "/bindinger/leverandoerer"
        case .bindingsVendor: "/bindinger/leverandoerer/:id"
        case .bindingsVendorProducts: "/bindinger/leverandoerer/:id/produkter"
        case .bindingsProductComponents: "/bindinger/produkter/:id/komponenter"
        case .bindingsSystems: "/bindinger/systemer"
        case .bindingsSystem: "/bindinger/systemer/:id"
        case .bindingsSystemBindings: "/bindinger/systemer/:id/bindinger"
        case .bindingsSystemData: "/bindinger/systemer/:id/data"
        case .bindingDelete: "/bindinger/bindinger/:id/slet"
        case .bindingVerify: "/bindinger/bindinger/:id/verificer"
        case .bindingsContracts: "/bindinger/kontrakter"
        case .bindingsContract: "/bindinger/kontrakter/:id"
        case .bindingsWhatIf: "/bindinger/hvad-hvis"
        case .bindingsOfficeMove: "/bindinger/kontorpakke"
        case .bindingsOfficeMoveUsers: "/bindinger/kontorpakke/brugere"
        case .bindingsExitPlans: "/bindinger/exitplaner"
        case .bindingsExitPlan: "/bindinger/exitplaner/:id"
        case .bindingsExitPlanApprove: "/bindinger/exitplaner/:id/godkend"
        case .bindingsTender: "/bindinger/exitplaner/:id/udbudskrav"
        case .bindingsTenderODT: "/bindinger/exitplaner/:id/udbudskrav.odt"
        case .bindingsImport: "/bindinger/import"
        case .bindingsImportKitos: "/bindinger/import/kitos"
        case .bindingsImportCSV: "/bindinger/import/csv"
        case .bindingsExport: "/bindinger/eksport/:file"
        case .nis2: "/nis2"
        case .community: "/faellesskab"
        case .incidents: "/nis2/haendelser"
        case .incident: "/nis2/haendelser/:id"
        case .incidentSignificance: "/nis2/haendelser/:id/vaesentlighed"
        case .incidentSubmission: "/nis2/haendelser/:id/indberetning"
        case .incidentTimeline: "/nis2/haendelser/:id/tidslinje"
        case .incidentStatus: "/nis2/haendelser/:id/status"
        case .incidentFacts: "/nis2/haendelser/:id/oplysninger"
        case .management: "/nis2/ledelse"
        case .managementTraining: "/nis2/ledelse/uddannelse"
        case .assets: "/nis2/aktiver"
        case .asset: "/nis2/aktiver/:id"
        case .risks: "/nis2/risici"
        case .risk: "/nis2/risici/:id"
        case .riskAccept: "/nis2/risici/:id/accepter"
        case .riskMatrix: "/nis2/risikomatrix"
        case .riskNew: "/nis2/risici/ny"
        case .measures: "/nis2/foranstaltninger"
        case .measure: "/nis2/foranstaltninger/:id"
        case .measureApprove: "/nis2/foranstaltninger/:id/godkend"
        case .measureEvidence: "/nis2/foranstaltninger/:id/dokumentation"
        case .evidenceFile: "/nis2/dokumentation/:id"
        case .plans: "/nis2/beredskab"
        case .plan: "/nis2/beredskab/:id"
        case .planPrint: "/nis2/beredskab/:id/udskrift"
        case .planODT: "/nis2/beredskab/:id/plan.odt"
        case .planContacts: "/nis2/beredskab/:id/kaldetrae"
        case .planContactRemove: "/nis2/beredskab/:id/kaldetrae/:contact/fjern"
        case .planExercises: "/nis2/beredskab/:id/oevelser"
        case .registration: "/nis2/registrering"
        case .registrationReview: "/nis2/registrering/gennemgang"
        case .taskDone: "/nis2/opgaver/:id/udfoert"
        case .board: "/nis2/ledelsesrapport"
        case .boardODT: "/nis2/ledelsesrapport.odt"
        case .incidentReport: "/nis2/haendelser/:id/rapport"
        case .incidentReportODT: "/nis2/haendelser/:id/rapport.odt"
        case .calendar: "/nis2/kalender"
        case .calendarFeed: "/kalender/:token"
        case .communityGrants: "/faellesskab/tildelinger"
        case .communityGrantRevoke: "/faellesskab/tildelinger/:id/tilbagekald"
        case .adminPeople: "/administration/personer"
        case .adminPersonCreate: "/administration/personer/ny"
        case .adminMembershipAdd: "/administration/medlemskaber"
        case .adminMembershipRemove: "/administration/medlemskaber/:id/fjern"
        case .adminPersonDisable: "/administration/personer/:id/deaktiver"
        case .adminPersonEnable: "/administration/personer/:id/aktiver"
        case .adminDepartments: "/administration/afdelinger"
        case .adminAudit: "/administration/revisionslog"
        case .adminExport: "/administration/eksport"
        case .adminOrganisations: "/administration/organisationer"
        case .adminCentreCreate: "/administration/organisationer/driftscenter"
        case .account: "/konto"
        case .accountPassword: "/konto/adgangskode"
        case .accountTokens: "/konto/tokens"
        case .accountTokenRevoke: "/konto/tokens/:id/tilbagekald"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .openAPI: "/api/openapi.yaml"
        case .stylesheet: "/css/app.css"
        case .uploadScript: "/js/upload.js"
        case .api(let api):
            switch api {
            case .me: "/api/v1/me"
            case .organisations: "/api/v1/organisations"
            case .organisation: "/api/v1/organisations/:code"
            case .departments: "/api/v1/organisations/:code/departments"
            case .members: "/api/v1/organisations/:code/members"
            case .grants: "/api/v1/organisations/:code/grants"
            case .auditEvents: "/api/v1/organisations/:code/audit-events"
            case .licenceSnapshots: "/api/v1/organisations/:code/licences/snapshots"
            case .licenceSnapshot: "/api/v1/organisations/:code/licences/snapshots/:id"
            case .licenceSnapshotUsers: "/api/v1/organisations/:code/licences/snapshots/:id/users"
            case .incidents: "/api/v1/organisations/:code/nis2/incidents"
            case .incident: "/api/v1/organisations/:code/nis2/incidents/:id"
            case .risks: "/api/v1/organisations/:code/nis2/risks"
            case .measures: "/api/v1/organisations/:code/nis2/measures"
            case .plans: "/api/v1/organisations/:code/nis2/plans"
            case .plan: "/api/v1/organisations/:code/nis2/plans/:id"
            case .bindingsLandscape: "/api/v1/organisations/:code/bindings/landscape"
            case .bindingsLockIn: "/api/v1/organisations/:code/bindings/lock-in"
            case .bindingsBlastRadius: "/api/v1/organisations/:code/bindings/blast-radius"
            case .bindingsExitWindows: "/api/v1/organisations/:code/bindings/exit-windows"
            case .bindingsExitPlans: "/api/v1/organisations/:code/bindings/exit-plans"
            }
        }
    }

    var path: String {
        switch self {
        case .communityGrantRevoke(let id), .adminMembershipRemove(let id), .adminPersonDisable(let id),
            .adminPersonEnable(let id), .accountTokenRevoke(let id), .licenceSnapshot(let id), .licenceUsers(let id),
            .licenceUsersCSV(let id), .licenceUsersODS(let id), .licenceSummaryODS(let id), .licenceChangeList(let id), .licenceReport(let id), .licencePurge(let id),
            .licenceReprofile(let id), .incident(let id), .incidentSignificance(let id), .incidentSubmission(let id),
            .incidentTimeline(let id), .incidentStatus(let id), .incidentFacts(let id),
            .asset(let id), .risk(let id), .riskAccept(let id), .measure(let id), .measureApprove(let id), .measureEvidence(let id), .evidenceFile(let id), .plan(let id), .planPrint(let id), .planODT(let id), .planContacts(let id), .planExercises(let id), .taskDone(let id), .incidentReport(let id), .incidentReportODT(let id),
            .bindingsVendor(let id), .bindingsVendorProducts(let id), .bindingsProductComponents(let id), .bindingsSystem(let id), .bindingsSystemBindings(let id), .bindingsSystemData(let id), .bindingDelete(let id), .bindingVerify(let id), .bindingsContract(let id), .bindingsExitPlan(let id), .bindingsExitPlanApprove(let id), .bindingsTender(let id), .bindingsTenderODT(let id):
            template.replacingOccurrences(of: ":id", with: id.uuidString)
        case .planContactRemove(let id, let contact):
            template.replacingOccurrences(of: ":id", with: id.uuidString).replacingOccurrences(of: ":contact", with: contact.uuidString)
        case .calendarFeed(let token):
            template.replacingOccurrences(of: ":token", with: token)
        case .bindingsExport(let file):
            template.replacingOccurrences(of: ":file", with: file)
        case .licenceUser(let id, let row):
            template.replacingOccurrences(of: ":id", with: id.uuidString).replacingOccurrences(of: ":row", with: String(row))
        case .api(.licenceSnapshots(let code)):
            template.replacingOccurrences(of: ":code", with: code)
        case .api(.licenceSnapshot(let code, let id)), .api(.licenceSnapshotUsers(let code, let id)), .api(.incident(let code, let id)), .api(.plan(let code, let id)):
            template.replacingOccurrences(of: ":code", with: code).replacingOccurrences(of: ":id", with: id.uuidString)
        case .api(.organisation(let code)), .api(.departments(let code)), .api(.members(let code)),
            .api(.grants(let code)), .api(.auditEvents(let code)), .api(.incidents(let code)), .api(.risks(let code)), .api(.measures(let code)),
            .api(.plans(let code)), .api(.bindingsLandscape(let code)), .api(.bindingsLockIn(let code)), .api(.bindingsBlastRadius(let code)), .api(.bindingsExitWindows(let code)), .api(.bindingsExitPlans(let code)):
            template.replacingOccurrences(of: ":code", with: code)
        default:
            template
        }
    }

    var pathComponents: [PathComponent] { template.pathComponents }
}

extension RoutesBuilder {
    @discardableResult
    func get(_ url: SiteURL, use closure: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        on(.GET, url.pathComponents, use: closure)
    }

    @discardableResult
    func post(_ url: SiteURL, use closure: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Route {
        on(.POST, url.pathComponents, use: closure)
    }
}

extension Request {
    /// A UUID route parameter; a malformed one is simply "not found".
    func uuidParameter(_ name: String = "id") throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }

    func redirect(to url: SiteURL) -> Response { redirect(to: url.path, redirectType: .normal) }
}
