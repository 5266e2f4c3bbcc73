import Foundation
import Persistence
import Plot
import Resilience

/// Pages of the NIS2 register: assets, risks with the heat map, measures against the catalogue.
enum RegisterViews {
    static func back(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .p(.link(ctx.t("Tilbage til NIS2 & beredskab", "Back to NIS2 & continuity"), to: SiteURL.nis2.path))
    }

    /// A stored `YYYY-MM-DD` as the reader's language writes it ("28. nov. 2026").
    static func day(_ text: String, _ ctx: PageContext) -> String { day(text, ctx.lang) }

    static func day(_ text: String, _ lang: Lang) -> String {
        guard let date = CalendarDay.date(text) else { return text.isEmpty ? "–" : text }
        return IncidentClock.wallClockDay(date, locale: lang == .da ? "da_DK" : "en_GB")
    }

    // MARK: Assets

    static func assets(_ ctx: PageContext, _ assets: [AssetRecord], warnings: [Continuity.Warning], canEdit: Bool) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .txt(ctx.t(
                "Kommunens systemer, processer, infrastruktur og leverandører – ét register, som både NIS2-arbejdet og Bindinger bruger. Konsekvensanalysen (MTPD, RTO, RPO) står på hvert aktiv.",
                "The municipality's systems, processes, infrastructure and suppliers – one inventory used by both the NIS2 work and Bindings. The impact analysis (MTPD, RTO, RPO) is on each asset."))),
            continuityWarnings(ctx, warnings, assets),
            assets.isEmpty
                ? .emptyState(ctx.t("Ingen aktiver endnu", "No assets yet"), ctx.t("Begynd med de kritiske processer og systemerne, de afhænger af.",
                    "Start with the critical processes and the systems they depend on."))
                : .table(
                    .caption(.txt(ctx.t("Aktiver", "Assets"))),
                    .thead(.tr(.th(.txt(ctx.t("Navn", "Name"))), .th(.txt(ctx.t("Type", "Kind"))), .th(.txt(ctx.t("Kritikalitet", "Criticality"))),
                        .th(.txt(ctx.t("Ejer", "Owner"))), .th(.txt("KLE")), .th(.class("num"), .txt("MTPD")), .th(.class("num"), .txt("RTO")), .th(.class("num"), .txt("RPO")))),
                    .tbody(.forEach(assets) { a in
                        .tr(.td(.link(a.name, to: SiteURL.asset(a.id).path)), .td(.txt(RegisterText.name(a.kind, ctx.lang))),
                            .td(.txt(RegisterText.name(a.criticality, ctx.lang))), .td(.txt(a.owner)), .td(.txt(a.kle)),
                            .td(.class("num"), .txt(RegisterText.hours(a.mtpdHours, ctx.lang))), .td(.class("num"), .txt(RegisterText.hours(a.rtoHours, ctx.lang))),
                            .td(.class("num"), .txt(RegisterText.hours(a.rpoHours, ctx.lang))))
                    })),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.assets.path), .method(.post),
                .h2(.txt(ctx.t("Nyt aktiv", "New asset"))), .csrf(ctx.csrf),
                .field(ctx.t("Navn", "Name"), name: "name", required: true),
                .choice(ctx.t("Type", "Kind"), name: "kind", options: RegisterText.options(AssetRecord.kinds, ctx.lang), selected: "system"),
                .choice(ctx.t("Kritikalitet", "Criticality"), name: "criticality", options: RegisterText.options(AssetRecord.criticalities, ctx.lang), selected: "medium"),
                .field(ctx.t("Ejer", "Owner"), name: "owner"),
                .field(ctx.t("KLE-nummer", "KLE number"), name: "kle", hint: ctx.t("Fx 27.36.08, hvis kendt", "E.g. 27.36.08, where known")),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Opret", "Create"))))),
            back(ctx))
    }

    static func continuityWarnings(_ ctx: PageContext, _ warnings: [Continuity.Warning], _ assets: [AssetRecord]) -> Node<HTML.BodyContext> {
        func name(_ id: String) -> String { assets.first { $0.id.uuidString == id }?.name ?? id }
        let texts = warnings.map { w -> String in
            switch w {
            case .rtoExceedsMTPD(let p): ctx.t("\(name(p)): RTO er længere end MTPD.", "\(name(p)): RTO is longer than MTPD.")
            case .resourceRTOTooLong(let r, let limit, let p): ctx.t(
                "\(name(r)) kan først være genetableret efter sin RTO, men \(name(p)) kræver højst \(RegisterText.hours(limit, ctx.lang)).",
                "\(name(r)) recovers later than \(name(p)) allows (at most \(RegisterText.hours(limit, ctx.lang))).")
            case .resourceRPOTooLong(let r, let limit, let p): ctx.t(
                "\(name(r)) kan miste flere data (RPO) end \(name(p)) tåler (højst \(RegisterText.hours(limit, ctx.lang))).",
                "\(name(r)) may lose more data (RPO) than \(name(p)) tolerates (at most \(RegisterText.hours(limit, ctx.lang))).")
            case .unknownResource(let p, let r): ctx.t("\(name(p)) afhænger af et ukendt aktiv \(r).", "\(name(p)) depends on an unknown asset \(r).")
            }
        }
        return .if(!texts.isEmpty, .div(.class("flash warn"), .attribute(named: "role", value: "note"),
            .p(.strong(.txt(ctx.t("Konsekvensanalysen hænger ikke sammen:", "The impact analysis is inconsistent:")))),
            .ul(.forEach(texts) { .li(.txt($0)) })))
    }

    static func asset(
        _ ctx: PageContext, _ a: AssetRecord, all: [AssetRecord], dependsOn: Set<UUID>, dependants: [AssetRecord], risks: [ResilienceRepository.Risk],
        plans: [PlanRecord], canEdit: Bool
    ) -> Node<HTML.BodyContext> {
        let others = all.filter { $0.id != a.id && $0.kind != "process" }
        return .group(
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Type", "Kind"))), .dd(.txt(RegisterText.name(a.kind, ctx.lang))),
                .dt(.txt(ctx.t("Kritikalitet", "Criticality"))), .dd(.txt(RegisterText.name(a.criticality, ctx.lang))),
                .dt(.txt(ctx.t("Afhænger af", "Depends on"))), .dd(.txt(all.filter { dependsOn.contains($0.id) }.map(\.name).joined(separator: ", ").ifEmpty("–"))),
                .dt(.txt(ctx.t("Bruges af", "Used by"))), .dd(.txt(dependants.map(\.name).joined(separator: ", ").ifEmpty("–")))),
            .h2(.txt(ctx.t("Risici", "Risks"))),
            risks.isEmpty ? .p(.txt(ctx.t("Ingen risici vurderet for dette aktiv.", "No risks assessed for this asset.")))
                : .ul(.forEach(risks) { r in .li(.link("\(r.record.title) (\(r.residualLevel))", to: SiteURL.risk(r.id).path)) }),
            .p(.link(ctx.t("Vurdér en risiko for dette aktiv", "Assess a risk for this asset"), to: SiteURL.riskNew.path + "?aktiv=\(a.id.uuidString)")),
            .h2(.txt(ctx.t("Beredskabsplaner", "Contingency plans"))),
            plans.isEmpty ? .p(.txt(ctx.t("Ingen beredskabsplan for dette aktiv.", "No contingency plan for this asset.")))
                : .ul(.forEach(plans) { p in .li(.link(p.title, to: SiteURL.plan(p.id).path)) }),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.asset(a.id).path), .method(.post),
                .h2(.txt(ctx.t("Ret aktivet og konsekvensanalysen", "Edit the asset and its impact analysis"))), .csrf(ctx.csrf),
                .field(ctx.t("Navn", "Name"), name: "name", value: a.name, required: true),
                .choice(ctx.t("Type", "Kind"), name: "kind", options: RegisterText.options(AssetRecord.kinds, ctx.lang), selected: a.kind),
                .choice(ctx.t("Kritikalitet", "Criticality"), name: "criticality", options: RegisterText.options(AssetRecord.criticalities, ctx.lang), selected: a.criticality),
                .field(ctx.t("Ejer", "Owner"), name: "owner", value: a.owner),
                .field(ctx.t("KLE-nummer", "KLE number"), name: "kle", value: a.kle),
                .area(ctx.t("Beskrivelse", "Description"), name: "description", value: a.description),
                .field(ctx.t("Maksimal acceptabel nedetid, MTPD (timer)", "Maximum tolerable period of disruption, MTPD (hours)"), name: "mtpd_hours",
                    value: RegisterText.hoursInput(a.mtpdHours), hint: ctx.t("For processer", "For processes")),
                .field(ctx.t("Genetableringstid, RTO (timer)", "Recovery time objective, RTO (hours)"), name: "rto_hours", value: RegisterText.hoursInput(a.rtoHours)),
                .field(ctx.t("Maksimalt datatab, RPO (timer)", "Recovery point objective, RPO (hours)"), name: "rpo_hours", value: RegisterText.hoursInput(a.rpoHours)),
                .area(ctx.t("Minimumsserviceniveau i en nødsituation", "Minimum service level in an emergency"), name: "min_service", value: a.minService, rows: 2),
                .area(ctx.t("Nødprocedure (manuel drift)", "Manual fallback procedure"), name: "manual_fallback", value: a.manualFallback),
                .if(!others.isEmpty, .checks(ctx.t("Afhænger af (ressourcer)", "Depends on (resources)"), name: "depends_on",
                    options: others.map { ($0.id.uuidString, $0.name) }, checked: Set(dependsOn.map(\.uuidString)))),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem", "Save"))))),
            .p(.link(ctx.t("Alle aktiver", "All assets"), to: SiteURL.assets.path)))
    }

    // MARK: Risks

    static func levelCell(_ level: Int, max: Int) -> Node<HTML.TableRowContext> {
        .td(.class("num level-\(HeatMap.band(level: level, max: max))"), .txt(String(level)))
    }

    struct RiskRegister {
        var risks: [ResilienceRepository.Risk]
        var total: Int
        var page: Int
        var pages: Int
        var matrix: ResilienceRepository.MatrixState
        var inherentCounts: [[Int]]
        var residualCounts: [[Int]]
    }

    static func pager(_ ctx: PageContext, page: Int, pages: Int, path: String) -> Node<HTML.BodyContext> {
        .if(pages > 1, .nav(.class("pager"), .attr("aria-label", ctx.t("Sider", "Pages")),
            .if(page > 1, .link(ctx.t("‹ Forrige", "‹ Previous"), to: "\(path)?side=\(page - 1)")),
            .span(.txt(ctx.t(" Side \(page) af \(pages) ", " Page \(page) of \(pages) "))),
            .if(page < pages, .link(ctx.t("Næste ›", "Next ›"), to: "\(path)?side=\(page + 1)"))))
    }

    typealias AssetName = (id: UUID, name: String)
    typealias MeasureTitle = (id: UUID, title: String)

    static func risks(_ ctx: PageContext, _ register: RiskRegister, assetNames: [UUID: String], canEdit: Bool) -> Node<HTML.BodyContext> {
        let state = register.matrix
        let risks = register.risks
        let m = state.matrix
        let matrixText = m.levels.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n")
        return .group(
            .p(.class("lead"), .txt(ctx.t(
                "Hvad er det værste, der kan ske, og hvor sandsynligt er det? Hver risiko vurderes før (iboende) og efter (rest) foranstaltningerne på kommunens risikomatrix. Kun ledelsen kan acceptere en restrisiko.",
                "What is the worst that can happen, and how likely is it? Each risk is assessed before (inherent) and after (residual) the measures on the municipality's risk matrix. Only management can accept a residual risk."))),
            .div(.class("cards"),
                .div(.class("card"), .h2(.txt(ctx.t("Iboende risiko", "Inherent risk"))),
                    .raw(HeatMap.svg(m, counts: register.inherentCounts, title: ctx.t("Varmekort over iboende risiko", "Heat map of inherent risk"),
                        likelihoodLabel: ctx.t("Sandsynlighed", "Likelihood"), impactLabel: ctx.t("Konsekvens", "Impact")))),
                .div(.class("card"), .h2(.txt(ctx.t("Restrisiko", "Residual risk"))),
                    .raw(HeatMap.svg(m, counts: register.residualCounts, title: ctx.t("Varmekort over restrisiko", "Heat map of residual risk"),
                        likelihoodLabel: ctx.t("Sandsynlighed", "Likelihood"), impactLabel: ctx.t("Konsekvens", "Impact"))))),
            risks.isEmpty
                ? .emptyState(ctx.t("Ingen risici vurderet", "No risks assessed"), ctx.t("Vurdér risici for de kritiske aktiver først.", "Assess the risks of the critical assets first."))
                : .group(riskTable(ctx, risks, assetNames: assetNames, caption: ctx.t("\(register.total) risici, højeste restrisiko først", "\(register.total) risks, highest residual risk first")),
                    pager(ctx, page: register.page, pages: register.pages, path: SiteURL.risks.path)),
            .if(canEdit, .p(.a(.class("button primary"), .attr("href", SiteURL.riskNew.path), .txt(ctx.t("Vurdér en ny risiko", "Assess a new risk"))))),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.riskMatrix.path), .method(.post),
                .h2(.txt(ctx.t("Risikomatrix", "Risk matrix"))), .csrf(ctx.csrf),
                .p(.txt(state.risksUsingIt > 0
                    ? ctx.t("Matricen bruges af \(state.risksUsingIt) vurderinger og kan ikke ændres. Gem en ny matrix til nye vurderinger; de gamle beholder deres.",
                        "The matrix is used by \(state.risksUsingIt) assessments and cannot change. Save a new matrix for new assessments; the old ones keep theirs.")
                    : ctx.t("Én linje pr. sandsynlighed (1 nederst i varmekortet = første linje), ét niveau pr. konsekvens.",
                        "One line per likelihood (1 = first line), one level per impact."))),
                .area(ctx.t("Niveauer", "Levels"), name: "levels", value: matrixText, rows: m.likelihoods + 1),
                .if(state.risksUsingIt > 0, .input(.type(.hidden), .attr("name", "as_new"), .attr("value", "1"))),
                .button(.type(.submit), .class("button secondary"), .txt(state.risksUsingIt > 0 ? ctx.t("Gem som ny matrix", "Save as a new matrix") : ctx.t("Gem matrix", "Save matrix"))))),
            back(ctx))
    }

    static func newRisk(_ ctx: PageContext, matrix: RiskMatrix, assets: [AssetName], measures: [MeasureTitle], asset: UUID?) -> Node<HTML.BodyContext> {
        .group(
            .form(.class("panel"), .attr("action", SiteURL.risks.path), .method(.post), .csrf(ctx.csrf),
                riskFields(ctx, nil, matrix: matrix, assets: assets, measures: measures, asset: asset),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Opret", "Create")))),
            .p(.link(ctx.t("Hele risikoregistret", "The whole risk register"), to: SiteURL.risks.path)))
    }

    static func riskTable(_ ctx: PageContext, _ risks: [ResilienceRepository.Risk], assetNames names: [UUID: String], caption: String? = nil) -> Node<HTML.BodyContext> {
        .table(
            .caption(.txt(caption ?? ctx.t("Risici, højeste restrisiko først", "Risks, highest residual risk first"))),
            .thead(.tr(.th(.txt(ctx.t("Risiko", "Risk"))), .th(.txt(ctx.t("Aktiv", "Asset"))), .th(.class("num"), .txt(ctx.t("Iboende", "Inherent"))),
                .th(.class("num"), .txt(ctx.t("Rest", "Residual"))), .th(.txt(ctx.t("Behandling", "Treatment"))), .th(.txt(ctx.t("Ejer", "Owner"))),
                .th(.txt(ctx.t("Frist", "Due"))), .th(.txt(ctx.t("Accepteret", "Accepted"))))),
            .tbody(.forEach(risks) { r in
                .tr(.td(.link(r.record.title, to: SiteURL.risk(r.id).path)),
                    .td(.txt(r.record.assetId.flatMap { names[$0] } ?? "–")),
                    levelCell(r.inherentLevel, max: r.maxLevel), levelCell(r.residualLevel, max: r.maxLevel),
                    .td(.txt(RegisterText.name(r.record.treatment, ctx.lang))), .td(.txt(r.record.owner)), .td(.txt(day(r.record.dueOn, ctx))),
                    .td(.txt(r.record.acceptedAt == nil ? "–" : ctx.t("ja", "yes"))))
            }))
    }

    static func scale(_ n: Int) -> [(value: String, label: String)] { (1...max(n, 1)).map { (String($0), String($0)) } }

    static func riskFields(
        _ ctx: PageContext, _ r: RiskRecord?, matrix: RiskMatrix, assets: [AssetName], measures: [MeasureTitle], asset: UUID? = nil
    ) -> Node<HTML.FormContext> {
        .group(
            .field(ctx.t("Scenarie", "Scenario"), name: "title", value: r?.title ?? "", required: true,
                hint: ctx.t("Fx »Medicinmodulet i hjemmeplejen er nede i et døgn«", "E.g. \"The home-care medicine module is down for a day\"")),
            .choice(ctx.t("Aktiv", "Asset"), name: "asset", options: [("", ctx.t("(intet)", "(none)"))] + assets.map { ($0.id.uuidString, $0.name) },
                selected: (r?.assetId ?? asset)?.uuidString ?? ""),
            .area(ctx.t("Trussel", "Threat"), name: "threat", value: r?.threat ?? "", rows: 2),
            .area(ctx.t("Sårbarhed", "Vulnerability"), name: "vulnerability", value: r?.vulnerability ?? "", rows: 2),
            .area(ctx.t("Konsekvens", "Consequence"), name: "consequence", value: r?.consequence ?? "", rows: 2),
            .choice(ctx.t("Iboende sandsynlighed", "Inherent likelihood"), name: "inherent_likelihood", options: scale(matrix.likelihoods), selected: String(r?.inherentLikelihood ?? 3)),
            .choice(ctx.t("Iboende konsekvens", "Inherent impact"), name: "inherent_impact", options: scale(matrix.impacts), selected: String(r?.inherentImpact ?? 3)),
            .choice(ctx.t("Rest-sandsynlighed", "Residual likelihood"), name: "residual_likelihood", options: scale(matrix.likelihoods), selected: String(r?.residualLikelihood ?? 2)),
            .choice(ctx.t("Restkonsekvens", "Residual impact"), name: "residual_impact", options: scale(matrix.impacts), selected: String(r?.residualImpact ?? 2)),
            .choice(ctx.t("Behandling", "Treatment"), name: "treatment", options: RegisterText.options(RiskRecord.treatments, ctx.lang), selected: r?.treatment ?? "reduce"),
            .field(ctx.t("Ejer", "Owner"), name: "owner", value: r?.owner ?? ""),
            .field(ctx.t("Frist", "Due date"), name: "due_on", type: "date", value: r?.dueOn ?? ""),
            .if(!measures.isEmpty, .checks(ctx.t("Foranstaltninger, der reducerer risikoen", "Measures that reduce the risk"), name: "measures",
                options: measures.map { ($0.id.uuidString, $0.title) }, checked: [])))
    }

    static func risk(
        _ ctx: PageContext, _ r: ResilienceRepository.Risk, matrix: ResilienceRepository.MatrixState, assets: [AssetName], measures: [MeasureTitle],
        acceptedBy: String?, canEdit: Bool, canAccept: Bool
    ) -> Node<HTML.BodyContext> {
        let linked = measures.filter { r.measureIds.contains($0.id) }
        return .group(
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Aktiv", "Asset"))), .dd(.txt(assets.first { $0.id == r.record.assetId }?.name ?? "–")),
                .dt(.txt(ctx.t("Iboende niveau", "Inherent level"))),
                .dd(.txt("\(r.inherentLevel) (\(ctx.t("sandsynlighed", "likelihood")) \(r.record.inherentLikelihood) × \(ctx.t("konsekvens", "impact")) \(r.record.inherentImpact))")),
                .dt(.txt(ctx.t("Restniveau", "Residual level"))),
                .dd(.txt("\(r.residualLevel) (\(ctx.t("sandsynlighed", "likelihood")) \(r.record.residualLikelihood) × \(ctx.t("konsekvens", "impact")) \(r.record.residualImpact))")),
                .dt(.txt(ctx.t("Behandling", "Treatment"))), .dd(.txt(RegisterText.name(r.record.treatment, ctx.lang))),
                .dt(.txt(ctx.t("Restrisiko accepteret", "Residual risk accepted"))),
                .dd(.txt(r.record.acceptedAt.map { ctx.t("af \(acceptedBy ?? "?") den \(IncidentViews.local($0, ctx.lang))", "by \(acceptedBy ?? "?") on \(IncidentViews.local($0, ctx.lang))") }
                    ?? ctx.t("nej", "no")))),
            .if(!r.record.threat.isEmpty, .p(.strong(.txt(ctx.t("Trussel: ", "Threat: "))), .txt(r.record.threat))),
            .if(!r.record.vulnerability.isEmpty, .p(.strong(.txt(ctx.t("Sårbarhed: ", "Vulnerability: "))), .txt(r.record.vulnerability))),
            .if(!r.record.consequence.isEmpty, .p(.strong(.txt(ctx.t("Konsekvens: ", "Consequence: "))), .txt(r.record.consequence))),
            .h2(.txt(ctx.t("Foranstaltninger", "Measures"))),
            linked.isEmpty ? .p(.txt("–")) : .ul(.forEach(linked) { m in .li(.link(m.title, to: SiteURL.measure(m.id).path)) }),
            .if(canAccept && r.record.acceptedAt == nil, .postButton(ctx.t("Acceptér restrisikoen (ledelsen)", "Accept the residual risk (management)"),
                action: SiteURL.riskAccept(r.id).path, csrf: ctx.csrf, style: "primary")),
            .if(!canAccept && r.record.acceptedAt == nil, .p(.class("hint"), .txt(ctx.t(
                "Kun et medlem af ledelsen kan acceptere restrisikoen.", "Only a member of the management body can accept the residual risk.")))),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.risk(r.id).path), .method(.post),
                .h2(.txt(ctx.t("Ret vurderingen", "Edit the assessment"))), .csrf(ctx.csrf),
                .p(.class("hint"), .txt(ctx.t("En ændret restrisiko eller behandling skal accepteres igen.", "A changed residual risk or treatment must be accepted again."))),
                riskFieldsChecked(ctx, r, matrix: matrix.matrix, assets: assets, measures: measures),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem", "Save"))))),
            .p(.link(ctx.t("Hele risikoregistret", "The whole risk register"), to: SiteURL.risks.path)))
    }

    static func riskFieldsChecked(_ ctx: PageContext, _ r: ResilienceRepository.Risk, matrix: RiskMatrix, assets: [AssetName], measures: [MeasureTitle]) -> Node<HTML.FormContext> {
        .group(
            riskFields(ctx, r.record, matrix: matrix, assets: assets, measures: []),
            .if(!measures.isEmpty, .checks(ctx.t("Foranstaltninger, der reducerer risikoen", "Measures that reduce the risk"), name: "measures",
                options: measures.map { ($0.id.uuidString, $0.title) }, checked: Set(r.measureIds.map(\.uuidString)))))
    }

    // MARK: Measures

    static func measures(_ ctx: PageContext, _ measures: [MeasureRecord], today: String, canEdit: Bool) -> Node<HTML.BodyContext> {
        let catalogue = MeasureCatalogue.bundled
        let byStatus = Dictionary(grouping: measures, by: \.status).mapValues(\.count)
        return .group(
            .p(.class("lead"), .txt(ctx.t(
                "Sikringsforanstaltningerne efter NIS2 art. 21, stk. 2, a–j, med henvisning til ISO/IEC 27001:2022 bilag A og gennemførelsesforordning (EU) 2024/2690. Ledelsen godkender.",
                "The security measures under NIS2 Art. 21(2) a–j, with references to ISO/IEC 27001:2022 Annex A and Implementing Regulation (EU) 2024/2690. Management approves."))),
            .p(.txt(MeasureRecord.statuses.map { "\(RegisterText.name($0, ctx.lang)): \(byStatus[$0] ?? 0)" }.joined(separator: " · "))),
            .table(
                .caption(.txt(ctx.t("Art. 21, stk. 2: dækning", "Art. 21(2): coverage"))),
                .thead(.tr(.th(.txt(ctx.t("Punkt", "Point"))), .th(.txt(ctx.t("Krav", "Requirement"))), .th(.txt(ctx.t("Foranstaltninger", "Measures"))))),
                .tbody(.forEach(catalogue.nis2Article21) { item in
                    let mine = measures.filter { m in
                        m.catalogueRef == "art21:\(item.id)" || item.iso27001.contains { "iso:\($0)" == m.catalogueRef }
                            || catalogue.regulation2024_2690.contains { $0.article21.contains(item.id) && "eu2690:\($0.id)" == m.catalogueRef }
                    }
                    return .tr(.td(.txt(item.id)), .td(.txt(ctx.t(item.da, item.en))),
                        .td(mine.isEmpty ? .strong(.txt(ctx.t("ingen", "none"))) : .ul(.class("plain"), .forEach(mine) { m in
                            .li(.link(m.title, to: SiteURL.measure(m.id).path), .txt(" – \(RegisterText.name(m.status, ctx.lang))"),
                                .if(m.approvedAt != nil, .txt(ctx.t(" · godkendt", " · approved"))),
                                .if(!m.reviewDue.isEmpty && m.reviewDue < today, .strong(.txt(ctx.t(" · gennemgang overskredet", " · review overdue")))))
                        })))
                })),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.measures.path), .method(.post),
                .h2(.txt(ctx.t("Ny foranstaltning", "New measure"))), .csrf(ctx.csrf),
                measureFields(ctx, nil),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Opret", "Create"))))),
            back(ctx))
    }

    static func catalogueOptions(_ ctx: PageContext) -> [(value: String, label: String)] {
        MeasureCatalogue.bundled.items.map { ($0.ref, "\($0.citation) – \(ctx.t($0.da, $0.en))") }
    }

    static func measureFields(_ ctx: PageContext, _ m: MeasureRecord?) -> Node<HTML.FormContext> {
        .group(
            .choice(ctx.t("Katalogpunkt", "Catalogue item"), name: "catalogue_ref", options: catalogueOptions(ctx), selected: m?.catalogueRef ?? "art21:a"),
            .field(ctx.t("Titel", "Title"), name: "title", value: m?.title ?? "", required: true),
            .area(ctx.t("Beskrivelse", "Description"), name: "description", value: m?.description ?? ""),
            .choice(ctx.t("Status", "Status"), name: "status", options: RegisterText.options(MeasureRecord.statuses, ctx.lang), selected: m?.status ?? "planned"),
            .field(ctx.t("Ejer", "Owner"), name: "owner", value: m?.owner ?? ""),
            .field(ctx.t("Link til dokumentation", "Link to evidence"), name: "evidence_link", type: "url", value: m?.evidenceLink ?? ""),
            .field(ctx.t("Næste gennemgang", "Next review"), name: "review_due", type: "date", value: m?.reviewDue ?? ""))
    }

    static func measure(
        _ ctx: PageContext, _ m: MeasureRecord, evidence: [EvidenceInfo], risks: [ResilienceRepository.Risk], approvedBy: String?, canEdit: Bool, canApprove: Bool
    ) -> Node<HTML.BodyContext> {
        let item = MeasureCatalogue.bundled.item(ref: m.catalogueRef)
        return .group(
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Katalogpunkt", "Catalogue item"))), .dd(.txt(item.map { "\($0.citation) – \(ctx.t($0.da, $0.en))" } ?? m.catalogueRef)),
                .dt(.txt(ctx.t("Status", "Status"))), .dd(.txt(RegisterText.name(m.status, ctx.lang))),
                .dt(.txt(ctx.t("Ejer", "Owner"))), .dd(.txt(m.owner.ifEmpty("–"))),
                .dt(.txt(ctx.t("Næste gennemgang", "Next review"))), .dd(.txt(day(m.reviewDue, ctx))),
                .dt(.txt(ctx.t("Godkendt af ledelsen", "Approved by management"))),
                .dd(.txt(m.approvedAt.map { ctx.t("af \(approvedBy ?? "?") den \(IncidentViews.local($0, ctx.lang))", "by \(approvedBy ?? "?") on \(IncidentViews.local($0, ctx.lang))") }
                    ?? ctx.t("nej", "no")))),
            .if(!m.description.isEmpty, .p(.txt(m.description))),
            .h2(.txt(ctx.t("Dokumentation", "Evidence"))),
            .ul(
                .if(!m.evidenceLink.isEmpty, .li(.a(.attr("href", m.evidenceLink), .attr("rel", "noopener noreferrer"), .txt(m.evidenceLink)))),
                .forEach(evidence) { e in .li(.link(e.filename, to: SiteURL.evidenceFile(e.id).path), .txt(" (\(e.size / 1024 + 1) kB)")) }),
            .if(m.evidenceLink.isEmpty && evidence.isEmpty, .p(.txt(ctx.t("Ingen dokumentation endnu.", "No evidence yet.")))),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.measureEvidence(m.id).path), .method(.post), .enctype(.multipartData),
                .csrf(ctx.csrf),
                .div(.class("field"), .label(.attr("for", "f-file"), .txt(ctx.t("Upload dokumentation (højst 20 MB)", "Upload evidence (at most 20 MB)"))),
                    .input(.type(.file), .attr("id", "f-file"), .attr("name", "file"), .attr("required", "required"))),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Upload", "Upload"))))),
            .h2(.txt(ctx.t("Risici, den reducerer", "Risks it reduces"))),
            risks.isEmpty ? .p(.txt("–")) : .ul(.forEach(risks) { r in .li(.link(r.record.title, to: SiteURL.risk(r.id).path)) }),
            .if(canApprove && m.approvedAt == nil, .postButton(ctx.t("Godkend (ledelsen)", "Approve (management)"), action: SiteURL.measureApprove(m.id).path,
                csrf: ctx.csrf, style: "primary")),
            .if(!canApprove && m.approvedAt == nil, .p(.class("hint"), .txt(ctx.t("Kun et medlem af ledelsen kan godkende.", "Only a member of the management body can approve.")))),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.measure(m.id).path), .method(.post),
                .h2(.txt(ctx.t("Ret foranstaltningen", "Edit the measure"))), .csrf(ctx.csrf),
                .p(.class("hint"), .txt(ctx.t("En ændret status, titel eller beskrivelse skal godkendes igen.", "A changed status, title or description must be approved again."))),
                measureFields(ctx, m),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem", "Save"))))),
            .p(.link(ctx.t("Alle foranstaltninger", "All measures"), to: SiteURL.measures.path)))
    }
}

extension String {
    func ifEmpty(_ fallback: String) -> String { isEmpty ? fallback : self }
}
