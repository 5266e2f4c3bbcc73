import Community
import Fluent
import Foundation
import Persistence
import Plot
import Vapor

/// The management body and its NIS2 training (the law requires management to be trained).
enum ManagementController {
    @Sendable static func page(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        guard scope.organisationKind == .municipality else { throw Abort(.notFound) }
        let members = try await ManagementRepository(db: req.db).members(in: scope)
        let ctx = PageContext(req)
        let canRecord = scope.may(.manageSecurity) || scope.may(.manageMembers)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Ledelsen og NIS2-uddannelse", "Management and NIS2 training"), section: .nis2,
            content: view(ctx, members, canRecord: canRecord, today: IncidentController.localInput(req.now).prefix(10).description)))
    }

    struct TrainingForm: Content {
        var user: UUID
        var completed_on: String
        var course: String
    }

    @Sendable static func record(req: Request) async throws -> Response {
        let scope = try req.requireActor().scope
        guard scope.may(.manageSecurity) || scope.may(.manageMembers) else { throw Abort(.forbidden) }
        let form = try req.content.decode(TrainingForm.self)
        do {
            try await ManagementRepository(db: req.db).recordTraining(userID: form.user, completedOn: form.completed_on, course: form.course,
                by: scope.userID, in: scope, now: req.now)
            try await req.audit(.managementTrainingRecorded, organisationID: scope.organisationID, actorID: scope.userID, targetType: "user",
                targetID: form.user.uuidString)
            req.flash(req.lang.t("Uddannelsen er registreret.", "The training is recorded."))
        } catch let error as RepositoryError {
            req.flash(AdminController.message(error, req.lang), error: true)
        }
        return req.redirect(to: .management)
    }

    static func view(_ ctx: PageContext, _ members: [ManagementRepository.MemberTraining], canRecord: Bool, today: String) -> Node<HTML.BodyContext> {
        let untrained = members.filter { $0.lastTraining == nil }.count
        return .group(
            .p(.class("lead"), .txt(ctx.t(
                "Efter NIS2-loven skal kommunens ledelse godkende sikringsforanstaltningerne og gennemgå uddannelse i cybersikkerhed. Ledelsen er de personer, der har rollen »Medlem af ledelsen«.",
                "Under the NIS2 law the municipality's management must approve the security measures and be trained in cybersecurity. The management body is the people with the role \"Management member\"."))),
            members.isEmpty
                ? .emptyState(ctx.t("Ingen medlemmer af ledelsen", "No management members"), ctx.t(
                    "Giv direktionens medlemmer rollen »Medlem af ledelsen« under Administration › Personer.",
                    "Give the members of the executive board the role \"Management member\" under Administration › People."))
                : .group(
                    .p(.txt(untrained == 0 ? ctx.t("Alle medlemmer af ledelsen har registreret uddannelse.", "Every management member has recorded training.")
                        : ctx.t("\(untrained) af \(members.count) medlemmer af ledelsen mangler uddannelse.", "\(untrained) of \(members.count) management members lack training."))),
                    .table(
                        .thead(.tr(.th(.txt(ctx.t("Navn", "Name"))), .th(.txt(ctx.t("Seneste uddannelse", "Latest training"))), .th(.txt(ctx.t("Kursus", "Course"))))),
                        .tbody(.forEach(members) { m in
                            .tr(.td(.txt(m.displayName)), .td(.txt(m.lastTraining ?? ctx.t("mangler", "missing"))), .td(.txt(m.course ?? "–")))
                        }))),
            .if(canRecord && !members.isEmpty, .form(
                .class("panel"), .attr("action", SiteURL.managementTraining.path), .method(.post),
                .h2(.txt(ctx.t("Registrér gennemført uddannelse", "Record completed training"))),
                .csrf(ctx.csrf),
                .choice(ctx.t("Person", "Person"), name: "user", options: members.map { ($0.userID.uuidString, $0.displayName) }),
                .field(ctx.t("Gennemført dato", "Completed on"), name: "completed_on", type: "date", value: today, required: true),
                .field(ctx.t("Kursus", "Course"), name: "course", value: ctx.t("NIS2-ledelsesuddannelse", "NIS2 management training"), required: true),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Registrér", "Record"))))),
            .p(.link(ctx.t("Tilbage til NIS2 & beredskab", "Back to NIS2 & continuity"), to: SiteURL.nis2.path))
        )
    }
}
