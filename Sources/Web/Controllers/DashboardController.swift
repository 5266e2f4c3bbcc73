import Licensing
import Foundation
import FluentKit
import Fluent
import Community
import Persistence
import Plot
import Vapor

enum DashboardController {
    struct Model {
        var organisation: Organisation
        var figures: DashboardFigures
        var grantsReceived: [(grant: Grant, from: Organisation)]
    }

    /// The dashboard's query, separate from HTTP so tests can call it. One query for a
    /// municipality; centres and the CERT also list the grants they received.
    static func model(organisation org: Organisation, scope: TenantScope, db req: Request) async throws -> Model {
        let cache = req.application.dashboardCache
        let figures: DashboardFigures
        if let cached = cache.figures(for: scope.organisationID, now: req.now) {
            figures = cached
        } else {
            figures = try await DashboardRepository(db: req.db).figures(in: scope)
            cache.store(figures, for: scope.organisationID, now: req.now)
        }
        var received: [(Grant, Organisation)] = []
        if org.kind != .municipality {
            let grants = try await req.grants.received(in: scope)
            let granters = try await req.organisations.find(ids: Array(Set(grants.map(\.fromOrganisationID))))
            received = grants.compactMap { g in granters.first { $0.id == g.fromOrganisationID }.map { (g, $0) } }
        }
        return Model(organisation: org, figures: figures, grantsReceived: received)
    }

    @Sendable static func dashboard(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        let model = try await model(organisation: try req.requireActor().current, scope: scope, db: req)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: model.organisation.name, section: .dashboard, content: DashboardView.content(ctx, model)))
    }
}

