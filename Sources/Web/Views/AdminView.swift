import Vapor
import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Plot

enum AdminView {
    static func subnav(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        var items: [(SiteURL, String)] = []
        if ctx.actor?.may(.manageMembers) == true { items.append((.adminPeople, ctx.t("Personer", "People"))) }
        if ctx.actor?.may(.manageDepartments) == true { items.append((.adminDepartments, ctx.t("Afdelinger", "Departments"))) }
        if ctx.actor?.may(.viewAuditLog) == true { items.append((.adminAudit, ctx.t("Revisionslog", "Audit log"))) }
        if ctx.actor?.may(.exportData) == true { items.append((.adminExport, ctx.t("Eksport", "Export"))) }
        if ctx.actor?.account.isSystemAdmin == true { items.append((.adminOrganisations, ctx.t("Organisationer", "Organisations"))) }
        return .nav(.class("subnav"), .attr("aria-label", ctx.t("Administration", "Administration")),
            .ul(.forEach(items) { i in
                .li(.a(.href(i.0.path), .if(ctx.path == i.0.path, .attribute(named: "aria-current", value: "page")), .txt(i.1)))
            }))
    }

    static func people(_ ctx: PageContext, members: [Member], departments: [Organisation], kind: OrganisationKind) -> Node<HTML.BodyContext> {
        let roles = Role.assignable(in: kind).map { ($0.rawValue, RoleText.name($0, ctx.lang)) }
        let deptName = Dictionary(departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return .group(
            subnav(ctx),
            .table(
                .caption(.txt(ctx.t("\(members.count) personer med adgang", "\(members.count) people with access"))),
                .thead(.tr(
                    .th(.txt(ctx.t("Navn", "Name"))), .th(.txt(ctx.t("E-mail", "E-mail"))), .th(.txt(ctx.t("Roller", "Roles"))),
                    .th(.txt(ctx.t("Status", "Status"))), .th(.txt(ctx.t("Handlinger", "Actions"))))),
                .tbody(.forEach(members) { m in
                    .tr(
                        .td(.txt(m.displayName)),
                        .td(.txt(m.email)),
                        .td(.ul(.class("plain"), .forEach(m.roles) { r in
                            .li(
                                .txt(RoleText.name(r.role, ctx.lang) + (r.departmentID.flatMap { deptName[$0] }.map { " · \($0)" } ?? "")),
                                .postButton(ctx.t("Fjern", "Remove"), action: SiteURL.adminMembershipRemove(r.membershipID).path, csrf: ctx.csrf, style: "link")
                            )
                        })),
                        .td(.txt(m.isDisabled ? ctx.t("Deaktiveret", "Disabled") : ctx.t("Aktiv", "Active"))),
                        .td(
                            .form(
                                .class("inline"), .attr("action", SiteURL.adminMembershipAdd.path), .method(.post),
                                .csrf(ctx.csrf),
                                .input(.type(.hidden), .name("user"), .attr("value", m.userID.uuidString)),
                                .label(.attr("for", "role-\(m.userID)"), .class("visually-hidden"), .txt(ctx.t("Ny rolle til \(m.displayName)", "New role for \(m.displayName)"))),
                                .select(.attr("id", "role-\(m.userID)"), .attr("name", "role"),
                                    .forEach(roles) { .opt($0.0, $0.1) }),
                                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Tilføj rolle", "Add role")))
                            ),
                            m.isDisabled
                                ? .postButton(ctx.t("Aktivér", "Enable"), action: SiteURL.adminPersonEnable(m.userID).path, csrf: ctx.csrf)
                                : .postButton(ctx.t("Deaktivér", "Disable"), action: SiteURL.adminPersonDisable(m.userID).path, csrf: ctx.csrf)
                        )
                    )
                })
            ),
            .form(
                .class("panel"), .attr("action", SiteURL.adminPersonCreate.path), .method(.post),
                .h2(.txt(ctx.t("Tilføj person", "Add person"))),
                .csrf(ctx.csrf),
                .field(ctx.t("E-mail", "E-mail"), name: "email", type: "email", required: true),
                .field(ctx.t("Navn", "Name"), name: "display_name", required: true,
                    hint: ctx.t("Har personen allerede en konto, får den blot rollen her.", "If the person already has an account, it just gets the role here.")),
                .choice(ctx.t("Rolle", "Role"), name: "role", options: roles),
                .if(!departments.isEmpty, .choice(ctx.t("Afdeling", "Department"), name: "department",
                    options: [("", ctx.t("(ingen)", "(none)"))] + departments.map { ($0.id.uuidString, $0.name) })),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Tilføj", "Add")))
            )
        )
    }

    static func created(_ ctx: PageContext, account: UserAccount, password: String) -> Node<HTML.BodyContext> {
        .group(
            .p(.txt(ctx.t("Kontoen for \(account.displayName) (\(account.email)) er oprettet.", "The account for \(account.displayName) (\(account.email)) has been created."))),
            .div(.class("panel"),
                .p(.txt(ctx.t("Midlertidig adgangskode – vises kun denne ene gang. Giv den til personen ad en sikker vej; personen skifter den under Konto.",
                    "Temporary password – shown this once only. Give it to the person by a safe route; they change it under Account."))),
                .p(.code(.class("secret"), .txt(password)))),
            .p(.link(ctx.t("Tilbage til personer", "Back to people"), to: SiteURL.adminPeople.path))
        )
    }

    static func departments(_ ctx: PageContext, _ departments: [Organisation], isMunicipality: Bool) -> Node<HTML.BodyContext> {
        .group(
            subnav(ctx),
            !isMunicipality
                ? .p(.txt(ctx.t("Afdelinger findes kun i kommuner.", "Departments exist only in municipalities.")))
                : .group(
                    departments.isEmpty
                        ? .emptyState(ctx.t("Ingen afdelinger endnu", "No departments yet"), ctx.t(
                            "Opret fx Hjemmeplejen, Dagplejen, Skoleområdet, Vej og Park, Borgerservice, Jobcenter, Økonomi og IT.",
                            "Create e.g. Home care, Day care, Schools, Roads and parks, Citizen services, Job centre, Finance and IT."))
                        : .ul(.class("columns"), .forEach(departments) { .li(.txt($0.name)) }),
                    .form(
                        .class("panel"), .attr("action", SiteURL.adminDepartments.path), .method(.post),
                        .h2(.txt(ctx.t("Opret afdeling", "Create department"))),
                        .csrf(ctx.csrf),
                        .field(ctx.t("Navn", "Name"), name: "name", required: true),
                        .button(.type(.submit), .class("button primary"), .txt(ctx.t("Opret", "Create")))
                    )
                )
        )
    }

    static func audit(_ ctx: PageContext, entries: [AuditEntry], names: [UUID: String], page: Int, pages: Int) -> Node<HTML.BodyContext> {
        .group(
            subnav(ctx),
            .p(.txt(ctx.t(
                "Alle ændringer, login, eksporter og visninger af persondata i organisationen. Loggen kan ikke ændres.",
                "Every change, login, export and view of personal data in the organisation. The log cannot be changed."))),
            entries.isEmpty
                ? .emptyState(ctx.t("Ingen hændelser endnu", "No events yet"), "")
                : .table(
                    .caption(.txt(ctx.t("Side \(page) af \(pages)", "Page \(page) of \(pages)"))),
                    .thead(.tr(.th(.txt(ctx.t("Tidspunkt", "Time"))), .th(.txt(ctx.t("Hvem", "Who"))), .th(.txt(ctx.t("Handling", "Action"))),
                        .th(.txt(ctx.t("Objekt", "Object"))), .th(.txt(ctx.t("Detaljer", "Details"))))),
                    .tbody(.forEach(entries) { e in
                        .tr(
                            .td(.txt(DateText.format(e.at, lang: ctx.lang))),
                            .td(.txt(e.actorID.map { names[$0] ?? $0.uuidString } ?? "–")),
                            .td(.code(.txt(e.action))),
                            .td(.txt(e.targetType + (e.targetID.map { " \($0.prefix(8))" } ?? ""))),
                            .td(.txt(e.detail))
                        )
                    })
                ),
            .nav(.class("pager"), .attr("aria-label", ctx.t("Sider", "Pages")),
                .if(page > 1, .link(ctx.t("Nyere", "Newer"), to: SiteURL.adminAudit.path + "?side=\(page - 1)")),
                .if(page < pages, .link(ctx.t("Ældre", "Older"), to: SiteURL.adminAudit.path + "?side=\(page + 1)")))
        )
    }

    static func export(_ ctx: PageContext, isMunicipality: Bool) -> Node<HTML.BodyContext> {
        .group(
            subnav(ctx),
            .p(.txt(ctx.t(
                "Kommunen ejer sine data. Eksporten er en zip-fil med JSON- og CSV-filer: organisationen, afdelinger, personer, roller, tildelinger og revisionsloggen. Formatet er beskrevet i docs/export-format.md, og filen kan indlæses i en anden Handlefrihed-installation med »handlefrihed import«. Adgangskoder og API-tokens eksporteres aldrig.",
                "The municipality owns its data. The export is a zip file of JSON and CSV files: the organisation, departments, people, roles, grants and the audit log. The format is documented in docs/export-format.md, and the file can be loaded into another Handlefrihed installation with \"handlefrihed import\". Passwords and API tokens are never exported."))),
            isMunicipality
                ? .postButton(ctx.t("Hent eksport (zip)", "Download export (zip)"), action: SiteURL.adminExport.path, csrf: ctx.csrf, style: "primary")
                : .p(.txt(ctx.t("Eksport findes for kommuner.", "Export exists for municipalities.")))
        )
    }

    static func organisations(_ ctx: PageContext, _ all: [Organisation]) -> Node<HTML.BodyContext> {
        .group(
            subnav(ctx),
            .form(
                .class("panel"), .attr("action", SiteURL.adminCentreCreate.path), .method(.post),
                .h2(.txt(ctx.t("Opret regionalt driftscenter", "Create regional operations centre"))),
                .csrf(ctx.csrf),
                .field(ctx.t("Kode", "Code"), name: "code", required: true, hint: ctx.t("Fx DC-MIDT", "E.g. DC-MIDT")),
                .field(ctx.t("Navn", "Name"), name: "name", required: true),
                .field(ctx.t("Region", "Region"), name: "region"),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Opret", "Create")))
            ),
            .table(
                .caption(.txt(ctx.t("\(all.count) organisationer", "\(all.count) organisations"))),
                .thead(.tr(.th(.txt(ctx.t("Kode", "Code"))), .th(.txt(ctx.t("Navn", "Name"))), .th(.txt(ctx.t("Type", "Kind"))),
                    .th(.txt("Region")), .th(.txt(ctx.t("Handling", "Action"))))),
                .tbody(.forEach(all) { o in
                    .tr(.td(.txt(o.code)), .td(.txt(o.name)), .td(.txt(KindText.name(o.kind, ctx.lang))), .td(.txt(o.region ?? "")),
                        .td(.form(.class("inline"), .attr("action", SiteURL.switchOrganisation.path), .method(.post), .csrf(ctx.csrf),
                            .input(.type(.hidden), .name("organisation"), .attr("value", o.id.uuidString)),
                            .button(.type(.submit), .class("button link"), .txt(ctx.t("Arbejd i \(o.name)", "Work in \(o.name)"))))))
                })
            )
        )
    }
}
