import Foundation
import Vapor
import FluentKit
import Fluent
import Persistence
import Community
import Plot

/// The one layout: skip link, header with organisation switcher, main navigation, content, footer.
enum Layout {
    static func page(_ ctx: PageContext, title: String, section: SiteURL? = nil, content: Node<HTML.BodyContext>) -> HTML {
        HTML(
            .attribute(named: "lang", value: ctx.lang.rawValue),
            head(title),
            .body(
                .a(.class("skip"), .href("#main"), .txt(ctx.t("Spring til indhold", "Skip to content"))),
                header(ctx),
                .if(ctx.actor != nil, navigation(ctx, section: section)),
                .main(
                    .id("main"),
                    .attribute(named: "tabindex", value: "-1"),
                    .if(ctx.actor?.current.isDemo == true,
                        .p(.class("demo-banner"), .txt(ctx.t(
                            "Demodata: en fiktiv kommune til afprøvning. Intet her handler om virkelige personer.",
                            "Demo data: a fictitious municipality for trying things out. Nothing here is about real people.")))),
                    flash(ctx),
                    .h1(.txt(title)),
                    content
                ),
                .footer(
                    .p(.txt(ctx.t(
                        "Handlefrihed – open source til kommunernes licenser, bindinger og NIS2-beredskab. Dine data kan altid eksporteres.",
                        "Handlefrihed – open source for municipal licences, vendor bindings and NIS2 readiness. Your data can always be exported.")))
                )
            )
        )
    }

    static func head(_ title: String) -> Node<HTML.DocumentContext> {
        .head(
            .meta(.charset(.utf8)),
            .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
            .pageTitle(title + " – Handlefrihed"),
            .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))
        )
    }

    static func header(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        let other: Lang = ctx.lang == .da ? .en : .da
        let next = ctx.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        return .header(
            .class("top"),
            .div(.class("brand"), .a(.href(SiteURL.home.path), .txt("Handlefrihed"))),
            .if(ctx.actor != nil, switcher(ctx)),
            .div(
                .class("tools"),
                .a(
                    .attr("href", SiteURL.language.path + "?til=\(other.rawValue)&tilbage=\(next)"),
                    .attr("lang", other.rawValue), .attr("hreflang", other.rawValue),
                    .txt(other == .en ? "English" : "Dansk")),
                .unwrap(ctx.actor) { actor in
                    .group(
                        .a(.href(SiteURL.account.path), .txt(actor.account.displayName)),
                        .postButton(ctx.t("Log ud", "Log out"), action: SiteURL.logout.path, csrf: ctx.csrf, style: "link")
                    )
                }
            )
        )
    }

    static func switcher(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let actor = ctx.actor else { return .empty }
        if actor.organisations.count <= 1 && !actor.account.isSystemAdmin {
            return .p(.class("org"), .txt(actor.current.name))
        }
        return .form(
            .class("org-switch"), .attr("action", SiteURL.switchOrganisation.path), .method(.post),
            .csrf(ctx.csrf),
            .label(.attr("for", "org-select"), .class("visually-hidden"), .txt(ctx.t("Organisation", "Organisation"))),
            .select(
                .id("org-select"), .attr("name", "organisation"),
                .forEach(actor.organisations) { o in
                    .opt(o.id.uuidString, o.name, selected: o.id == actor.current.id)
                }
            ),
            .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Skift", "Switch")))
        )
    }

    static func navigation(_ ctx: PageContext, section: SiteURL?) -> Node<HTML.BodyContext> {
        var items: [(SiteURL, String)] = [
            (.dashboard, ctx.t("Oversigt", "Overview")),
            (.licences, ctx.t("Licenser", "Licences")),
            (.bindings, ctx.t("Bindinger", "Bindings")),
            (.nis2, ctx.t("NIS2 & beredskab", "NIS2 & continuity")),
            (.community, ctx.t("Fællesskab", "Community")),
        ]
        if let actor = ctx.actor, actor.may(.manageMembers) || actor.may(.viewAuditLog) {
            items.append((.adminPeople, ctx.t("Administration", "Administration")))
        }
        return .nav(
            .class("main-nav"), .attr("aria-label", ctx.t("Hovedmenu", "Main menu")),
            .ul(
                .forEach(items) { item in
                    .li(.a(
                        .href(item.0.path),
                        .if(item.0 == section, .attribute(named: "aria-current", value: "page")),
                        .txt(item.1)))
                }
            )
        )
    }

    static func flash(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        switch ctx.flash {
        case .success(let m): .div(.class("flash ok"), .attribute(named: "role", value: "status"), .txt(m))
        case .error(let m): .div(.class("flash error"), .attribute(named: "role", value: "alert"), .txt(m))
        case nil: .empty
        }
    }
}
