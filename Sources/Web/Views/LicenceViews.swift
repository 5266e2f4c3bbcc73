import Community
import Foundation
import Licensing
import Persistence
import Plot

enum LicenceViews {
    static func actionName(_ a: Action, _ lang: Lang) -> String {
        switch a {
        case .remove: lang.t("Fjern (ingen aktivitet)", "Remove (no activity)")
        case .downgrade: lang.t("Billigere licens", "Cheaper licence")
        case .keep: lang.t("Behold", "Keep")
        case .upgrade: lang.t("Dyrere licens", "Costlier licence")
        case .change: lang.t("Anden licens, samme pris", "Other licence, same price")
        case .review: lang.t("Gennemgå manuelt", "Review manually")
        }
    }

    static func reasonName(_ code: String, _ lang: Lang) -> String {
        switch code {
        case "new_licence": lang.t("ny licens (inden for fristen)", "new licence (within the grace period)")
        case "desktop_apps": lang.t("bruger Office-programmerne på Windows eller Mac", "uses the Office apps on Windows or Mac")
        case "shared_computer": lang.t("aktiveret på delt computer (Citrix/AVD)", "activated on a shared computer (Citrix/AVD)")
        case "desktop_override": lang.t("skrivebords-Office angivet i personfilen", "desktop Office set in the people file")
        case "mailbox_over_2gb": lang.t("postkasse over 2 GB", "mailbox over 2 GB")
        case "mailbox_over_50gb": lang.t("postkasse over 50 GB", "mailbox over 50 GB")
        case "archive": lang.t("har arkivpostkasse", "has an archive mailbox")
        case "onedrive_over_2gb": lang.t("OneDrive over 2 GB", "OneDrive over 2 GB")
        case "teams": lang.t("bruger Teams", "uses Teams")
        case "frontline_eligible": lang.t("må have frontlinjelicens", "may hold a frontline licence")
        case "education_eligible": lang.t("må have uddannelseslicens", "may hold an education licence")
        case "kept_unmeasured": lang.t("beholder det, rapporterne ikke kan måle", "keeps what the reports cannot measure")
        case "no_cover": lang.t("ingen licens dækker behovet", "no licence covers the need")
        default:
            code.hasPrefix("no_activity_") ? lang.t("ingen aktivitet i \(code.dropFirst(12).dropLast()) dage", "no activity in \(code.dropFirst(12).dropLast()) days") : code
        }
    }

    static func kr(_ ore: Int64) -> String { ReportDocument.kroner(ore) }

    // MARK: Index