enum DashboardView {
    static func content(_ ctx: PageContext, _ m: DashboardController.Model) -> Node<HTML.BodyContext> {
        let isMunicipality = m.organisation.kind == .municipality
        let admin = ctx.actor?.may(.manageMembers) == true
        return .group(
            .p(.class("lead"), .txt(kindText(ctx, m.organisation))),
            .div(
                .class("cards"),
                card(ctx.t("Licenser", "Licences"), m.figures.latestLicenceSnapshot.map { SiteURL.licenceSnapshot($0.id) } ?? SiteURL.licences,
                    m.figures.latestLicenceSnapshot.map { s in ctx.t(
                        "Data pr. \(s.asOf): \(s.usersProfiled) brugere profileret; mulig besparelse \(ReportDocument.kroner(s.monthlySavingOre)) pr. måned (\(ReportDocument.kroner(s.monthlySavingOre * 12)) pr. år).",
                        "Data as of \(s.asOf): \(s.usersProfiled) users profiled; possible saving \(ReportDocument.kroner(s.monthlySavingOre)) per month (\(ReportDocument.kroner(s.monthlySavingOre * 12)) per year).")
                    } ?? ctx.t(
                    "Ingen forbrugsdata endnu. En licensadministrator henter brugsrapporterne fra Microsoft 365 Administration og indlæser dem her.",
                    "No usage data yet. A licence administrator downloads the usage reports from the Microsoft 365 admin center and imports them here."),
                    holders: m.figures.roleHolders[.licenceAdministrator] ?? 0, role: RoleText.name(.licenceAdministrator, ctx.lang), ctx),
                card(ctx.t("Bindinger", "Bindings"), SiteURL.bindings, m.figures.systems + m.figures.bindings == 0 ? ctx.t(
                    "Ingen systemer registreret endnu. En arkitekt registrerer fagsystemer, leverandører og bindinger.",
                    "No systems registered yet. An architect registers line-of-business systems, vendors and bindings.") : ctx.t(
                    "\(m.figures.systems) systemer og \(m.figures.bindings) bindinger registreret, heraf \(m.figures.hardBindings) hårde (holder op med at virke uden leverandøren).",
                    "\(m.figures.systems) systems and \(m.figures.bindings) bindings registered, \(m.figures.hardBindings) of them hard (stop working without the vendor)."),
                    holders: m.figures.roleHolders[.architect] ?? 0, role: RoleText.name(.architect, ctx.lang), ctx),
                card(ctx.t("NIS2 & beredskab", "NIS2 & continuity"), SiteURL.nis2, m.figures.risks + m.figures.plans == 0 ? ctx.t(
                    "Ingen risici eller beredskabsplaner endnu. Informationssikkerhedskoordinatoren begynder med kommunens kritiske systemer.",
                    "No risks or contingency plans yet. The security officer starts with the municipality's critical systems.") : ctx.t(
                    "\(m.figures.risks) risici og \(m.figures.plans) beredskabsplaner i registret.", "\(m.figures.risks) risks and \(m.figures.plans) contingency plans in the register."),
                    holders: m.figures.roleHolders[.securityOfficer] ?? 0, role: RoleText.name(.securityOfficer, ctx.lang), ctx)
            ),
            .h2(.txt(ctx.t("Organisation", "Organisation"))),
            .dl(
                .class("facts"),
                .dt(.txt(ctx.t("Personer med adgang", "People with access"))), .dd(.txt(String(m.figures.people))),
                .if(isMunicipality, .group(
                    .dt(.txt(ctx.t("Afdelinger", "Departments"))), .dd(.txt(String(m.figures.departments))),
                    .dt(.txt(ctx.t("Tildelinger til driftscentre og CERT", "Grants to centres and the CERT"))), .dd(.txt(String(m.figures.grantsGiven)))
                )),
                .if(!isMunicipality, .group(
                    .dt(.txt(ctx.t("Kommuner der har givet adgang", "Municipalities that granted access"))),
                    .dd(.txt(String(Set(m.grantsReceived.map(\.from.id)).count)))
                ))
            ),
            .if(isMunicipality && m.figures.departments == 0,
                .emptyState(ctx.t("Ingen afdelinger endnu", "No departments yet"), admin
                    ? ctx.t("Opret kommunens afdelinger under Administration, så licenser og systemer kan fordeles på dem.",
                        "Create the municipality's departments under Administration, so licences and systems can be broken down by them.")
                    : ctx.t("En administrator opretter kommunens afdelinger.", "An administrator creates the municipality's departments."))),
            .if(m.figures.people <= 1 && admin,
                .emptyState(ctx.t("Du er alene her", "You are alone here"), ctx.t(
                    "Tilføj kolleger under Administration › Personer og giv dem roller: licensadministrator, arkitekt, informationssikkerhedskoordinator.",
                    "Add colleagues under Administration › People and give them roles: licence administrator, architect, security officer."))),
            .if(!m.grantsReceived.isEmpty, .group(
                .h2(.txt(ctx.t("Adgang fra kommuner", "Access from municipalities"))),
                .ul(.forEach(m.grantsReceived) { g in
                    .li(.txt("\(g.from.name) (\(g.from.code)): \(GrantText.name(g.grant.scope, ctx.lang))"))
                })
            ))
        )
    }

    static func card(_ title: String, _ url: SiteURL, _ text: String, holders: Int, role: String, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.a(.href(url.path), .txt(title))),
            .p(.txt(text)),
            .p(.class("muted"), .txt(holders == 0
                ? ctx.t("Ingen har rollen \(role) endnu.", "Nobody has the role \(role) yet.")
                : ctx.t("\(holders) med rollen \(role).", "\(holders) with the role \(role).")))
        )
    }

    static func kindText(_ ctx: PageContext, _ o: Organisation) -> String {
        switch o.kind {
        case .municipality: ctx.t("Kommune \(o.code)", "Municipality \(o.code)") + (o.region.map { " · \($0)" } ?? "")
        case .centre: ctx.t("Regionalt driftscenter", "Regional operations centre") + (o.region.map { " · \($0)" } ?? "")
        case .cert: ctx.t("Kommunernes fælles CERT", "The joint municipal CERT")
        case .department: ctx.t("Afdeling", "Department")
        }
    }
}
