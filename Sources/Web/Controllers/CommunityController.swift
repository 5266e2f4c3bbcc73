import Foundation
import FluentKit
import Fluent
import Community
import Persistence
import Plot
import Vapor

enum CommunityController {
    struct Model {
        var current: Organisation
        var given: [(grant: Grant, to: Organisation)]
        var received: [(grant: Grant, from: Organisation)]
        var grantees: [Organisation]
    }

    static func model(scope: TenantScope, req: Request) async throws -> Model {
        guard let current = try await req.organisations.find(id: scope.organisationID) else { throw Abort(.notFound) }
        let given = try await req.grants.given(in: scope)
        let received = try await req.grants.received(in: scope)
        let cert = try await req.organisations.all(kind: .cert)
        let centres = try await req.organisations.all(kind: .centre)
        let granters = try await req.organisations.find(ids: Array(Set(received.map(\.fromOrganisationID))))
        let grantees = cert + centres
        return Model(
            current: current,
            given: given.compactMap { g in grantees.first { $0.id == g.toOrganisationID }.map { (g, $0) } },
            received: received.compactMap { g in granters.first { $0.id == g.fromOrganisationID }.map { (g, $0) } },
            grantees: grantees)
    }

    @Sendable static func page(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        let model = try await model(scope: scope, req: req)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Fællesskab", "Community"), section: .community,
            content: CommunityView.content(ctx, model, canManage: scope.may(.manageGrants))))
    }

    struct GrantForm: Content {
        var to: UUID
        var scope: String
        var note: String?
    }

    @Sendable static func addGrant(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageGrants)
        let form = try req.content.decode(GrantForm.self)
        let lang = req.lang
        guard let grantScope = GrantScope(rawValue: form.scope) else { throw Abort(.badRequest) }
        do {
            let grant = try await req.grants.add(to: form.to, scope: grantScope, note: form.note ?? "", in: scope)
            try await req.audit(.grantAdded, organisationID: scope.organisationID, actorID: scope.userID,
                targetType: "grant", targetID: grant.id.uuidString, detail: "to=\(grant.toOrganisationID) scope=\(grantScope.rawValue)")
            req.flash(lang.t("Adgangen er givet.", "Access granted."))
        } catch RepositoryError.duplicate {
            req.flash(lang.t("Den adgang er allerede givet.", "That access is already granted."), error: true)
        } catch RepositoryError.invalid, RepositoryError.notFound {
            req.flash(lang.t("Adgang kan kun gives fra en kommune til et driftscenter eller CERT.",
                "Access can only be granted from a municipality to a centre or the CERT."), error: true)
        }
        return req.redirect(to: .community)
    }

    @Sendable static func revokeGrant(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageGrants)
        let grant = try await req.grants.revoke(try req.uuidParameter(), in: scope)
        try await req.audit(.grantRevoked, organisationID: scope.organisationID, actorID: scope.userID,
            targetType: "grant", targetID: grant.id.uuidString, detail: "to=\(grant.toOrganisationID) scope=\(grant.scope.rawValue)")
        req.flash(req.lang.t("Adgangen er trukket tilbage.", "Access revoked."))
        return req.redirect(to: .community)
    }
}

enum CommunityView {
    static func content(_ ctx: PageContext, _ m: CommunityController.Model, canManage: Bool) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .txt(ctx.t(
                "Kommunerne, de regionale driftscentre og kommunernes fælles CERT arbejder sammen. Hver kommune ejer sine data og bestemmer selv, hvad et driftscenter eller CERT må se.",
                "The municipalities, the regional operations centres and the joint municipal CERT work together. Each municipality owns its data and decides what a centre or the CERT may see."))),
            m.current.kind == .municipality ? given(ctx, m, canManage: canManage) : received(ctx, m),
            .h2(.txt(ctx.t("Driftscentre og CERT", "Operations centres and CERT"))),
            .ul(.forEach(m.grantees) { o in
                .li(.txt("\(o.name) – \(KindText.name(o.kind, ctx.lang))" + (o.region.map { ", \($0)" } ?? "")))
            })
        )
    }

    static func given(_ ctx: PageContext, _ m: CommunityController.Model, canManage: Bool) -> Node<HTML.BodyContext> {
        .group(
            .h2(.txt(ctx.t("Adgang givet af \(m.current.name)", "Access granted by \(m.current.name)"))),
            m.given.isEmpty
                ? .emptyState(ctx.t("Ingen har fået adgang", "Nobody has been granted access"), ctx.t(
                    "Når et driftscenter overtager drift af kommunens systemer, kan I give det adgang til fx beredskabsplanerne.",
                    "When an operations centre takes over running the municipality's systems, you can grant it access to e.g. the contingency plans."))
                : .table(
                    .caption(.txt(ctx.t("Givne tildelinger", "Grants given"))),
                    .thead(.tr(.th(.txt(ctx.t("Modtager", "Recipient"))), .th(.txt(ctx.t("Omfang", "Scope"))),
                        .th(.txt(ctx.t("Note", "Note"))), .th(.txt(ctx.t("Handling", "Action"))))),
                    .tbody(.forEach(m.given) { g in
                        .tr(
                            .td(.txt(g.to.name)), .td(.txt(GrantText.name(g.grant.scope, ctx.lang))), .td(.txt(g.grant.note)),
                            .td(canManage
                                ? .postButton(ctx.t("Træk tilbage", "Revoke"), action: SiteURL.communityGrantRevoke(g.grant.id).path, csrf: ctx.csrf)
                                : .txt("–"))
                        )
                    })
                ),
            .if(canManage, .form(
                .class("panel"), .attr("action", SiteURL.communityGrants.path), .method(.post),
                .h3(.txt(ctx.t("Giv adgang", "Grant access"))),
                .csrf(ctx.csrf),
                .choice(ctx.t("Modtager", "Recipient"), name: "to", options: m.grantees.map { ($0.id.uuidString, $0.name) }),
                .choice(ctx.t("Omfang", "Scope"), name: "scope", options: GrantScope.allCases.map { ($0.rawValue, GrantText.name($0, ctx.lang)) }),
                .field(ctx.t("Note (fx aftale eller sagsnummer)", "Note (e.g. agreement or case number)"), name: "note"),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Giv adgang", "Grant access")))
            ))
        )
    }

    static func received(_ ctx: PageContext, _ m: CommunityController.Model) -> Node<HTML.BodyContext> {
        .group(
            .h2(.txt(ctx.t("Adgang fra kommuner", "Access from municipalities"))),
            m.received.isEmpty
                ? .emptyState(ctx.t("Ingen kommuner har givet adgang endnu", "No municipality has granted access yet"), ctx.t(
                    "En kommunes administrator giver adgang under Fællesskab i kommunens egen visning.",
                    "A municipality's administrator grants access under Community in the municipality's own view."))
                : .table(
                    .caption(.txt(ctx.t("Modtagne tildelinger", "Grants received"))),
                    .thead(.tr(.th(.txt(ctx.t("Kommune", "Municipality"))), .th(.txt(ctx.t("Omfang", "Scope"))), .th(.txt(ctx.t("Note", "Note"))))),
                    .tbody(.forEach(m.received) { g in
                        .tr(.td(.txt("\(g.from.name) (\(g.from.code))")), .td(.txt(GrantText.name(g.grant.scope, ctx.lang))), .td(.txt(g.grant.note)))
                    })
                )
        )
    }
}
