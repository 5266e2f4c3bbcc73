import Community
import Foundation
import Persistence
import Plot
import Resilience
import Tabular

enum IncidentViews {
    static func local(_ date: Date?, _ lang: Lang) -> String {
        guard let date else { return "–" }
        return IncidentClock.wallClock(date, date: .abbreviated, locale: lang == .da ? "da_DK" : "en_GB")
    }

    /// "om 5 t 12 min" / "overskredet for 2 t 3 min".
    static func countdown(_ due: Date, now: Date, _ lang: Lang) -> String {
        let seconds = Int(due.timeIntervalSince(now))
        let a = abs(seconds)
        let days = a / 86_400, hours = (a % 86_400) / 3600, minutes = (a % 3600) / 60
        var parts: [String] = []
        if days > 0 { parts.append(lang.t("\(days) d", "\(days) d")) }
        if hours > 0 || days > 0 { parts.append(lang.t("\(hours) t", "\(hours) h")) }
        parts.append("\(minutes) min")
        let span = parts.joined(separator: " ")
        return seconds >= 0 ? lang.t("om \(span)", "in \(span)") : lang.t("overskredet for \(span) siden", "overdue by \(span)")
    }

    static func stageName(_ k: IncidentClock.Kind, _ lang: Lang) -> String {
        switch k {
        case .earlyWarning: lang.t("Tidlig varsling (24 timer)", "Early warning (24 hours)")
        case .notification: lang.t("Hændelsesanmeldelse (72 timer)", "Incident notification (72 hours)")
        case .intermediate: lang.t("Mellemrapport (efter anmodning)", "Intermediate report (on request)")
        case .progress: lang.t("Statusrapport", "Progress report")
        case .final: lang.t("Endelig rapport (1 måned)", "Final report (1 month)")
        }
    }

    static func statusName(_ s: IncidentClock.Status, _ lang: Lang) -> String {
        switch s {
        case .pending: lang.t("afventer", "pending")
        case .overdue: lang.t("OVERSKREDET", "OVERDUE")
        case .submitted: lang.t("indberettet", "submitted")
        case .late: lang.t("indberettet for sent", "submitted late")
        }
    }

