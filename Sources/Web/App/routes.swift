import Foundation
import FluentKit
import Fluent
import Persistence
import Community
import Vapor

/// Every route of the app. The isolation harness (Tests/AppTests/IsolationTests.swift) fails
/// when a route here has no case there.
func routes(_ app: Application) throws {
    // Operations: no session, no login.
    app.get(.healthz, use: OpsController.healthz)
    app.get(.metrics, use: OpsController.metrics)
    app.get(.openAPI, use: OpsController.openAPI)
    app.get(.stylesheet, use: OpsController.stylesheet)
    app.get(.uploadScript, use: OpsController.uploadScript)

    // The HTML app: database sessions, the signed-in person, CSRF on every post.
    let web = app.grouped(app.sessions.middleware, SessionActorMiddleware(), CSRFMiddleware())
    web.get(.home, use: AuthController.home)
    web.get(.login, use: AuthController.loginPage)
    web.post(.login, use: AuthController.login)
    web.get(.language, use: AuthController.language)

    let signedIn = web.grouped(RequireLogin())
    signedIn.post(.logout, use: AuthController.logout)
    signedIn.post(.switchOrganisation, use: AuthController.switchOrganisation)
    signedIn.get(.dashboard, use: DashboardController.dashboard)
    signedIn.get(.licences, use: LicenceController.index)
    signedIn.get(.licenceSnapshot(UUID()), use: LicenceController.snapshot)
    signedIn.get(.licenceUsers(UUID()), use: LicenceController.users)
    signedIn.get(.licenceUser(UUID(), 0), use: LicenceController.user)
    signedIn.get(.licenceUsersCSV(UUID()), use: LicenceController.usersCSV)
    signedIn.get(.licenceUsersODS(UUID()), use: LicenceController.usersODS)
    signedIn.get(.licenceSummaryODS(UUID()), use: LicenceController.summaryODS)
    signedIn.get(.licenceChangeList(UUID()), use: LicenceController.changeList)
    signedIn.get(.licenceReport(UUID()), use: LicenceController.report)
    signedIn.post(.licencePurge(UUID()), use: LicenceController.purge)
    signedIn.post(.licenceReprofile(UUID()), use: LicenceController.reprofile)
    signedIn.get(.licenceSettings, use: LicenceSettingsController.page)
    signedIn.post(.licenceCatalogue, use: LicenceSettingsController.saveCatalogue)
    signedIn.post(.licencePolicy, use: LicenceSettingsController.savePolicy)

    // The report upload streams its body to disk, so the CSRF token is checked by the handler
    // from the form's first field instead of by CSRFMiddleware (which would need the whole body).
    app.grouped(app.sessions.middleware, SessionActorMiddleware(), RequireLogin())
        .on(.POST, SiteURL.licenceUpload.pathComponents, body: .stream, use: LicenceController.upload)
    signedIn.get(.bindings, use: ModuleController.handler(ModuleController.bindings))
    signedIn.get(.nis2, use: IncidentController.index)
    signedIn.post(.incidents, use: IncidentController.create)
    signedIn.get(.incident(UUID()), use: IncidentController.show)
    signedIn.post(.incidentSignificance(UUID()), use: IncidentController.decide)
    signedIn.post(.incidentSubmission(UUID()), use: IncidentController.submit)
    signedIn.post(.incidentTimeline(UUID()), use: IncidentController.addTimeline)
    signedIn.post(.incidentStatus(UUID()), use: IncidentController.update)
    signedIn.post(.incidentFacts(UUID()), use: IncidentController.updateFacts)
    signedIn.get(.management, use: ManagementController.page)
    signedIn.post(.managementTraining, use: ManagementController.record)
    signedIn.get(.community, use: CommunityController.page)
    signedIn.post(.communityGrants, use: CommunityController.addGrant)
    signedIn.post(.communityGrantRevoke(UUID()), use: CommunityController.revokeGrant)
    signedIn.get(.adminPeople, use: AdminController.people)
    signedIn.post(.adminPersonCreate, use: AdminController.createPerson)
    signedIn.post(.adminMembershipAdd, use: AdminController.addMembership)
    signedIn.post(.adminMembershipRemove(UUID()), use: AdminController.removeMembership)
    signedIn.post(.adminPersonDisable(UUID()), use: AdminController.setDisabled(true))
    signedIn.post(.adminPersonEnable(UUID()), use: AdminController.setDisabled(false))
    signedIn.get(.adminDepartments, use: AdminController.departments)
    signedIn.post(.adminDepartments, use: AdminController.createDepartment)
    signedIn.get(.adminAudit, use: AdminController.audit)
    signedIn.get(.adminExport, use: AdminController.exportPage)
    signedIn.post(.adminExport, use: AdminController.export)
    signedIn.get(.adminOrganisations, use: AdminController.organisations)
    signedIn.post(.adminCentreCreate, use: AdminController.createCentre)
    signedIn.get(.account, use: AccountController.page)
    signedIn.post(.accountPassword, use: AccountController.changePassword)
    signedIn.post(.accountTokens, use: AccountController.createToken)
    signedIn.post(.accountTokenRevoke(UUID()), use: AccountController.revokeToken)

    // The JSON API: bearer tokens only, no cookies, so no CSRF.
    let api = app.grouped(BearerTokenMiddleware())
    api.get(.api(.me), use: APIController.me)
    api.get(.api(.organisations), use: APIController.organisations)
    api.get(.api(.organisation("")), use: APIController.organisation)
    api.get(.api(.departments("")), use: APIController.departments)
    api.get(.api(.members("")), use: APIController.members)
    api.get(.api(.grants("")), use: APIController.grants)
    api.get(.api(.auditEvents("")), use: APIController.auditEvents)
    api.get(.api(.licenceSnapshots("")), use: APIController.licenceSnapshots)
    api.get(.api(.licenceSnapshot("", UUID())), use: APIController.licenceSnapshot)
    api.get(.api(.licenceSnapshotUsers("", UUID())), use: APIController.licenceSnapshotUsers)
}
