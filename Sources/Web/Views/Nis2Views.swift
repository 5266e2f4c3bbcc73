import Foundation
import Persistence
import Plot
import Resilience
import Tabular

/// The NIS2 overview, the management one-pager, registration and the calendar page.
enum Nis2Views {
    static func link(_ subject: Deadline.Subject) -> SiteURL {
        switch subject {
        case .incident(let id): .incident(id)
        case .measure(let id): .measure(id)
        case .risk(let id): .risk(id)
        case .plan(let id): .plan(id)
        case .registration, .task: .registration
        }
    }

    static func when(_ d: Deadline, _ lang: Lang) -> String {
        d.allDay ? IncidentClock.wallClockDay(d.due, locale: lang == .da ? "da_DK" : "en_GB") : IncidentViews.local(d.due, lang)
    }

    static func deadlineList(_ ctx: PageContext, _ items: [Deadline], empty: String) -> Node<HTML.BodyContext> {
        items.isEmpty ? .p(.txt(empty)) : .ul(.class("plain"), .forEach(items) { d in
            .li(.link(d.title, to: link(d.subject).path), .txt(" – \(when(d, ctx.lang))"))
        })
    }

    static func dashboard(_ ctx: PageContext, _ s: Nis2Status, now: Date) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .txt(ctx.t(
                "Kommunens NIS2-arbejde samlet: risici, sikringsforanstaltninger, beredskabsplaner, hændelser med indberetningsfrister og ledelsens godkendelser og uddannelse.",
                "The municipality's NIS2 work in one place: risks, measures, contingency plans, incidents with reporting deadlines, and management's approvals and training."))),
            .nav(.class("subnav"), .attr("aria-label", ctx.t("NIS2-områder", "NIS2 areas")), .ul(
                .li(.link(ctx.t("Hændelser", "Incidents"), to: SiteURL.incidents.path)),
                .li(.link(ctx.t("Risikoregister", "Risk register"), to: SiteURL.risks.path)),
                .li(.link(ctx.t("Foranstaltninger", "Measures"), to: SiteURL.measures.path)),
                .li(.link(ctx.t("Aktiver og konsekvensanalyse", "Assets and impact analysis"), to: SiteURL.assets.path)),
                .li(.link(ctx.t("Beredskabsplaner", "Contingency plans"), to: SiteURL.plans.path)),
                .li(.link(ctx.t("Ledelsen", "Management"), to: SiteURL.management.path)),
                .li(.link(ctx.t("Registrering", "Registration"), to: SiteURL.registration.path)),
                .li(.link(ctx.t("Kalender", "Calendar"), to: SiteURL.calendar.path)),
                .li(.link(ctx.t("Rapport til ledelsen", "Report for management"), to: SiteURL.board.path)))),
            .div(.class("cards"),
                .div(.class("card"), .h2(.txt(ctx.t("Åbne hændelser", "Open incidents"))),
                    s.openIncidents.isEmpty ? .p(.txt(ctx.t("Ingen åbne hændelser.", "No open incidents."))) : .ul(.class("plain"), .forEach(s.openIncidents) { i, next in
                        .li(.link(i.title, to: SiteURL.incident(i.id).path), .br(),
                            .txt(i.significance == nil ? ctx.t("Væsentlighed ikke vurderet", "Significance not decided")
                                : next.map { "\(IncidentViews.stageName($0.kind, ctx.lang)): \(IncidentViews.countdown($0.due!, now: now, ctx.lang))" } ?? ctx.t("ingen frist", "no deadline")))
                    })),
                .div(.class("card"), .h2(.txt(ctx.t("Foranstaltninger", "Measures"))),
                    .p(.class("big"), .txt("\(s.measuresByStatus["implemented"] ?? 0) / \(s.measuresTotal - (s.measuresByStatus["not_applicable"] ?? 0))")),
                    .p(.txt(ctx.t("gennemført", "implemented"))),
                    .p(.txt(MeasureRecord.statuses.map { "\(RegisterText.name($0, ctx.lang)): \(s.measuresByStatus[$0] ?? 0)" }.joined(separator: " · "))),
                    .p(.txt(ctx.t("Godkendt af ledelsen: \(s.measuresApproved) af \(s.measuresTotal)", "Approved by management: \(s.measuresApproved) of \(s.measuresTotal)"))),
                    .if(!s.article21Uncovered.isEmpty, .p(.strong(.txt(ctx.t("Art. 21, stk. 2, uden foranstaltning: ", "Art. 21(2) without a measure: ")
                        + s.article21Uncovered.joined(separator: ", ")))))),
                .div(.class("card"), .h2(.txt(ctx.t("Ledelsen", "Management"))),
                    .p(.class("big"), .txt("\(s.untrained.count)")),
                    .p(.txt(s.managementMembers == 0 ? ctx.t("Ingen har rollen »Medlem af ledelsen« endnu.", "Nobody has the role \"Management member\" yet.")
                        : ctx.t("af \(s.managementMembers) medlemmer mangler NIS2-uddannelse", "of \(s.managementMembers) members lack NIS2 training"))),
                    .if(!s.untrained.isEmpty, .p(.txt(s.untrained.map(\.displayName).joined(separator: ", "))))),
                .div(.class("card"), .h2(.txt(ctx.t("Overskredne frister og gennemgange", "Overdue deadlines and reviews"))),
                    .p(.class("big"), .txt(String(s.overdue.count))),
                    deadlineList(ctx, Array(s.overdue.prefix(8)), empty: ctx.t("Intet er overskredet.", "Nothing is overdue.")))),
            .h2(.txt(ctx.t("Største risici", "Top risks"))),
            s.topRisks.isEmpty ? .p(.txt(ctx.t("Ingen risici vurderet endnu.", "No risks assessed yet."))) : RegisterViews.riskTable(ctx, s.topRisks, assetNames: s.topRiskAssets),
            .p(.txt(ctx.t("\(s.risksTotal) risici i alt; \(s.risksAwaitingAcceptance) venter på ledelsens accept.",
                "\(s.risksTotal) risks in all; \(s.risksAwaitingAcceptance) await management's acceptance."))),
            .h2(.txt(ctx.t("Kommende frister (\(ResilienceRepository.upcomingDays) dage)", "Coming deadlines (\(ResilienceRepository.upcomingDays) days)"))),
            deadlineList(ctx, s.upcoming, empty: ctx.t("Ingen kommende frister.", "No coming deadlines.")),
            .if(!s.openTasks.isEmpty, .group(.h2(.txt(ctx.t("Opgaver", "Tasks"))), .ul(.forEach(s.openTasks) { t in
                .li(.link(t.title, to: SiteURL.registration.path), .txt(ctx.t(" – senest ", " – by ") + RegisterViews.day(t.dueOn, ctx)))
            }))))
    }

    static func board(_ ctx: PageContext, _ s: Nis2Status, municipality: String, now: Date) -> Node<HTML.BodyContext> {
        .group(
            .p(.txt("\(municipality) · \(IncidentViews.local(now, ctx.lang))")),
            .div(.class("cards"),
                .div(.class("card"), .h2(.txt(ctx.t("Sikringsforanstaltninger", "Security measures"))),
                    .table(.tbody(.forEach(MeasureRecord.statuses) { st in
                        .tr(.td(.txt(RegisterText.name(st, ctx.lang))), .td(.class("num"), .txt(String(s.measuresByStatus[st] ?? 0))))
                    }, .tr(.td(.txt(ctx.t("godkendt af ledelsen", "approved by management"))), .td(.class("num"), .txt(String(s.measuresApproved)))))),
                    .if(!s.article21Uncovered.isEmpty, .p(.txt(ctx.t("Art. 21, stk. 2, uden foranstaltning: ", "Art. 21(2) without a measure: ")
                        + s.article21Uncovered.joined(separator: ", "))))),
                .div(.class("card"), .h2(.txt(ctx.t("Hændelser i år", "Incidents this year"))),
                    .p(.txt(ctx.t("\(s.incidentsThisYear) registreret, heraf \(s.significantThisYear) væsentlige; \(s.openIncidents.count) åbne.",
                        "\(s.incidentsThisYear) registered, \(s.significantThisYear) significant; \(s.openIncidents.count) open.")))),
                .div(.class("card"), .h2(.txt(ctx.t("Ledelsens uddannelse", "Management training"))),
                    .p(.txt(s.managementMembers == 0 ? ctx.t("Ledelsen er ikke registreret.", "The management body is not registered.")
                        : ctx.t("\(s.managementMembers - s.untrained.count) af \(s.managementMembers) har gennemført NIS2-uddannelse.",
                            "\(s.managementMembers - s.untrained.count) of \(s.managementMembers) have completed NIS2 training."))),
                    .if(!s.untrained.isEmpty, .p(.txt(ctx.t("Mangler: ", "Missing: ") + s.untrained.map(\.displayName).joined(separator: ", ")))))),
            .h2(.txt(ctx.t("Største risici", "Top risks"))),
            s.topRisks.isEmpty ? .p(.txt("–")) : .table(
                .thead(.tr(.th(.txt(ctx.t("Risiko", "Risk"))), .th(.class("num"), .txt(ctx.t("Iboende", "Inherent"))), .th(.class("num"), .txt(ctx.t("Rest", "Residual"))),
                    .th(.txt(ctx.t("Accepteret", "Accepted"))))),
                .tbody(.forEach(s.topRisks) { r in
                    .tr(.td(.txt(r.record.title)), RegisterViews.levelCell(r.inherentLevel, max: r.maxLevel), RegisterViews.levelCell(r.residualLevel, max: r.maxLevel),
                        .td(.txt(r.record.acceptedAt == nil ? ctx.t("nej", "no") : ctx.t("ja", "yes"))))
                })),
            .h2(.txt(ctx.t("Overskredne gennemgange og frister", "Overdue reviews and deadlines"))),
            s.overdue.isEmpty ? .p(.txt(ctx.t("Ingen.", "None."))) : .ul(.forEach(Array(s.overdue.prefix(10))) { d in .li(.txt("\(d.title) – \(when(d, ctx.lang))")) }),
            .if(s.overdue.count > 10, .p(.txt(ctx.t("… og \(s.overdue.count - 10) flere.", "… and \(s.overdue.count - 10) more.")))))
    }

    static func boardDocument(_ lang: Lang, _ s: Nis2Status, municipality: String, now: Date) -> ODTWriter {
        var blocks: [ODTWriter.Block] = [
            .heading(lang.t("NIS2-status til ledelsen", "NIS2 status for management"), level: 1),
            .paragraph("\(municipality) · \(IncidentViews.local(now, lang))"),
            .heading(lang.t("Sikringsforanstaltninger", "Security measures"), level: 2),
            .table([[lang.t("Status", "Status"), lang.t("Antal", "Count")]] + MeasureRecord.statuses.map { [RegisterText.name($0, lang), String(s.measuresByStatus[$0] ?? 0)] }
                + [[lang.t("godkendt af ledelsen", "approved by management"), String(s.measuresApproved)]]),
            .heading(lang.t("Hændelser i år", "Incidents this year"), level: 2),
            .paragraph(lang.t("\(s.incidentsThisYear) registreret, heraf \(s.significantThisYear) væsentlige; \(s.openIncidents.count) åbne.",
                "\(s.incidentsThisYear) registered, \(s.significantThisYear) significant; \(s.openIncidents.count) open.")),
            .heading(lang.t("Ledelsens uddannelse", "Management training"), level: 2),
            .paragraph(lang.t("\(s.managementMembers - s.untrained.count) af \(s.managementMembers) har gennemført NIS2-uddannelse.",
                "\(s.managementMembers - s.untrained.count) of \(s.managementMembers) have completed NIS2 training.")),
            .heading(lang.t("Største risici", "Top risks"), level: 2),
            .table([[lang.t("Risiko", "Risk"), lang.t("Iboende", "Inherent"), lang.t("Rest", "Residual"), lang.t("Accepteret", "Accepted")]]
                + s.topRisks.map { [$0.record.title, String($0.inherentLevel), String($0.residualLevel), $0.record.acceptedAt == nil ? lang.t("nej", "no") : lang.t("ja", "yes")] }),
            .heading(lang.t("Overskredne gennemgange og frister", "Overdue reviews and deadlines"), level: 2),
        ]
        blocks.append(s.overdue.isEmpty ? .paragraph(lang.t("Ingen.", "None.")) : .bullets(s.overdue.map { "\($0.title) – \(when($0, lang))" }))
        return ODTWriter(title: lang.t("NIS2-status til ledelsen", "NIS2 status for management"), blocks: blocks)
    }

    static func registration(
        _ ctx: PageContext, _ r: RegistrationRecord?, tasks: [TaskRecord], municipality: String, today: String, canEdit: Bool
    ) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .txt(ctx.t(
                "Oplysningerne, kommunen er registreret med efter NIS2-lovens § 10. Ændres de, skal registreringen opdateres inden 14 dage – Handlefrihed opretter en opgave med fristen.",
                "The data the municipality is registered with under § 10 of the NIS2 law. When it changes, the registration must be updated within 14 days – Handlefrihed creates a task with the deadline."))),
            .h2(.txt(ctx.t("Opgaver", "Tasks"))),
            tasks.isEmpty ? .p(.txt(ctx.t("Ingen opgaver.", "No tasks."))) : .table(
                .thead(.tr(.th(.txt(ctx.t("Opgave", "Task"))), .th(.txt(ctx.t("Frist", "Due"))), .th(.txt(ctx.t("Status", "Status"))))),
                .tbody(.forEach(tasks) { t in
                    .tr(.td(.txt(t.title)), .td(.txt(RegisterViews.day(t.dueOn, ctx))),
                        .td(t.doneAt != nil ? .txt(ctx.t("udført", "done"))
                            : .group(.if(t.dueOn < today, .strong(.txt(ctx.t("OVERSKREDET ", "OVERDUE ")))),
                                .if(canEdit, .postButton(ctx.t("Markér som udført", "Mark done"), action: SiteURL.taskDone(t.id).path, csrf: ctx.csrf)))))
                })),
            .h2(.txt(ctx.t("Gennemgange", "Reviews"))),
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Informationssikkerhedspolitik senest gennemgået", "Security policy last reviewed"))), .dd(.txt(RegisterViews.day(r?.policyReviewedOn ?? "", ctx))),
                .dt(.txt(ctx.t("Risikovurdering senest gennemgået", "Risk assessment last reviewed"))), .dd(.txt(RegisterViews.day(r?.riskAssessmentReviewedOn ?? "", ctx)))),
            .if(canEdit && r != nil, .form(.class("panel"), .attr("action", SiteURL.registrationReview.path), .method(.post), .csrf(ctx.csrf),
                .choice(ctx.t("Gennemgået", "Reviewed"), name: "item", options: [("policy", ctx.t("Informationssikkerhedspolitikken", "The security policy")),
                    ("risk_assessment", ctx.t("Risikovurderingen", "The risk assessment"))]),
                .field(ctx.t("Dato", "Date"), name: "reviewed_on", type: "date", value: today, required: true),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Registrér gennemgang", "Record review"))))),
            canEdit ? .form(.class("panel"), .attr("action", SiteURL.registration.path), .method(.post),
                .h2(.txt(ctx.t("Registreringsoplysninger", "Registration data"))), .csrf(ctx.csrf),
                .field(ctx.t("Navn", "Name"), name: "name", value: r?.name ?? municipality, required: true),
                .field(ctx.t("Adresse", "Address"), name: "address", value: r?.address ?? "", required: true),
                .field(ctx.t("E-mail", "E-mail"), name: "email", type: "email", value: r?.email ?? "", required: true),
                .field(ctx.t("Telefon", "Phone"), name: "phone", type: "tel", value: r?.phone ?? "", required: true),
                .area(ctx.t("IP-adresseområder (ét pr. linje)", "IP address ranges (one per line)"), name: "ip_ranges", value: r?.ipRanges ?? "", rows: 4),
                .field(ctx.t("Sektor", "Sector"), name: "sector", value: r?.sector ?? ctx.t("Offentlig forvaltning (kommune)", "Public administration (municipality)"), required: true),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem", "Save"))))
            : .dl(.class("facts"),
                .dt(.txt(ctx.t("Navn", "Name"))), .dd(.txt(r?.name ?? "–")), .dt(.txt(ctx.t("Adresse", "Address"))), .dd(.txt(r?.address ?? "–")),
                .dt(.txt(ctx.t("E-mail", "E-mail"))), .dd(.txt(r?.email ?? "–")), .dt(.txt(ctx.t("Telefon", "Phone"))), .dd(.txt(r?.phone ?? "–")),
                .dt(.txt(ctx.t("IP-adresseområder", "IP address ranges"))), .dd(.txt(r?.ipRanges.ifEmpty("–") ?? "–")),
                .dt(.txt(ctx.t("Sektor", "Sector"))), .dd(.txt(r?.sector ?? "–"))),
            RegisterViews.back(ctx))
    }

    static func calendar(_ ctx: PageContext, createdAt: Date?, freshURL: String?, deadlines: [Deadline]) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .txt(ctx.t(
                "Abonnér på kommunens frister i Outlook eller en anden kalender: indberetningsfrister, gennemgange, test og revision af beredskabsplaner og opgaver. Adressen er personlig og hemmelig; lav en ny, hvis den er kommet ud.",
                "Subscribe to the municipality's deadlines in Outlook or another calendar: reporting deadlines, reviews, tests and revisions of contingency plans, and tasks. The address is personal and secret; make a new one if it has leaked."))),
            .if(freshURL != nil, .div(.class("flash ok"), .attribute(named: "role", value: "status"),
                .p(.txt(ctx.t("Din kalenderadresse (vises kun nu – kopiér den):", "Your calendar address (shown only now – copy it):"))),
                .p(.code(.attr("id", "calendar-url"), .txt(freshURL ?? ""))))),
            .p(.txt(createdAt.map { ctx.t("Du har en kalenderadresse fra \(IncidentViews.local($0, ctx.lang)).", "You have a calendar address from \(IncidentViews.local($0, ctx.lang)).") }
                ?? ctx.t("Du har ingen kalenderadresse endnu.", "You have no calendar address yet."))),
            .postButton(createdAt == nil ? ctx.t("Lav kalenderadresse", "Make calendar address") : ctx.t("Lav en ny adresse (den gamle holder op med at virke)", "Make a new address (the old one stops working)"),
                action: SiteURL.calendar.path, csrf: ctx.csrf, style: "primary"),
            .h2(.txt(ctx.t("Det, kalenderen indeholder nu", "What the calendar holds now"))),
            deadlineList(ctx, deadlines, empty: ctx.t("Ingen frister.", "No deadlines.")),
            RegisterViews.back(ctx))
    }
}