    static func index(
        _ ctx: PageContext, _ incidents: [IncidentRecord], now: Date, canManage: Bool
    ) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .txt(ctx.t(
                "Væsentlige hændelser skal indberettes: tidlig varsling inden 24 timer, anmeldelse inden 72 timer og endelig rapport en måned efter anmeldelsen. Handlefrihed holder øje med fristerne; selve indberetningen sker på virk.dk.",
                "Significant incidents must be reported: an early warning within 24 hours, a notification within 72 hours and a final report one month after the notification. Handlefrihed keeps the deadlines; the report itself is filed on virk.dk."))),
            incidents.isEmpty
                ? .emptyState(ctx.t("Ingen hændelser registreret", "No incidents registered"), ctx.t(
                    "Registrér en hændelse, så snart kommunen bliver bekendt med den – fristerne regnes fra det tidspunkt.",
                    "Register an incident as soon as the municipality becomes aware of it – the deadlines count from that moment."))
                : .table(
                    .caption(.txt(ctx.t("Hændelser", "Incidents"))),
                    .thead(.tr(.th(.txt(ctx.t("Hændelse", "Incident"))), .th(.txt(ctx.t("Bevidst om", "Aware since"))), .th(.txt(ctx.t("Status", "Status"))),
                        .th(.txt(ctx.t("Næste frist", "Next deadline"))))),
                    .tbody(.forEach(incidents) { i in
                        let next = i.nextDeadline(now: now)
                        return .tr(
                            .td(.link(i.title, to: SiteURL.incident(i.id).path)),
                            .td(.txt(local(i.awareAt, ctx.lang))),
                            .td(.txt("\(RegisterText.name(i.status, ctx.lang)) · \(RegisterText.name(i.severity, ctx.lang))")),
                            .td(.txt(i.significance == nil ? ctx.t("væsentlighed ikke vurderet", "significance not decided")
                                : next.map { "\(stageName($0.kind, ctx.lang)): \(countdown($0.due!, now: now, ctx.lang))" } ?? "–")))
                    })),
            .if(canManage, .form(
                .class("panel"), .attr("action", SiteURL.incidents.path), .method(.post),
                .h2(.txt(ctx.t("Registrér hændelse", "Register incident"))),
                .csrf(ctx.csrf),
                .field(ctx.t("Titel", "Title"), name: "title", required: true),
                .div(.class("field"), .label(.attr("for", "f-description"), .txt(ctx.t("Beskrivelse", "Description"))),
                    .textarea(.attr("id", "f-description"), .attr("name", "description"), .attr("rows", "3"))),
                .choice(ctx.t("Alvor", "Severity"), name: "severity", options: IncidentRepository.severities.map { ($0, RegisterText.name($0, ctx.lang)) },
                    selected: "medium"),
                .field(ctx.t("Kommunen blev bekendt med hændelsen (dansk tid)", "The municipality became aware (Danish time)"), name: "aware_at",
                    type: "datetime-local", value: IncidentController.localInput(now), required: true),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Registrér", "Register"))))),
            RegisterViews.back(ctx)
        )
    }

    static func show(
        _ ctx: PageContext, _ i: IncidentRecord, timeline: [Timeline.Entry], now: Date, canManage: Bool, municipality: String
    ) -> Node<HTML.BodyContext> {
        let stages = i.stages(now: now)
        return .group(
            .p(.link(ctx.t("Udskriv rapporten", "Print the report"), to: SiteURL.incidentReport(i.id).path), .txt(" · "),
                .link(ctx.t("Hent som ODT", "Download as ODT"), to: SiteURL.incidentReportODT(i.id).path)),
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Bevidst om", "Aware since"))), .dd(.txt(local(i.awareAt, ctx.lang))),
                .dt(.txt(ctx.t("Status", "Status"))), .dd(.txt(RegisterText.name(i.status, ctx.lang))),
                .dt(.txt(ctx.t("Alvor", "Severity"))), .dd(.txt(RegisterText.name(i.severity, ctx.lang))),
                .dt(.txt(ctx.t("Væsentlig (NIS2 art. 23)", "Significant (NIS2 Art. 23)"))),
                .dd(.txt({
                    switch i.significance {
                    case .significant(let at): return ctx.t("ja – vurderet \(local(at, ctx.lang))", "yes – decided \(local(at, ctx.lang))")
                    case .notSignificant(let at, let why): return ctx.t("nej – vurderet \(local(at, ctx.lang)): \(why)", "no – decided \(local(at, ctx.lang)): \(why)")
                    case nil: return ctx.t("ikke vurderet endnu", "not decided yet")
                    }
                }()))),
            .if(!i.description.isEmpty, .p(.txt(i.description))),
            .if(i.significance == nil, .group(
                .div(.class("flash warn"), .attribute(named: "role", value: "status"), .txt(ctx.t(
                    "Ingen indberetningsfrister kører, før væsentligheden er vurderet. Vurdér den hurtigt: den tidlige varsling skal ske inden 24 timer efter \(local(i.awareAt, ctx.lang)).",
                    "No reporting deadlines run until significance is decided. Decide quickly: the early warning is due 24 hours after \(local(i.awareAt, ctx.lang))."))),
                .if(canManage, .form(
                    .class("panel"), .attr("action", SiteURL.incidentSignificance(i.id).path), .method(.post),
                    .h2(.txt(ctx.t("Vurdér væsentlighed", "Decide significance"))),
                    .csrf(ctx.csrf),
                    .choice(ctx.t("Er hændelsen væsentlig efter NIS2 art. 23, stk. 3?", "Is the incident significant under NIS2 Art. 23(3)?"),
                        name: "significant", options: [("yes", ctx.t("Ja, væsentlig", "Yes, significant")), ("no", ctx.t("Nej, ikke væsentlig", "No, not significant"))]),
                    .field(ctx.t("Begrundelse (påkrævet ved »ikke væsentlig«)", "Justification (required for \"not significant\")"), name: "justification"),
                    .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem vurdering", "Save decision"))))))),
            .if(!stages.isEmpty, .group(
                .h2(.txt(ctx.t("Indberetninger og frister", "Reports and deadlines"))),
                .table(
                    .thead(.tr(.th(.txt(ctx.t("Indberetning", "Report"))), .th(.txt(ctx.t("Frist (dansk tid)", "Deadline (Danish time)"))),
                        .th(.txt(ctx.t("Status", "Status"))), .th(.txt(ctx.t("Handling", "Action"))))),
                    .tbody(.forEach(stages) { s in
                        .tr(
                            .td(.txt(stageName(s.kind, ctx.lang))),
                            .td(.txt(s.due.map { local($0, ctx.lang) + (s.provisional ? ctx.t(" (foreløbig)", " (provisional)") : "") }
                                ?? ctx.t("en måned efter håndteringen er afsluttet", "one month after handling ends"))),
                            .td(.txt(statusName(s.status, ctx.lang) + (s.submittedAt == nil ? (s.due.map { " · " + countdown($0, now: now, ctx.lang) } ?? "")
                                : " \(local(s.submittedAt, ctx.lang))")), .if(s.status == .late, .txt(i.lateReasons[s.kind.rawValue].map { " – \($0)" } ?? ""))),
                            .td(canManage && s.submittedAt == nil ? submitForm(ctx, i, s, now: now) : .txt("–")))
                    })))),
            .if(!stages.isEmpty, reportTexts(ctx, i, stages, municipality: municipality)),
            .if(canManage && i.significance != nil, factsForm(ctx, i)),
            .if(canManage, .form(
                .class("panel"), .attr("action", SiteURL.incidentStatus(i.id).path), .method(.post),
                .h2(.txt(ctx.t("Status og alvor", "Status and severity"))),
                .csrf(ctx.csrf),
                .choice(ctx.t("Status", "Status"), name: "status", options: IncidentRepository.statuses.map { ($0, RegisterText.name($0, ctx.lang)) }, selected: i.status),
                .choice(ctx.t("Alvor", "Severity"), name: "severity", options: IncidentRepository.severities.map { ($0, RegisterText.name($0, ctx.lang)) }, selected: i.severity),
                .field(ctx.t("Håndteringen afsluttet (dansk tid)", "Handling ended (Danish time)"), name: "handling_ended_at", type: "datetime-local",
                    value: i.clock.handlingEndedAt.map(IncidentController.localInput) ?? ""),
                .field(ctx.t("Myndigheden beder om mellemrapport senest (dansk tid)", "The authority requests an intermediate report by (Danish time)"),
                    name: "intermediate_due", type: "datetime-local", value: i.clock.intermediateRequestedDue.map(IncidentController.localInput) ?? ""),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Gem", "Save"))))),
            .h2(.txt(ctx.t("Tidslinje", "Timeline"))),
            .ol(.class("timeline"), .forEach(timeline) { e in
                .li(.strong(.txt(local(e.at, ctx.lang))), .txt(" – " + e.text), .if(e.automatic, .span(.class("muted"), .txt(ctx.t(" (automatisk)", " (automatic)")))))
            }),
            .if(canManage, .form(
                .class("panel"), .attr("action", SiteURL.incidentTimeline(i.id).path), .method(.post),
                .h3(.txt(ctx.t("Tilføj til tidslinjen", "Add to the timeline"))),
                .csrf(ctx.csrf),
                .field(ctx.t("Hvad skete der?", "What happened?"), name: "text", required: true),
                .field(ctx.t("Tidspunkt (dansk tid)", "Time (Danish time)"), name: "at", type: "datetime-local", value: IncidentController.localInput(now), required: true,
                    hint: ctx.t("Tidslinjen kan ikke ændres bagefter, og tidspunkter i fremtiden afvises.", "The timeline cannot be changed afterwards, and future times are refused.")),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Tilføj", "Add"))))),
            .p(.link(ctx.t("Tilbage til NIS2 & beredskab", "Back to NIS2 & continuity"), to: SiteURL.nis2.path))
        )
    }

    /// The paste-ready text per stage (virk.dk), with the fields still missing.
    static func reportTexts(_ ctx: PageContext, _ i: IncidentRecord, _ stages: [IncidentClock.Stage], municipality: String) -> Node<HTML.BodyContext> {
        let facts = i.reportFacts(municipality: municipality)
        return .group(
            .h2(.txt(ctx.t("Tekster til indberetningen på virk.dk", "Texts for the report on virk.dk"))),
            .p(.class("muted"), .txt(ctx.t("Kopiér teksten ind i formularen på virk.dk. Teksten er fortrolig.", "Copy the text into the form on virk.dk. The text is confidential."))),
            .forEach(stages) { s in
                let missing = IncidentReportText.missing(s.kind, facts)
                return .element(named: "details", nodes: [
                    Node<HTML.BodyContext>.element(named: "summary", nodes: [Node<HTML.BodyContext>.txt(stageName(s.kind, ctx.lang))]),
                    .if(!missing.isEmpty, .p(.class("flash warn"), .txt(ctx.t("Mangler: ", "Missing: ") + missing.joined(separator: ", ")))),
                    .pre(.class("report-text"), .txt(IncidentReportText.text(s.kind, facts))),
                ])
            })
    }

    static func factsForm(_ ctx: PageContext, _ i: IncidentRecord) -> Node<HTML.BodyContext> {
        let options = [("", ctx.t("Ikke vurderet", "Not assessed")), ("yes", ctx.t("Ja", "Yes")), ("no", ctx.t("Nej", "No"))]
        func value(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "" }
        func area(_ label: String, _ name: String, _ text: String) -> Node<HTML.FormContext> {
            .div(.class("field"), .label(.attr("for", "f-\(name)"), .txt(label)),
                .textarea(.attr("id", "f-\(name)"), .attr("name", name), .attr("rows", "3"), .txt(text)))
        }
        return .form(
            .class("panel"), .attr("action", SiteURL.incidentFacts(i.id).path), .method(.post),
            .h2(.txt(ctx.t("Oplysninger til indberetningen", "Details for the report"))),
            .csrf(ctx.csrf),
            .choice(ctx.t("Mistanke om ulovlig eller ondsindet handling", "Suspected unlawful or malicious act"), name: "suspected_malicious",
                options: options, selected: value(i.suspectedMalicious)),
            .choice(ctx.t("Kan have grænseoverskridende virkning", "May have cross-border impact"), name: "cross_border", options: options,
                selected: value(i.crossBorder)),
            area(ctx.t("Virkning (tjenester, borgere, varighed)", "Impact (services, citizens, duration)"), "impact", i.impact),
            area(ctx.t("Kompromitteringsindikatorer", "Indicators of compromise"), "indicators", i.indicators),
            area(ctx.t("Trussel eller grundlæggende årsag", "Threat or root cause"), "root_cause", i.rootCause),
            area(ctx.t("Afhjælpende foranstaltninger", "Mitigation"), "mitigation", i.mitigation),
            area(ctx.t("Erfaringer (hvad ændrer vi?)", "Lessons learned (what do we change?)"), "lessons", i.lessons),
            .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Gem oplysninger", "Save details"))))
    }

    static func submitForm(_ ctx: PageContext, _ i: IncidentRecord, _ s: IncidentClock.Stage, now: Date) -> Node<HTML.BodyContext> {
        let id = "\(s.kind.rawValue)"
        return .form(
            .class("inline"), .attr("action", SiteURL.incidentSubmission(i.id).path), .method(.post),
            .csrf(ctx.csrf),
            .input(.type(.hidden), .name("stage"), .attr("value", s.kind.rawValue)),
            .label(.attr("for", "at-\(id)"), .class("visually-hidden"), .txt(ctx.t("Indberettet (dansk tid)", "Submitted (Danish time)"))),
            .input(.type(.text), .attr("type", "datetime-local"), .attr("id", "at-\(id)"), .attr("name", "submitted_at"), .attr("value", IncidentController.localInput(now))),
            .if(s.due.map { now > $0 } ?? false, .group(
                .label(.attr("for", "why-\(id)"), .class("visually-hidden"), .txt(ctx.t("Begrundelse for forsinkelse", "Reason for the delay"))),
                .input(.type(.text), .attr("id", "why-\(id)"), .attr("name", "late_reason"), .attr("placeholder", ctx.t("Begrundelse for forsinkelse", "Reason for the delay"))))),
            .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Markér indberettet", "Mark submitted"))))
    }

    static func stageRows(_ ctx: PageContext, _ stages: [IncidentClock.Stage], now: Date) -> Node<HTML.BodyContext> {
        .table(
            .thead(.tr(.th(.txt(ctx.t("Indberetning", "Report"))), .th(.txt(ctx.t("Frist (dansk tid)", "Deadline (Danish time)"))),
                .th(.txt(ctx.t("Status", "Status"))), .th(.txt(ctx.t("Indberettet", "Submitted"))))),
            .tbody(.forEach(stages) { s in
                .tr(.td(.txt(stageName(s.kind, ctx.lang))),
                    .td(.txt(s.due.map { local($0, ctx.lang) + (s.provisional ? ctx.t(" (foreløbig)", " (provisional)") : "") } ?? ctx.t("når håndteringen er afsluttet", "when handling has ended"))),
                    .td(.txt(statusName(s.status, ctx.lang))), .td(.txt(local(s.submittedAt, ctx.lang))))
            }))
    }

    static func printable(_ ctx: PageContext, _ i: IncidentRecord, timeline: [Timeline.Entry], now: Date, municipality: String) -> Node<HTML.BodyContext> {
        let stages = i.stages(now: now)
        let facts = i.reportFacts(municipality: municipality)
        return .group(
            .p(.span(.class("confidential"), .txt(ctx.t("FORTROLIGT", "CONFIDENTIAL")))),
            .p(.txt("\(municipality) · \(ctx.t("udskrevet", "printed")) \(local(now, ctx.lang))")),
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Bevidst om", "Aware since"))), .dd(.txt(local(i.awareAt, ctx.lang))),
                .dt(.txt(ctx.t("Status", "Status"))), .dd(.txt(RegisterText.name(i.status, ctx.lang))),
                .dt(.txt(ctx.t("Alvor", "Severity"))), .dd(.txt(RegisterText.name(i.severity, ctx.lang)))),
            .if(!i.description.isEmpty, .p(.txt(i.description))),
            .h2(.txt(ctx.t("Indberetninger og frister", "Reports and deadlines"))),
            stages.isEmpty ? .p(.txt(ctx.t("Ingen indberetning: væsentlighed ikke vurderet eller vurderet ikke væsentlig.", "No reporting: significance not decided or not significant.")))
                : stageRows(ctx, stages, now: now),
            .forEach(stages) { s in
                .group(.h2(.txt(stageName(s.kind, ctx.lang))), .pre(.class("report-text"), .txt(IncidentReportText.text(s.kind, facts))))
            },
            .h2(.txt(ctx.t("Tidslinje", "Timeline"))),
            .ol(.class("timeline"), .forEach(timeline) { e in .li(.txt("\(local(e.at, ctx.lang)): \(e.text)")) }),
            .h2(.txt(ctx.t("Erfaringer", "Lessons learned"))),
            .p(.txt(i.lessons.ifEmpty("–"))))
    }

    static func document(_ lang: Lang, _ i: IncidentRecord, timeline: [Timeline.Entry], now: Date, municipality: String) -> ODTWriter {
        let stages = i.stages(now: now)
        let facts = i.reportFacts(municipality: municipality)
        var blocks: [ODTWriter.Block] = [
            .strong(lang.t("FORTROLIGT", "CONFIDENTIAL")),
            .heading(lang.t("Hændelsesrapport: ", "Incident report: ") + i.title, level: 1),
            .paragraph("\(municipality) · \(lang.t("udskrevet", "printed")) \(local(now, lang))"),
            .paragraph("\(lang.t("Bevidst om", "Aware since")): \(local(i.awareAt, lang)) · \(lang.t("Status", "Status")): \(RegisterText.name(i.status, lang)) · \(lang.t("Alvor", "Severity")): \(RegisterText.name(i.severity, lang))"),
            .heading(lang.t("Indberetninger og frister", "Reports and deadlines"), level: 2),
            .table([[lang.t("Indberetning", "Report"), lang.t("Frist", "Deadline"), lang.t("Status", "Status"), lang.t("Indberettet", "Submitted")]]
                + stages.map { [stageName($0.kind, lang), $0.due.map { local($0, lang) } ?? "–", statusName($0.status, lang), local($0.submittedAt, lang)] }),
        ]
        for s in stages { blocks += [.heading(stageName(s.kind, lang), level: 2), .lines(IncidentReportText.text(s.kind, facts))] }
        blocks += [.heading(lang.t("Tidslinje", "Timeline"), level: 2), .bullets(timeline.map { "\(local($0.at, lang)): \($0.text)" }),
                   .heading(lang.t("Erfaringer", "Lessons learned"), level: 2), .paragraph(i.lessons.ifEmpty("–"))]
        return ODTWriter(title: i.title, blocks: blocks)
    }
}
