import Foundation
import Persistence
import Plot
import Resilience
import Tabular

/// Beredskabsplaner on screen, on paper and as ODT.
enum ContinuityViews {
    static func plans(
        _ ctx: PageContext, _ plans: [PlanRecord], assets: [AssetRecord], exercises: [ExerciseRecord], warnings: [Continuity.Warning], now: Date, canEdit: Bool
    ) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .txt(ctx.t(
                "En beredskabsplan pr. kritisk proces eller system: hvornår den aktiveres, hvem der gør hvad, hvem der ringer til hvem, trinene og hvornår der afblæses. Planen testes mindst hvert år og revideres mindst én gang i hver valgperiode.",
                "One contingency plan per critical process or system: when it is activated, who does what, who calls whom, the steps and when to stand down. Plans are tested at least yearly and revised at least once per election period."))),
            RegisterViews.continuityWarnings(ctx, warnings, assets),
            plans.isEmpty
                ? .emptyState(ctx.t("Ingen beredskabsplaner", "No contingency plans"), ctx.t(
                    "Begynd med den proces, der gør mest ondt at miste – fx medicinhåndtering i hjemmeplejen.",
                    "Start with the process that hurts most to lose – e.g. medicine handling in home care."))
                : .table(
                    .caption(.txt(ctx.t("Beredskabsplaner", "Contingency plans"))),
                    .thead(.tr(.th(.txt(ctx.t("Plan", "Plan"))), .th(.txt(ctx.t("Proces/system", "Process/system"))), .th(.txt(ctx.t("Revideret", "Revised"))),
                        .th(.txt(ctx.t("Senest testet", "Last tested"))), .th(.txt(ctx.t("Status", "Status"))))),
                    .tbody(.forEach(plans) { p in
                        let review = PlanReview(p, exercises: exercises, now: now)
                        return .tr(.td(.link(p.title, to: SiteURL.plan(p.id).path)), .td(.txt(assets.first { $0.id == p.assetId }?.name ?? "–")),
                            .td(.txt(RegisterViews.day(p.revisedOn, ctx))), .td(.txt(RegisterViews.day(review.lastTest ?? "", ctx))),
                            .td(review.overdue(ctx).isEmpty ? .txt(ctx.t("i orden", "in order")) : .strong(.txt(review.overdue(ctx).joined(separator: "; ")))))
                    })),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.plans.path), .method(.post),
                .h2(.txt(ctx.t("Ny beredskabsplan", "New contingency plan"))), .csrf(ctx.csrf),
                planFields(ctx, nil, assets: assets),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Opret", "Create"))))),
            RegisterViews.back(ctx))
    }

    /// Rule 9 for one plan: tested within 12 months, revised within 4 years.
    struct PlanReview {
        var lastTest: String?
        var testOverdue: Bool
        var revisionOverdue: Bool

        init(_ plan: PlanRecord, exercises: [ExerciseRecord], now: Date) {
            lastTest = exercises.filter { $0.planId == plan.id }.map(\.heldOn).max()
            testOverdue = ReviewKind.continuityTest.isOverdue(last: lastTest.flatMap(CalendarDay.date), now: now)
            revisionOverdue = ReviewKind.contingencyPlanRevision.isOverdue(last: CalendarDay.date(plan.revisedOn), now: now)
        }

        func overdue(_ ctx: PageContext) -> [String] {
            (testOverdue ? [ctx.t("test overskredet", "test overdue")] : []) + (revisionOverdue ? [ctx.t("revision overskredet", "revision overdue")] : [])
        }
    }

    static func planFields(_ ctx: PageContext, _ p: PlanRecord?, assets: [AssetRecord]) -> Node<HTML.FormContext> {
        .group(
            .field(ctx.t("Titel", "Title"), name: "title", value: p?.title ?? "", required: true),
            .choice(ctx.t("Kritisk proces eller system", "Critical process or system"), name: "asset",
                options: [("", ctx.t("(intet)", "(none)"))] + assets.map { ($0.id.uuidString, $0.name) }, selected: p?.assetId?.uuidString ?? ""),
            .area(ctx.t("Aktiveringskriterier", "Activation criteria"), name: "activation", value: p?.activation ?? ""),
            .area(ctx.t("Roller", "Roles"), name: "roles", value: p?.roles ?? ""),
            .area(ctx.t("Trin (ét pr. linje)", "Steps (one per line)"), name: "steps", value: p?.steps ?? "", rows: 6),
            .area(ctx.t("Afblæsning", "Stand-down"), name: "stand_down", value: p?.standDown ?? ""),
            .field(ctx.t("Reservekanal, når telefon og net er nede", "Fallback channel when phones and network are down"), name: "fallback_channel",
                value: p?.fallbackChannel ?? ""),
            .field(ctx.t("Senest revideret", "Last revised"), name: "revised_on", type: "date", value: p?.revisedOn ?? ""))
    }

    /// The call tree as nested lists: each person with the people they call below them.
    static func callTree(_ ctx: PageContext, _ contacts: [ContactRecord], removable: UUID? = nil) -> Node<HTML.BodyContext> {
        let ids = Set(contacts.map(\.id))
        func children(_ parent: UUID?) -> [ContactRecord] {
            contacts.filter { c in parent == nil ? (c.parentId == nil || !ids.contains(c.parentId!)) : c.parentId == parent }
        }
        func list(_ parent: UUID?, depth: Int) -> Node<HTML.BodyContext> {
            let people = children(parent)
            guard !people.isEmpty, depth < 20 else { return .empty }
            return .ol(.class(depth == 0 ? "call-tree" : ""), .forEach(people) { c in
                .li(.strong(.txt(c.name)), .if(!c.role.isEmpty, .txt(" – \(c.role)")), .txt(" · "), .span(.class("phone"), .txt(c.phone)),
                    .if(!c.altPhone.isEmpty, .txt(ctx.t(" · ellers ", " · otherwise ") + c.altPhone)),
                    .if(removable != nil, .postButton(ctx.t("Fjern", "Remove"), action: SiteURL.planContactRemove(removable ?? c.planId, c.id).path, csrf: ctx.csrf, style: "link")),
                    list(c.id, depth: depth + 1))
            })
        }
        return contacts.isEmpty ? .p(.txt(ctx.t("Kaldetræet er tomt.", "The call tree is empty."))) : list(nil, depth: 0)
    }

    static func exerciseTable(_ ctx: PageContext, _ exercises: [ExerciseRecord]) -> Node<HTML.BodyContext> {
        exercises.isEmpty ? .p(.txt(ctx.t("Planen er ikke øvet endnu.", "The plan has not been exercised yet."))) : .table(
            .caption(.txt(ctx.t("Øvelser", "Exercises"))),
            .thead(.tr(.th(.txt(ctx.t("Dato", "Date"))), .th(.txt(ctx.t("Metode", "Method"))), .th(.txt(ctx.t("Mål RTO/RPO", "Target RTO/RPO"))),
                .th(.txt(ctx.t("Opnået RTO/RPO", "Achieved RTO/RPO"))), .th(.txt(ctx.t("Mål nået", "Targets met"))), .th(.txt(ctx.t("Opfølgning", "Follow-ups"))))),
            .tbody(.forEach(exercises.reversed()) { e in
                .tr(.td(.txt(RegisterViews.day(e.heldOn, ctx))), .td(.txt(RegisterText.name(e.method, ctx.lang))),
                    .td(.txt("\(RegisterText.hours(e.targetRtoHours, ctx.lang)) / \(RegisterText.hours(e.targetRpoHours, ctx.lang))")),
                    .td(.txt("\(RegisterText.hours(e.achievedRtoHours, ctx.lang)) / \(RegisterText.hours(e.achievedRpoHours, ctx.lang))")),
                    .td(.txt(e.targetsMet.map { $0 ? ctx.t("ja", "yes") : ctx.t("NEJ", "NO") } ?? ctx.t("ikke målt", "not measured"))),
                    .td(.txt(e.followUps.ifEmpty("–"))))
            }))
    }

    static func plan(_ ctx: PageContext, _ l: ContinuityController.Loaded, assets: [AssetRecord], today: String, canEdit: Bool) -> Node<HTML.BodyContext> {
        let p = l.plan
        return .group(
            .p(.link(ctx.t("Udskriv planen (til papir)", "Print the plan (for paper)"), to: SiteURL.planPrint(p.id).path), .txt(" · "),
                .link(ctx.t("Hent som ODT", "Download as ODT"), to: SiteURL.planODT(p.id).path)),
            planBody(ctx, l, removable: canEdit ? p.id : nil),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.planContacts(p.id).path), .method(.post),
                .h2(.txt(ctx.t("Tilføj til kaldetræet", "Add to the call tree"))), .csrf(ctx.csrf),
                .choice(ctx.t("Ringes op af", "Called by"), name: "parent", options: [("", ctx.t("(først på listen)", "(first on the list)"))] + l.contacts.map { ($0.id.uuidString, $0.name) }),
                .field(ctx.t("Navn", "Name"), name: "name", required: true),
                .field(ctx.t("Rolle", "Role"), name: "role"),
                .field(ctx.t("Telefon", "Phone"), name: "phone", type: "tel", required: true),
                .field(ctx.t("Anden kontakt (privat telefon, radio, mødested)", "Other contact (private phone, radio, meeting point)"), name: "alt_phone"),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Tilføj", "Add"))))),
            .h2(.txt(ctx.t("Øvelser", "Exercises"))),
            exerciseTable(ctx, l.exercises),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.planExercises(p.id).path), .method(.post),
                .h2(.txt(ctx.t("Registrér en øvelse", "Record an exercise"))), .csrf(ctx.csrf),
                .p(.class("hint"), .txt(l.asset?.rtoHours != nil && l.asset?.rpoHours != nil
                    ? ctx.t("Målene er RTO \(RegisterText.hours(l.asset?.rtoHours, ctx.lang)) og RPO \(RegisterText.hours(l.asset?.rpoHours, ctx.lang)) fra konsekvensanalysen; om de er nået, regnes ud.",
                        "The targets are RTO \(RegisterText.hours(l.asset?.rtoHours, ctx.lang)) and RPO \(RegisterText.hours(l.asset?.rpoHours, ctx.lang)) from the impact analysis; whether they were met is computed.")
                    : ctx.t("Angiv RTO og RPO på planens proces eller system først.", "Enter the RTO and RPO of the plan's process or system first."))),
                .field(ctx.t("Dato", "Date"), name: "held_on", type: "date", value: today, required: true),
                .choice(ctx.t("Metode", "Method"), name: "method", options: RegisterText.options(ExerciseRecord.methods, ctx.lang), selected: "tabletop"),
                .area(ctx.t("Succeskriterier", "Success criteria"), name: "success_criteria", rows: 2),
                .area(ctx.t("Resultat", "Result"), name: "result", rows: 2),
                .field(ctx.t("Opnået RTO (timer)", "Achieved RTO (hours)"), name: "achieved_rto_hours"),
                .field(ctx.t("Opnået RPO (timer)", "Achieved RPO (hours)"), name: "achieved_rpo_hours"),
                .area(ctx.t("Opfølgning", "Follow-ups"), name: "follow_ups", rows: 2),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Registrér", "Record"))))),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.plan(p.id).path), .method(.post),
                .h2(.txt(ctx.t("Ret planen", "Edit the plan"))), .csrf(ctx.csrf),
                planFields(ctx, p, assets: assets),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem", "Save"))))),
            .p(.link(ctx.t("Alle beredskabsplaner", "All contingency plans"), to: SiteURL.plans.path)))
    }

    static func steps(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// What the plan says, in reading order: call tree first (that is what people need at 3 a.m.).
    static func planBody(_ ctx: PageContext, _ l: ContinuityController.Loaded, removable: UUID?) -> Node<HTML.BodyContext> {
        let p = l.plan
        let a = l.asset
        return .group(
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Proces/system", "Process/system"))), .dd(.txt(a?.name ?? "–")),
                .dt(.txt("MTPD / RTO / RPO")),
                .dd(.txt("\(RegisterText.hours(a?.mtpdHours, ctx.lang)) / \(RegisterText.hours(a?.rtoHours, ctx.lang)) / \(RegisterText.hours(a?.rpoHours, ctx.lang))")),
                .dt(.txt(ctx.t("Reservekanal", "Fallback channel"))), .dd(.txt(p.fallbackChannel.ifEmpty("–"))),
                .dt(.txt(ctx.t("Senest revideret", "Last revised"))), .dd(.txt(RegisterViews.day(p.revisedOn, ctx)))),
            .h2(.txt(ctx.t("Kaldetræ", "Call tree"))),
            callTree(ctx, l.contacts, removable: removable),
            .h2(.txt(ctx.t("Aktiveres når", "Activate when"))), .p(.txt(p.activation.ifEmpty("–"))),
            .h2(.txt(ctx.t("Roller", "Roles"))), .p(.txt(p.roles.ifEmpty("–"))),
            .h2(.txt(ctx.t("Trin", "Steps"))),
            steps(p.steps).isEmpty ? .p(.txt("–")) : .ol(.forEach(steps(p.steps)) { .li(.txt($0)) }),
            .if(a?.manualFallback.isEmpty == false, .group(.h2(.txt(ctx.t("Nødprocedure", "Manual fallback"))), .p(.txt(a?.manualFallback ?? "")))),
            .if(a?.minService.isEmpty == false, .group(.h2(.txt(ctx.t("Minimumsserviceniveau", "Minimum service level"))), .p(.txt(a?.minService ?? "")))),
            .h2(.txt(ctx.t("Afblæsning", "Stand-down"))), .p(.txt(p.standDown.ifEmpty("–"))))
    }

    static func printable(_ ctx: PageContext, _ l: ContinuityController.Loaded, municipality: String, printedAt: Date) -> Node<HTML.BodyContext> {
        .group(
            .p(.txt("\(municipality) · \(ctx.t("udskrevet", "printed")) \(IncidentViews.local(printedAt, ctx.lang)) · "),
                .txt(ctx.t("Opbevar en papirkopi, hvor den kan findes uden strøm og net.", "Keep a paper copy where it can be found without power or network."))),
            planBody(ctx, l, removable: nil))
    }

    static func document(_ lang: Lang, _ l: ContinuityController.Loaded, municipality: String, printedAt: Date) -> ODTWriter {
        let p = l.plan
        let a = l.asset
        var rows = [[lang.t("Niveau", "Level"), lang.t("Navn", "Name"), lang.t("Rolle", "Role"), lang.t("Telefon", "Phone"), lang.t("Anden kontakt", "Other contact")]]
        let ids = Set(l.contacts.map(\.id))
        func walk(_ parent: UUID?, _ depth: Int) {
            guard depth < 20 else { return }
            for c in l.contacts where parent == nil ? (c.parentId == nil || !ids.contains(c.parentId!)) : c.parentId == parent {
                rows.append([String(depth + 1), c.name, c.role, c.phone, c.altPhone])
                walk(c.id, depth + 1)
            }
        }
        walk(nil, 0)
        return ODTWriter(title: p.title, blocks: [
            .heading(lang.t("Beredskabsplan: ", "Contingency plan: ") + p.title, level: 1),
            .paragraph("\(municipality) · \(lang.t("udskrevet", "printed")) \(IncidentViews.local(printedAt, lang))"),
            .paragraph("\(lang.t("Proces/system", "Process/system")): \(a?.name ?? "–") · MTPD/RTO/RPO: \(RegisterText.hours(a?.mtpdHours, lang)) / \(RegisterText.hours(a?.rtoHours, lang)) / \(RegisterText.hours(a?.rpoHours, lang))"),
            .paragraph("\(lang.t("Reservekanal", "Fallback channel")): \(p.fallbackChannel.ifEmpty("–"))"),
            .heading(lang.t("Kaldetræ", "Call tree"), level: 2), .table(rows),
            .heading(lang.t("Aktiveres når", "Activate when"), level: 2), .paragraph(p.activation.ifEmpty("–")),
            .heading(lang.t("Roller", "Roles"), level: 2), .paragraph(p.roles.ifEmpty("–")),
            .heading(lang.t("Trin", "Steps"), level: 2), .bullets(steps(p.steps).enumerated().map { "\($0 + 1). \($1)" }),
            .heading(lang.t("Nødprocedure", "Manual fallback"), level: 2), .paragraph(a?.manualFallback.ifEmpty("–") ?? "–"),
            .heading(lang.t("Afblæsning", "Stand-down"), level: 2), .paragraph(p.standDown.ifEmpty("–")),
        ])
    }
}