    static func index(
        _ ctx: PageContext, snapshots: [SnapshotInfo], settings: LicenceSettings, canManage: Bool, licenceAdministrators: Int, error: String?
    ) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .txt(ctx.t(
                "Profilér kommunens Microsoft 365-brugere ud fra deres faktiske forbrug, og giv hver medarbejder den billigste licens, der dækker behovet.",
                "Profile the municipality's Microsoft 365 users by what they actually use, and give each employee the cheapest licence that covers the need."))),
            .unwrap(error) { .div(.class("flash error"), .attribute(named: "role", value: "alert"), .txt($0)) },
            snapshots.isEmpty
                ? .emptyState(ctx.t("Ingen øjebliksbilleder endnu", "No snapshots yet"), ctx.t(
                    "Hent brugsrapporterne som CSV i Microsoft 365 Administration › Rapporter › Forbrug (aktive brugere, Microsoft 365 Apps, postkasser, OneDrive, SharePoint, Teams, mail og Office-aktiveringer), og indlæs dem nedenfor.",
                    "Download the usage reports as CSV in the Microsoft 365 admin center › Reports › Usage (active users, Microsoft 365 Apps, mailboxes, OneDrive, SharePoint, Teams, email and Office activations), and import them below."))
                : .table(
                    .caption(.txt(ctx.t("Øjebliksbilleder", "Snapshots"))),
                    .thead(.tr(.th(.txt(ctx.t("Data pr.", "Data as of"))), .th(.txt(ctx.t("Indlæst", "Imported"))),
                        .th(.class("num"), .txt(ctx.t("Brugere", "Users"))), .th(.class("num"), .txt(ctx.t("Besparelse/md.", "Saving/month"))),
                        .th(.txt(ctx.t("Persondata", "Personal data"))))),
                    .tbody(.forEach(snapshots) { s in
                        .tr(
                            .td(.link(s.asOf, to: SiteURL.licenceSnapshot(s.id).path)),
                            .td(.txt(DateText.format(s.createdAt, lang: ctx.lang))),
                            .td(.class("num"), .txt(String(s.usersProfiled))),
                            .td(.class("num"), .txt(kr(s.monthlySavingOre))),
                            .td(.txt(s.isPurged ? ctx.t("slettet", "deleted") : ctx.t("gemt", "kept"))))
                    })),
            canManage ? uploadForm(ctx) : .p(.txt(licenceAdministrators == 0
                ? ctx.t("Kun licensadministratorer kan indlæse rapporter. Ingen har rollen licensadministrator endnu; en administrator giver den under Administration › Personer.",
                    "Only licence administrators can import reports. Nobody has the role licence administrator yet; an administrator grants it under Administration › People.")
                : ctx.t("Kun licensadministratorer kan indlæse rapporter (\(licenceAdministrators) har rollen).",
                    "Only licence administrators can import reports (\(licenceAdministrators) have the role)."))),
            .p(.link(ctx.t("Priser, politik og opbevaring", "Prices, policy and retention"), to: SiteURL.licenceSettings.path),
                .txt(settings.isOwnCatalogue ? ctx.t(" – kommunens egne priser bruges.", " – the municipality's own prices are used.")
                    : ctx.t(" – listepriserne bruges; indtast kommunens 50.49-priser for at få de rigtige beløb.",
                        " – list prices are used; enter the municipality's 50.49 prices for the right amounts.")))
        )
    }

    static func uploadForm(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .form(
            .class("panel"), .attr("action", SiteURL.licenceUpload.path), .method(.post), .attr("enctype", "multipart/form-data"),
            .id("upload-form"),
            .h2(.txt(ctx.t("Indlæs brugsrapporter", "Import usage reports"))),
            .csrf(ctx.csrf),
            .div(.class("field"),
                .label(.attr("for", "f-files"), .txt(ctx.t("Rapportfiler (CSV, gerne alle ni på én gang)", "Report files (CSV, preferably all nine at once)"))),
                .p(.class("hint"), .id("f-files-hint"), .txt(ctx.t(
                    "Filnavnene er ligegyldige: hver fils type genkendes på overskriftsrækken. Rapporten Aktive brugere skal være med.",
                    "File names do not matter: each file's type is recognised from its header row. The Active users report is required."))),
                .input(.type(.file), .attr("id", "f-files"), .attr("name", "files"), .attr("multiple", "multiple"), .attr("accept", ".csv,text/csv"),
                    .attr("required", "required"), .attr("aria-describedby", "f-files-hint"))),
            .div(.class("field"),
                .label(.attr("for", "f-people"), .txt(ctx.t("Personfil (valgfri)", "People file (optional)"))),
                .p(.class("hint"), .id("f-people-hint"), .txt(ctx.t(
                    "user_principal_name, department, job_title, frontline_eligible, education_eligible, desktop_override",
                    "user_principal_name, department, job_title, frontline_eligible, education_eligible, desktop_override"))),
                .input(.type(.file), .attr("id", "f-people"), .attr("name", "people"), .attr("accept", ".csv,text/csv"),
                    .attr("aria-describedby", "f-people-hint"))),
            .element(named: "progress", nodes: [Node<HTML.BodyContext>.attr("id", "upload-progress"), .attr("max", "100"), .attr("value", "0"), .attr("hidden", "hidden")]),
            .p(.id("upload-status"), .attribute(named: "role", value: "status"), .class("muted")),
            .button(.type(.submit), .class("button primary"), .txt(ctx.t("Indlæs og profilér", "Import and profile"))),
            .script(.src("/js/upload.js"))
        )
    }

    // MARK: Snapshot

    static func figures(_ ctx: PageContext, _ s: Profile.Summary) -> Node<HTML.BodyContext> {
        .div(.class("cards"),
            .div(.class("card"), .p(.txt(ctx.t("Nuværende pr. måned", "Current per month"))), .p(.class("big"), .txt(kr(s.currentMonthly.ore)))),
            .div(.class("card"), .p(.txt(ctx.t("Anbefalet pr. måned", "Recommended per month"))), .p(.class("big"), .txt(kr(s.recommendedMonthly.ore)))),
            .div(.class("card"), .p(.txt(ctx.t("Besparelse pr. måned", "Saving per month"))), .p(.class("big"), .txt(kr(s.monthlySaving.ore)))),
            .div(.class("card"), .p(.txt(ctx.t("Besparelse pr. år", "Saving per year"))), .p(.class("big"), .txt(kr(s.annualSaving.ore)))))
    }

    static func snapshot(
        _ ctx: PageContext, _ info: SnapshotInfo, others: [SnapshotInfo], compare: UUID?, canSeePeople: Bool, canManage: Bool
    ) -> Node<HTML.BodyContext> {
        let s = info.summary
        let departments = s.departments.sorted { $0.value.monthlySaving.ore > $1.value.monthlySaving.ore }
        let other = others.first { $0.id == compare && $0.id != info.id }
        return .group(
            .p(.class("muted"), .txt(ctx.t(
                "\(s.usersProfiled) brugere profileret · udelukket: \(s.usersExcluded.deleted) slettede, \(s.usersExcluded.unknown) ukendte, \(s.usersExcluded.unpriced) uden prissat basislicens · beregnet \(DateText.format(info.profiledAt, lang: ctx.lang))",
                "\(s.usersProfiled) users profiled · excluded: \(s.usersExcluded.deleted) deleted, \(s.usersExcluded.unknown) unknown, \(s.usersExcluded.unpriced) without a priced base licence · profiled \(DateText.format(info.profiledAt, lang: ctx.lang))"))),
            .if(!s.warnings.isEmpty, .div(.class("flash warn"), .attribute(named: "role", value: "note"),
                .ul(.forEach(s.warnings) { .li(.txt($0)) }))),
            figures(ctx, s),
            .h2(.txt(ctx.t("Anbefalinger", "Recommendations"))),
            .raw(ReportDocument.barChart(Action.allCases.map { (actionName($0, ctx.lang), Double(s.actions[$0.rawValue] ?? 0), String(s.actions[$0.rawValue] ?? 0)) },
                title: ctx.t("Antal brugere pr. anbefaling", "Users per recommendation"))),
            .h2(.txt(ctx.t("Andel med den store pakke", "Share on the heavy package"))),
            .raw(ReportDocument.bandChart(before: s.heavyShare.before, after: s.heavyShare.after,
                title: ctx.t("Andel med skrivebords-Office før og efter, mod kommunernes spænd på 35–65 %",
                    "Share with desktop Office before and after, against the municipalities' 35–65 % band"))),
            .p(.txt(ctx.t("Før: \(ReportDocument.percent(s.heavyShare.before)) · efter: \(ReportDocument.percent(s.heavyShare.after)) · kommunerne ligger mellem 35 % og 65 %.",
                "Before: \(ReportDocument.percent(s.heavyShare.before)) · after: \(ReportDocument.percent(s.heavyShare.after)) · municipalities range from 35 % to 65 %."))),
            .h2(.txt(ctx.t("Afdelinger", "Departments"))),
            .raw(ReportDocument.barChart(departments.map { ($0.key, Double($0.value.monthlySaving.ore), kr($0.value.monthlySaving.ore)) },
                title: ctx.t("Besparelse pr. måned pr. afdeling", "Saving per month per department"))),
            .table(
                .caption(.txt(ctx.t("Tal pr. afdeling", "Figures per department"))),
                .thead(.tr(.th(.txt(ctx.t("Afdeling", "Department"))), .th(.class("num"), .txt(ctx.t("Brugere", "Users"))),
                    .th(.class("num"), .txt(ctx.t("Nuværende/md.", "Current/month"))), .th(.class("num"), .txt(ctx.t("Besparelse/år", "Saving/year"))),
                    .th(.class("num"), .txt(ctx.t("Store pakke før → efter", "Heavy package before → after"))))),
                .tbody(.forEach(departments) { d in
                    .tr(.th(.attr("scope", "row"), .txt(d.key)), .td(.class("num"), .txt(String(d.value.usersProfiled))),
                        .td(.class("num"), .txt(kr(d.value.currentMonthly.ore))), .td(.class("num"), .txt(kr(d.value.annualSaving.ore))),
                        .td(.class("num"), .txt("\(ReportDocument.percent(d.value.heavyShare.before)) → \(ReportDocument.percent(d.value.heavyShare.after))")))
                })),
            .unwrap(other) { o in comparison(ctx, info, o) },
            .if(others.count > 1, .form(
                .class("inline"), .attr("action", SiteURL.licenceSnapshot(info.id).path), .method(.get),
                .label(.attr("for", "f-compare"), .txt(ctx.t("Sammenlign med", "Compare with"))),
                .select(.id("f-compare"), .attr("name", "sammenlign"),
                    .forEach(others.filter { $0.id != info.id }) { .opt($0.id.uuidString, "\($0.asOf) (\(DateText.format($0.createdAt, lang: ctx.lang)))") }),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Sammenlign", "Compare"))))),
            .h2(.txt(ctx.t("Hent og handl", "Download and act"))),
            .ul(
                .li(.link(ctx.t("Rapport til ledelsen (HTML, kun totaler – kan sendes og printes)", "Report for management (HTML, totals only – can be e-mailed and printed)"),
                    to: SiteURL.licenceReport(info.id).path)),
                .li(.link(ctx.t("Totaler og afdelinger som regneark (ODS)", "Totals and departments as a spreadsheet (ODS)"), to: SiteURL.licenceSummaryODS(info.id).path)),
                .if(canSeePeople && !info.isPurged, .group(
                    .li(.link(ctx.t("Brugere med anbefalinger", "Users with recommendations"), to: SiteURL.licenceUsers(info.id).path)),
                    .li(.link(ctx.t("Alle brugere som CSV (users.csv)", "All users as CSV (users.csv)"), to: SiteURL.licenceUsersCSV(info.id).path)),
                    .li(.link(ctx.t("Alle brugere som regneark (ODS)", "All users as a spreadsheet (ODS)"), to: SiteURL.licenceUsersODS(info.id).path)),
                    .li(.link(ctx.t("Ændringsliste: licenser der skal fjernes og tildeles pr. bruger (CSV)", "Change list: licences to remove and assign per user (CSV)"),
                        to: SiteURL.licenceChangeList(info.id).path))))),
            .if(info.isPurged, .p(.txt(ctx.t("Persondata for dette øjebliksbillede er slettet \(DateText.format(info.purgedAt, lang: ctx.lang)); kun totalerne er bevaret.",
                "This snapshot's personal data was deleted \(DateText.format(info.purgedAt, lang: ctx.lang)); only the totals are kept.")))),
            .if(!canSeePeople, .p(.class("muted"), .txt(ctx.t("Oplysninger om enkeltbrugere er persondata og vises kun for licensadministratorer.",
                "Data about individual users is personal data and is shown to licence administrators only.")))),
            .if(canManage && !info.isPurged, .div(.class("panel"),
                .h2(.txt(ctx.t("Vedligehold", "Maintenance"))),
                .p(.txt(ctx.t("Har I ændret priser eller politik? Beregn øjebliksbilledet igen.", "Changed prices or policy? Profile the snapshot again."))),
                .postButton(ctx.t("Beregn igen", "Profile again"), action: SiteURL.licenceReprofile(info.id).path, csrf: ctx.csrf),
                .p(.txt(ctx.t("Slet brugsdata om enkeltpersoner, og behold kun totalerne. Kan ikke fortrydes.",
                    "Delete usage data about individuals and keep only the totals. Cannot be undone."))),
                .postButton(ctx.t("Slet persondata", "Delete personal data"), action: SiteURL.licencePurge(info.id).path, csrf: ctx.csrf)))
        )
    }

    static func comparison(_ ctx: PageContext, _ a: SnapshotInfo, _ b: SnapshotInfo) -> Node<HTML.BodyContext> {
        func row(_ label: String, _ x: Int64, _ y: Int64) -> Node<HTML.TableContext> {
            .tr(.th(.attr("scope", "row"), .txt(label)), .td(.class("num"), .txt(kr(y))), .td(.class("num"), .txt(kr(x))), .td(.class("num"), .txt(kr(x - y))))
        }
        return .group(
            .h2(.txt(ctx.t("Sammenligning med \(b.asOf)", "Comparison with \(b.asOf)"))),
            .table(
                .thead(.tr(.th(.txt("")), .th(.class("num"), .txt(b.asOf)), .th(.class("num"), .txt(a.asOf)), .th(.class("num"), .txt(ctx.t("Ændring", "Change"))))),
                .tbody(
                    row(ctx.t("Nuværende pr. måned", "Current per month"), a.summary.currentMonthly.ore, b.summary.currentMonthly.ore),
                    row(ctx.t("Anbefalet pr. måned", "Recommended per month"), a.summary.recommendedMonthly.ore, b.summary.recommendedMonthly.ore),
                    row(ctx.t("Besparelse pr. måned", "Saving per month"), a.summary.monthlySaving.ore, b.summary.monthlySaving.ore),
                    .tr(.th(.attr("scope", "row"), .txt(ctx.t("Brugere", "Users"))), .td(.class("num"), .txt(String(b.summary.usersProfiled))),
                        .td(.class("num"), .txt(String(a.summary.usersProfiled))), .td(.class("num"), .txt(String(a.summary.usersProfiled - b.summary.usersProfiled)))),
                    .tr(.th(.attr("scope", "row"), .txt(ctx.t("Store pakke (før)", "Heavy package (before)"))),
                        .td(.class("num"), .txt(ReportDocument.percent(b.summary.heavyShare.before))),
                        .td(.class("num"), .txt(ReportDocument.percent(a.summary.heavyShare.before))), .td(.txt("")))
                ))
        )
    }

    // MARK: Users

    static func usersURL(_ id: UUID, _ q: LicenceUserQuery, page: Int? = nil, sort: LicenceUserQuery.Sort? = nil) -> String {
        var items: [URLQueryItem] = []
        if !q.search.isEmpty { items.append(.init(name: "soeg", value: q.search)) }
        if let a = q.action { items.append(.init(name: "handling", value: a.rawValue)) }
        if let d = q.department { items.append(.init(name: "afdeling", value: d)) }
        let s = sort ?? q.sort
        items.append(.init(name: "sorter", value: s.rawValue))
        let descending = sort == nil ? q.descending : (sort == q.sort ? !q.descending : true)
        if !descending { items.append(.init(name: "retning", value: "op")) }
        items.append(.init(name: "side", value: String(page ?? q.page)))
        var c = URLComponents()
        c.queryItems = items
        return SiteURL.licenceUsers(id).path + "?" + (c.percentEncodedQuery ?? "")
    }

    static func users(
        _ ctx: PageContext, _ info: SnapshotInfo, rows: [LicenceUserRow], total: Int, query q: LicenceUserQuery, departments: [String]
    ) -> Node<HTML.BodyContext> {
        let pages = max(1, (total + q.perPage - 1) / q.perPage)
        func header(_ label: String, _ sort: LicenceUserQuery.Sort) -> Node<HTML.TableRowContext> {
            .th(.attr("scope", "col"), .attr("aria-sort", q.sort == sort ? (q.descending ? "descending" : "ascending") : "none"),
                .link(label, to: usersURL(info.id, q, page: 1, sort: sort)))
        }
        return .group(
            .p(.class("muted"), .txt(ctx.t("Persondata: din visning registreres i revisionsloggen.", "Personal data: your view is recorded in the audit log."))),
            .form(
                .class("filters"), .attr("action", SiteURL.licenceUsers(info.id).path), .method(.get),
                .field(ctx.t("Søg (bruger)", "Search (user)"), name: "soeg", type: "search", value: q.search),
                .choice(ctx.t("Anbefaling", "Recommendation"), name: "handling",
                    options: [("", ctx.t("Alle", "All"))] + Action.allCases.map { ($0.rawValue, actionName($0, ctx.lang)) }, selected: q.action?.rawValue ?? ""),
                .choice(ctx.t("Afdeling", "Department"), name: "afdeling", options: [("", ctx.t("Alle", "All"))] + departments.map { ($0, $0) },
                    selected: q.department ?? ""),
                .input(.type(.hidden), .name("sorter"), .attr("value", q.sort.rawValue)),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Vis", "Show")))),
            .table(
                .caption(.txt(ctx.t("\(total) brugere · side \(q.page) af \(pages)", "\(total) users · page \(q.page) of \(pages)"))),
                .thead(.tr(
                    header(ctx.t("Bruger", "User"), .upn), header(ctx.t("Afdeling", "Department"), .department),
                    header(ctx.t("Nuværende", "Current"), .current), .th(.attr("scope", "col"), .txt(ctx.t("Anbefalet", "Recommended"))),
                    header(ctx.t("Anbefaling", "Recommendation"), .action), header(ctx.t("Besparelse/md.", "Saving/month"), .saving))),
                .tbody(.forEach(rows) { r in
                    .tr(
                        .td(.link(r.upn, to: SiteURL.licenceUser(info.id, r.rowNo).path)),
                        .td(.txt(r.department ?? "–")),
                        .td(.txt(r.current)),
                        .td(.txt(r.recommended.isEmpty ? "–" : r.recommended)),
                        .td(.txt(r.action.map { actionName($0, ctx.lang) } ?? "–")),
                        .td(.class("num"), .txt(kr(r.savingOre))))
                })),
            .nav(.class("pager"), .attr("aria-label", ctx.t("Sider", "Pages")),
                .if(q.page > 1, .link(ctx.t("Forrige", "Previous"), to: usersURL(info.id, q, page: q.page - 1))),
                .if(q.page < pages, .link(ctx.t("Næste", "Next"), to: usersURL(info.id, q, page: q.page + 1)))),
            .p(.link(ctx.t("Tilbage til øjebliksbilledet", "Back to the snapshot"), to: SiteURL.licenceSnapshot(info.id).path))
        )
    }

    static func user(_ ctx: PageContext, _ info: SnapshotInfo, _ r: LicenceUserRow, catalogue: Catalogue) -> Node<HTML.BodyContext> {
        let gb = { (b: Int64) in String(format: "%.2f GB", Double(b) / 1_073_741_824).replacingOccurrences(of: ".", with: ctx.lang == .da ? "," : ".") }
        let day = { (d: Int32?) in d.map(Day.format) ?? ctx.t("aldrig", "never") }
        let yes = { (b: Bool) in b ? ctx.t("ja", "yes") : ctx.t("nej", "no") }
        let recommendedSKUs = Set(r.recommended.split(separator: "+").map(String.init))
        let toFrontline = r.action == .downgrade && recommendedSKUs.contains { sku in
            catalogue.index(sku: sku).map { catalogue.products[$0].eligibility == .frontline } ?? false
        }
        return .group(
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Afdeling", "Department"))), .dd(.txt(r.department ?? "–")),
                .dt(.txt(ctx.t("Anbefaling", "Recommendation"))), .dd(.strong(.txt(r.action.map { actionName($0, ctx.lang) } ?? "–"))),
                .dt(.txt(ctx.t("Nuværende licenser", "Current licences"))), .dd(.txt("\(r.current) (\(kr(r.currentOre))/md.)")),
                .dt(.txt(ctx.t("Anbefalede licenser", "Recommended licences"))),
                .dd(.txt(r.recommended.isEmpty ? ctx.t("ingen", "none") : "\(r.recommended) (\(kr(r.recommendedOre))/md.)")),
                .dt(.txt(ctx.t("Besparelse", "Saving"))), .dd(.txt("\(kr(r.savingOre))/md. · \(kr(r.savingOre * 12))/år"))),
            .h2(.txt(ctx.t("Hvorfor", "Why"))),
            r.reasons.isEmpty ? .p(.txt("–")) : .ul(.forEach(r.reasons) { .li(.txt(reasonName($0, ctx.lang))) }),
            .h2(.txt(ctx.t("Hvad brugeren mister", "What the user loses"))),
            r.loses.isEmpty ? .p(.txt(ctx.t("Intet.", "Nothing."))) : .ul(.forEach(r.loses) { .li(.code(.txt($0))) }),
            .h2(.txt(ctx.t("Forbruget bag", "The usage behind it"))),
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Seneste aktivitet", "Last activity"))), .dd(.txt(day(r.lastActivity))),
                .dt(.txt(ctx.t("Licens tildelt", "Licensed since"))), .dd(.txt(day(r.licensedSince))),
                .dt(.txt(ctx.t("Seneste Exchange/mail", "Last Exchange/mail"))), .dd(.txt(day(r.exchangeDate))),
                .dt(.txt(ctx.t("Seneste Teams", "Last Teams"))), .dd(.txt(day(r.teamsDate))),
                .dt(.txt(ctx.t("Office på Windows/Mac", "Office on Windows/Mac"))), .dd(.txt(yes(r.appsDesktop))),
                .dt(.txt(ctx.t("Office på web / mobil", "Office on the web / mobile"))), .dd(.txt("\(yes(r.appsWeb)) / \(yes(r.appsMobile))")),
                .dt(.txt(ctx.t("Aktiveringer på delt computer", "Shared-computer activations"))), .dd(.txt(String(r.sharedActivations))),
                .dt(.txt(ctx.t("Postkasse", "Mailbox"))), .dd(.txt(gb(r.mailboxBytes) + (r.hasArchive ? ctx.t(" + arkiv", " + archive") : ""))),
                .dt(.txt("OneDrive")), .dd(.txt(gb(r.onedriveBytes))),
                .dt(.txt(ctx.t("Tildelte produkter (rapporten)", "Assigned products (report)"))), .dd(.txt(r.assignedProducts))),
            .if(toFrontline, .group(
                .h2(.txt(ctx.t("Før skiftet fra E- til F-licens", "Before the switch from an E to an F licence"))),
                .ol(.forEach(ReportDocument.switchChecklist) { .li(.txt($0)) }))),
            .p(.link(ctx.t("Tilbage til brugerne", "Back to the users"), to: SiteURL.licenceUsers(info.id).path))
        )
    }
}
