import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Plot
import Vapor

enum AdminController {
    // MARK: People

    @Sendable static func people(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .manageMembers)
        let members = try await req.memberships.members(in: scope)
        let departments = scope.organisationKind == .municipality ? try await req.organisations.departments(in: scope) : []
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Personer", "People"), section: .adminPeople,
            content: AdminView.people(ctx, members: members, departments: departments, kind: scope.organisationKind)))
    }

    struct PersonForm: Content {
        var email: String
        var display_name: String
        var role: String
        var department: String?
    }

    /// Creates a person (or adds an existing account) with a role here. A new person's initial
    /// password is shown once on the result page and never stored in clear.
    @Sendable static func createPerson(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageMembers)
        let form = try req.content.decode(PersonForm.self)
        let lang = req.lang
        guard let role = Role(rawValue: form.role) else { throw Abort(.badRequest) }
        let department = form.department.flatMap(UUID.init(uuidString:))
        do {
            if let (existing, _) = try await req.users.credentials(email: form.email) {
                // An account that exists only elsewhere is not revealed or adopted here: its name and
                // memberships belong to another organisation. A system administrator can add it.
                let isMemberHere = try await req.memberships.members(in: scope).contains { $0.userID == existing.id }
                guard isMemberHere || scope.isSystemAdministrator else {
                    req.flash(lang.t(
                        "Der findes allerede en konto med den e-mail i installationen. En systemadministrator kan give den adgang her.",
                        "An account with that e-mail already exists in the installation. A system administrator can give it access here."), error: true)
                    return req.redirect(to: .adminPeople)
                }
                try await req.memberships.add(userID: existing.id, role: role, departmentID: department, in: scope)
                try await req.audit(.membershipAdded, organisationID: scope.organisationID, actorID: scope.userID,
                    targetType: "user", targetID: existing.id.uuidString, detail: "role=\(role.rawValue)")
                req.flash(lang.t("Personen havde allerede en konto og har fået rollen.", "The person already had an account and was given the role."))
                return req.redirect(to: .adminPeople)
            }
            let password = Accounts.generatePassword(req.services)
            let hash = try await Accounts.hash(password, on: req.application)
            let result = try await req.db.transaction { db in
                let users = UserRepository(db: db)
                let account = try await users.create(email: form.email, displayName: form.display_name, passwordHash: hash)
                try await MembershipRepository(db: db).add(userID: account.id, role: role, departmentID: department, in: scope)
                try await AuditLog(db: db).record(.userCreated, organisationID: scope.organisationID, actorID: scope.userID,
                    targetType: "user", targetID: account.id.uuidString, detail: "role=\(role.rawValue)", at: req.now)
                return account
            }
            req.application.overviewCaches.invalidate(scope.organisationID)
            let ctx = PageContext(req)
            return try await HTMLPage(html: Layout.page(ctx, title: ctx.t("Person oprettet", "Person created"), section: .adminPeople,
                content: AdminView.created(ctx, account: result, password: password))).encodeResponse(for: req)
        } catch let error as RepositoryError {
            req.flash(message(error, lang), error: true)
            return req.redirect(to: .adminPeople)
        }
    }

    struct MembershipForm: Content {
        var user: UUID
        var role: String
    }

    @Sendable static func addMembership(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageMembers)
        let form = try req.content.decode(MembershipForm.self)
        guard let role = Role(rawValue: form.role) else { throw Abort(.badRequest) }
        // Only people already in this organisation can be given another role here.
        _ = try await req.memberships.member(form.user, in: scope)
        do {
            try await req.memberships.add(userID: form.user, role: role, in: scope)
            try await req.audit(.membershipAdded, organisationID: scope.organisationID, actorID: scope.userID,
                targetType: "user", targetID: form.user.uuidString, detail: "role=\(role.rawValue)")
            req.flash(req.lang.t("Rollen er tilføjet.", "Role added."))
        } catch let error as RepositoryError {
            req.flash(message(error, req.lang), error: true)
        }
        return req.redirect(to: .adminPeople)
    }

    @Sendable static func removeMembership(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageMembers)
        do {
            let userID = try await req.memberships.remove(try req.uuidParameter(), in: scope)
            try await req.audit(.membershipRemoved, organisationID: scope.organisationID, actorID: scope.userID,
                targetType: "user", targetID: userID.uuidString)
            req.flash(req.lang.t("Rollen er fjernet.", "Role removed."))
        } catch let error as RepositoryError where error != .notFound {
            req.flash(message(error, req.lang), error: true)
        }
        return req.redirect(to: .adminPeople)
    }

    static func setDisabled(_ disabled: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let scope = try req.scope(requiring: .manageMembers)
            let id = try req.uuidParameter()
            guard id != scope.userID else {
                req.flash(req.lang.t("Du kan ikke deaktivere dig selv.", "You cannot disable yourself."), error: true)
                return req.redirect(to: .adminPeople)
            }
            do {
                try await req.users.setDisabled(disabled, id: id, in: scope)
                try await req.audit(disabled ? .userDisabled : .userEnabled, organisationID: scope.organisationID,
                    actorID: scope.userID, targetType: "user", targetID: id.uuidString)
                req.flash(disabled ? req.lang.t("Kontoen er deaktiveret.", "Account disabled.") : req.lang.t("Kontoen er aktiveret.", "Account enabled."))
            } catch let error as RepositoryError where error != .notFound {
                req.flash(message(error, req.lang), error: true)
            }
            return req.redirect(to: .adminPeople)
        }
    }

    // MARK: Departments

    @Sendable static func departments(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .manageDepartments)
        let departments = scope.organisationKind == .municipality ? try await req.organisations.departments(in: scope) : []
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Afdelinger", "Departments"), section: .adminPeople,
            content: AdminView.departments(ctx, departments, isMunicipality: scope.organisationKind == .municipality)))
    }

    struct DepartmentForm: Content { var name: String }

    @Sendable static func createDepartment(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageDepartments)
        let form = try req.content.decode(DepartmentForm.self)
        do {
            let d = try await req.organisations.createDepartment(name: form.name, in: scope)
            try await req.audit(.departmentCreated, organisationID: scope.organisationID, actorID: scope.userID,
                targetType: "department", targetID: d.id.uuidString)
            req.flash(req.lang.t("Afdelingen er oprettet.", "Department created."))
        } catch let error as RepositoryError {
            req.flash(message(error, req.lang), error: true)
        }
        return req.redirect(to: .adminDepartments)
    }

    // MARK: Audit log and export

    @Sendable static func audit(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewAuditLog)
        let page = req.pageNumber
        let perPage = 50
        let entries = try await req.auditLog.entries(in: scope, limit: perPage, offset: (page - 1) * perPage)
        let total = try await req.auditLog.count(in: scope)
        let members = try await req.memberships.members(in: scope)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Revisionslog", "Audit log"), section: .adminPeople,
            content: AdminView.audit(ctx, entries: entries, names: Dictionary(members.map { ($0.userID, $0.displayName) }, uniquingKeysWith: { a, _ in a }),
                page: page, pages: max(1, (total + perPage - 1) / perPage))))
    }

    @Sendable static func exportPage(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .exportData)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Eksport af alle data", "Export all data"), section: .adminPeople,
            content: AdminView.export(ctx, isMunicipality: scope.organisationKind == .municipality)))
    }

    @Sendable static func export(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .exportData)
        let actor = try req.requireActor()
        guard actor.current.kind == .municipality else { throw Abort(.notFound) }
        let (data, manifest) = try await ArchiveExporter(db: req.db).export(municipalityCode: actor.current.code, now: req.now)
        try await req.audit(.dataExported, organisationID: scope.organisationID, actorID: scope.userID,
            targetType: "organisation", targetID: scope.organisationID.uuidString,
            detail: manifest.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        var headers = HTTPHeaders()
        headers.contentType = .zip
        headers.contentDisposition = .init(.attachment, filename: "handlefrihed-\(actor.current.code)-\(manifest.exportedAt.formatted(.iso8601.year().month().day())).zip")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    // MARK: Organisations (system administrators)

    @Sendable static func organisations(req: Request) async throws -> HTMLPage {
        let actor = try req.requireActor()
        guard actor.account.isSystemAdmin else { throw Abort(.forbidden) }
        let all = try await req.organisations.all(kind: .cert) + req.organisations.all(kind: .centre) + req.organisations.all(kind: .municipality)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Organisationer", "Organisations"), section: .adminPeople,
            content: AdminView.organisations(ctx, all)))
    }

    struct CentreForm: Content {
        var code: String
        var name: String
        var region: String?
    }

    @Sendable static func createCentre(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard actor.account.isSystemAdmin else { throw Abort(.forbidden) }
        let form = try req.content.decode(CentreForm.self)
        do {
            let centre = try await req.organisations.createCentre(code: form.code, name: form.name, region: form.region)
            try await req.audit(.organisationCreated, organisationID: centre.id, actorID: actor.account.id,
                targetType: "organisation", targetID: centre.id.uuidString)
            req.flash(req.lang.t("Driftscentret er oprettet.", "Operations centre created."))
        } catch let error as RepositoryError {
            req.flash(message(error, req.lang), error: true)
        }
        return req.redirect(to: .adminOrganisations)
    }

    static func message(_ error: RepositoryError, _ lang: Lang) -> String {
        switch error {
        case .notFound: lang.t("Findes ikke.", "Not found.")
        case .duplicate: lang.t("Findes allerede.", "Already exists.")
        case .invalid(let field, let message): lang.t("Ugyldigt felt \(field): \(message).", "Invalid field \(field): \(message).")
        }
    }
}
