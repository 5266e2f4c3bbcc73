import Bindings
import Foundation
import Licensing
import Persistence
import Plot
import Resilience
import Tabular

/// Pages of Bindinger. Every analysis shows its number and the list behind it.
enum BindingsViews {
    typealias Body = Node<HTML.BodyContext>

    static func subnav(_ ctx: PageContext) -> Body {
        let items: [(SiteURL, String)] = [
            (.bindings, ctx.t("Overblik", "Overview")), (.bindingsGraph, ctx.t("Graf", "Graph")), (.bindingsSystems, ctx.t("Systemer", "Systems")),
            (.bindingsVendors, ctx.t("Leverandører", "Vendors")), (.bindingsContracts, ctx.t("Kontrakter og exitvinduer", "Contracts and exit windows")),
            (.bindingsLockIn, ctx.t("Indlåsning", "Lock-in")), (.bindingsImpact, ctx.t("Konsekvens", "Impact")), (.bindingsWhatIf, ctx.t("Hvad nu hvis", "What if")),
            (.bindingsOfficeMove, ctx.t("Kontorpakke", "Office suite")), (.bindingsExitPlans, ctx.t("Exitplaner", "Exit plans")),
            (.bindingsImport, ctx.t("Import og eksport", "Import and export")),
        ]
        return .nav(.class("subnav"), .attr("aria-label", ctx.t("Bindinger-områder", "Bindings areas")), .ul(.forEach(items) { url, text in
            .li(ctx.path == url.path ? .a(.attr("href", url.path), .attr("aria-current", "page"), .txt(text)) : .link(text, to: url.path))
        }))
    }

    static func level(_ l: LockInScore.Level, _ ctx: PageContext) -> Node<HTML.TableRowContext> {
        .td(.class("level-\(l.rawValue)"), .txt(BindingsText.name(l.rawValue, ctx.lang)))
    }

    static func targetLink(_ s: BindingsSnapshot, _ t: Target) -> Body {
        .link(s.graph.name(of: t), to: SiteURL.bindingsImpact.path + "?maal=" + TargetParam.string(t))
    }

    static func usageName(_ s: BindingsSnapshot, _ id: UUID) -> String { s.graph.usage(id)?.name ?? "?" }

    static func weightsNote(_ ctx: PageContext) -> Body {
        .p(.class("hint"), .txt(ctx.t(
            "Scoren er 0 (fri) til 4 (låst) pr. dimension. Først gælder gulvene (fx forretningskritiske data uden testet åben eksport giver rød), derefter vægtene bindinger 35 %, udbredelse 15 %, kontraktstivhed 20 %, dataportabilitet 20 %, jurisdiktion 10 %. Vægtene er et første forslag – kommunerne bør drøfte dem.",
            "Each dimension scores 0 (free) to 4 (locked). Floors come first (e.g. business-critical data without a tested open export is red), then the weights bindings 35 %, breadth 15 %, contract rigidity 20 %, data portability 20 %, jurisdiction 10 %. The weights are a first proposal – municipalities should discuss them.")))
    }

    // MARK: Overview

    static func overview(_ ctx: PageContext, _ s: BindingsSnapshot, _ o: BindingsOverview, now: Date, canEdit: Bool, lastRun: Date?) -> Body {
        let l = s.landscape
        let (quality, concentration, windows, keystones) = (o.quality, o.concentration, o.windows, o.keystones)
        let top = o.vendorScores.map { ($0.name, $0.score) }
        let keystoneItems: [Node<HTML.ListContext>] = keystones.map { k in
            let count: String = ctx.t(": \(k.hard) hårde bindinger", ": \(k.hard) hard bindings")
            return .li(targetLink(s, .component(k.component.id)), .txt(count))
        }
        let keystoneList: Body = keystones.isEmpty ? .p(.txt(ctx.t("Ingen.", "None."))) : .ul(.group(keystoneItems))
        return .group(
            .p(.class("lead"), .txt(ctx.t(
                "Hvor leverandørerne har bundet kommunen – på tværs af administrative processer, fagsystemer og sikkerhedsløsninger – hvor hårdt, og hvornår der er en chance for at komme ud.",
                "Where vendors have bound the municipality – across administrative processes, line-of-business systems and security solutions – how hard, and when there is a chance to get out."))),
            subnav(ctx),
            l.usages.isEmpty && l.bindings.isEmpty
                ? .emptyState(ctx.t("Ingen systemer endnu", "No systems yet"), ctx.t(
                    "Importér kommunens systemer og kontrakter fra KITOS (gemte JSON-filer) eller et regneark (CSV) under Import og eksport – eller registrér dem i NIS2-aktivregistret, som Bindinger deler.",
                    "Import the municipality's systems and contracts from KITOS (saved JSON files) or a spreadsheet (CSV) under Import and export – or register them in the NIS2 asset inventory, which Bindings shares."))
                : .empty,
            .div(.class("cards"),
                .div(.class("card"), .h2(.txt(ctx.t("Registret", "The register"))),
                    .p(.class("big"), .txt("\(l.bindings.count) " + ctx.t("bindinger", "bindings"))),
                    .p(.txt(ctx.t("\(l.usages.filter { $0.kind == .system }.count) systemer, \(l.usages.filter { $0.kind == .process }.count) processer, \(l.vendors.count) leverandører, \(s.contracts.count) kontrakter",
                        "\(l.usages.filter { $0.kind == .system }.count) systems, \(l.usages.filter { $0.kind == .process }.count) processes, \(l.vendors.count) vendors, \(s.contracts.count) contracts")))),
                .div(.class("card"), .h2(.txt(ctx.t("Hårde bindinger", "Hard bindings"))),
                    .p(.class("big"), .txt(String(l.bindings.filter { $0.strength == .hard }.count))),
                    .p(.txt(ctx.t("heraf uden alternativ: \(l.bindings.filter { $0.strength == .hard && $0.substitutability == .none }.count)",
                        "of which with no alternative: \(l.bindings.filter { $0.strength == .hard && $0.substitutability == .none }.count)")))),
                .div(.class("card"), .h2(.txt(ctx.t("Næste exitvindue", "Next exit window"))),
                    windows.first.map { w in .group(
                        .p(.class("big"), .txt(RegisterViews.day(CalendarDay.string(w.window.noticeBy), ctx))),
                        .p(.link(w.contract.name, to: SiteURL.bindingsContract(w.contract.id).path),
                           .txt(ctx.t(" – opsig senest denne dag; \(w.bindings.count) bindinger kan fjernes.", " – give notice by this day; \(w.bindings.count) bindings could go."))))
                    } ?? .p(.txt(ctx.t("Ingen inden for 12 måneder.", "None within 12 months."))))
            ),
            .h2(.txt(ctx.t("Indlåsning pr. leverandør", "Lock-in per vendor"))),
            top.isEmpty ? .p(.txt(ctx.t("Ingen bindinger registreret.", "No bindings registered."))) : lockInTable(ctx, s, top.map { ($0.0, $0.1) }),
            weightsNote(ctx),
            .p(.link(ctx.t("Alle scorer, pr. produkt og komponent", "All scores, per product and component"), to: SiteURL.bindingsLockIn.path),
               .txt(lastRun.map { ctx.t(" · sidst gemt ", " · last saved ") + DateText.format($0, lang: ctx.lang) } ?? "")),
            .h2(.txt(ctx.t("Koncentration", "Concentration"))),
            concentrationTable(ctx, s, concentration),
            .h2(.txt(ctx.t("Nøglekomponenter", "Keystone components"))),
            .p(.class("hint"), .txt(ctx.t("Komponenter med mindst tre hårde bindinger ind – identitet, mail, fillager.",
                "Components with at least three hard bindings in – identity, mail, file store."))),
            keystoneList,
            .h2(.txt(ctx.t("Datakvalitet", "Data quality"))),
            qualityList(ctx, s, quality)
        )
    }

    static func lockInTable(_ ctx: PageContext, _ s: BindingsSnapshot, _ rows: [(String, LockInScore)]) -> Body {
        .table(
            .caption(.txt(ctx.t("Indlåsning (0 fri – 4 låst)", "Lock-in (0 free – 4 locked)"))),
            .thead(.tr(.th(.txt(ctx.t("Hvad", "What"))), .th(.txt(ctx.t("Niveau", "Level"))), .th(.class("num"), .txt(ctx.t("Samlet", "Total"))),
                .forEach(LockInScore.Dimension.allCases) { .th(.class("num"), .txt(BindingsText.name($0.rawValue, ctx.lang))) },
                .th(.txt(ctx.t("Gulv", "Floors"))))),
            .tbody(.forEach(rows) { name, score in
                .tr(.td(targetLink(s, score.target)), level(score.level, ctx), .td(.class("num"), .txt(BindingsText.score(score.total, ctx.lang))),
                    .forEach(LockInScore.Dimension.allCases) { .td(.class("num"), .txt(String(score.dimensions[$0] ?? 0))) },
                    .td(.txt(score.floors.isEmpty ? "–" : String(score.floors.count))))
            }))
    }

    static func concentrationTable(_ ctx: PageContext, _ s: BindingsSnapshot, _ c: Concentration) -> Body {
        c.rows.isEmpty ? .p(.txt(ctx.t("Ingen leverandører med bindinger eller kontrakter.", "No vendors with bindings or contracts."))) : .table(
            .caption(.txt(ctx.t("Andel pr. leverandørkoncern", "Share per vendor group"))),
            .thead(.tr(.th(.txt(ctx.t("Leverandør", "Vendor"))), .th(.class("num"), .txt(ctx.t("Kritiske systemer", "Critical systems"))),
                .th(.class("num"), .txt(ctx.t("Brugere", "Users"))), .th(.class("num"), .txt(ctx.t("Årligt forbrug", "Annual spend"))),
                .th(.txt(ctx.t("De kritiske", "The critical ones"))))),
            .tbody(.forEach(c.rows) { r in
                .tr(.td(.link(r.vendor.name, to: SiteURL.bindingsVendor(r.vendor.id).path)),
                    .td(.class("num"), .txt("\(r.criticalUsages.count) / \(c.criticalTotal) (\(BindingsText.percent(r.criticalShare, ctx.lang)))")),
                    .td(.class("num"), .txt("\(r.users) (\(BindingsText.percent(r.userShare, ctx.lang)))")),
                    .td(.class("num"), .txt("\(BindingsText.kroner(r.annualSpend, ctx.lang)) (\(BindingsText.percent(r.spendShare, ctx.lang)))")),
                    .td(.txt(r.criticalUsages.map { usageName(s, $0) }.joined(separator: ", ").ifEmpty("–"))))
            }))
    }

    static func qualityList(_ ctx: PageContext, _ s: BindingsSnapshot, _ q: DataQuality) -> Body {
        .group(
            .details(.summary(.txt(ctx.t("Systemer uden kontrakt: \(q.usagesWithoutContract.count)", "Systems without a contract: \(q.usagesWithoutContract.count)"))),
                .ul(.forEach(q.usagesWithoutContract) { .li(.link($0.name, to: SiteURL.bindingsSystem($0.id).path)) })),
            .details(.summary(.txt(ctx.t("Kontrakter uden datoer: \(q.contractsWithoutDates.count)", "Contracts without dates: \(q.contractsWithoutDates.count)"))),
                .ul(.forEach(q.contractsWithoutDates) { .li(.link($0.name, to: SiteURL.bindingsContract($0.id).path)) })),
            .details(.summary(.txt(ctx.t("Bindinger, ingen har verificeret: \(q.bindingsNeverVerified.count)", "Bindings nobody has verified: \(q.bindingsNeverVerified.count)"))),
                .ul(.forEach(q.bindingsNeverVerified.prefix(500)) { b in
                    .li(.link(usageName(s, b.from), to: SiteURL.bindingsSystem(b.from).path), .txt(" → " + s.graph.name(of: b.to)))
                })))
    }

    // MARK: Graph

    static func graph(_ ctx: PageContext, _ s: BindingsSnapshot, filter: BindingsGraphSVG.Filter) -> Body {
        let l = s.landscape
        let shown = BindingsGraphSVG.shown(s.graph, filter)
        let drawn = BindingsGraphSVG.render(s.graph, bindings: shown, filter: filter, lang: ctx.lang, titleText: ctx.t("Bindingsgraf", "Bindings graph"))
        let departments = Array(Set(l.usages.flatMap(\.departments))).sorted()
        let targets = s.scoredTargets.filter { if case .vendor = $0.target { false } else { true } }
        let all = ctx.t("alle", "all")
        let vendorOptions: [(value: String, label: String)] = [("", all)] + s.landscape.vendors.sorted { $0.name < $1.name }.map { ($0.id.uuidString, $0.name) }
        let targetOptions: [(value: String, label: String)] = [("", all)] + targets.map { (TargetParam.string($0.target), s.graph.name(of: $0.target)) }.sorted { $0.1 < $1.1 }
        let departmentOptions: [(value: String, label: String)] = [("", all)] + departments.map { ($0, $0) }
        let strengthOptions: [(value: String, label: String)] = Strength.allCases.map { ($0.rawValue, BindingsText.short($0, ctx.lang)) }
        let form: Body = .form(.class("filters"), .method(.get), .attr("action", SiteURL.bindingsGraph.path),
            .choice(ctx.t("Leverandør", "Vendor"), name: "leverandoer", options: vendorOptions, selected: filter.vendor?.uuidString ?? ""),
            .choice(ctx.t("Produkt eller komponent", "Product or component"), name: "maal", options: targetOptions, selected: filter.target.map(TargetParam.string) ?? ""),
            .choice(ctx.t("Afdeling", "Department"), name: "afdeling", options: departmentOptions, selected: filter.department ?? ""),
            .choice(ctx.t("Mindst", "At least"), name: "styrke", options: strengthOptions, selected: filter.minimum.rawValue),
            .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Vis", "Show"))))
        return .group(
            subnav(ctx),
            form,
            .p(.txt(ctx.t("\(drawn.nodes) knuder og \(drawn.edges) forbindelser.", "\(drawn.nodes) nodes and \(drawn.edges) edges."))),
            .div(.class("legend"),
                .span(.txt(ctx.t("Rød, fuld streg: hård", "Red, solid: hard"))), .span(.txt(ctx.t("Orange, stiplet: forringet", "Orange, dashed: degraded"))),
                .span(.txt(ctx.t("Grå, prikket: bekvemmelighed", "Grey, dotted: convenience"))), .span(.txt(ctx.t("Klik på en knude for detaljer.", "Click a node for details.")))),
            drawn.edges == 0 ? .emptyState(ctx.t("Intet at vise", "Nothing to show"), ctx.t("Ingen bindinger passer til filteret.", "No bindings match the filter."))
                : .div(.class("graph-wrap"), .raw(drawn.svg)),
            .h2(.txt(ctx.t("Grafen som tabel", "The graph as a table"))),
            shown.count <= 300 ? bindingsTable(ctx, s, shown, showSystem: true) : .p(.txt(ctx.t(
                "\(shown.count) bindinger – for mange til en tabel her. Afgræns med filtrene, eller hent dem alle som regneark: ",
                "\(shown.count) bindings – too many for a table here. Narrow them with the filters, or download them all as a spreadsheet: ")),
                .link(BindingsCSV.Kind.bindings.fileName, to: SiteURL.bindingsExport(BindingsCSV.Kind.bindings.fileName).path))
        )
    }

    static func bindingsTable(_ ctx: PageContext, _ s: BindingsSnapshot, _ bindings: [Binding], showSystem: Bool, actions: ((Binding) -> Body)? = nil,
                              verifiers: [UUID: String] = [:]) -> Body {
        let rows = bindings.sorted { ($0.strength, s.graph.name(of: $1.to)) > ($1.strength, s.graph.name(of: $0.to)) }.prefix(1000)
        return .table(
            .thead(.tr(
                .if(showSystem, .th(.txt(ctx.t("System/proces", "System/process")))), .th(.txt(ctx.t("Bundet til", "Bound to"))), .th(.txt(ctx.t("Type", "Type"))),
                .th(.txt(ctx.t("Område", "Scope"))), .th(.txt(ctx.t("Styrke", "Strength"))), .th(.txt(ctx.t("Alternativ", "Alternative"))),
                .th(.txt(ctx.t("Funktioner", "Functions"))), .th(.txt(ctx.t("Omvej", "Workaround"))), .th(.class("num"), .txt(ctx.t("Pris at fjerne", "Cost to remove"))),
                .th(.txt(ctx.t("Verificeret", "Verified"))), .if(actions != nil, .th(.txt(ctx.t("Handling", "Action")))))),
            .tbody(.forEach(Array(rows)) { b in
                .tr(.if(showSystem, .td(.link(usageName(s, b.from), to: SiteURL.bindingsSystem(b.from).path))), .td(targetLink(s, b.to)),
                    .td(.txt(BindingsText.name(b.type.rawValue, ctx.lang))), .td(.txt(BindingsText.name(b.scope.rawValue, ctx.lang))),
                    .td(.txt(BindingsText.short(b.strength, ctx.lang))), .td(.txt(BindingsText.name(b.substitutability.rawValue, ctx.lang))),
                    .td(.txt(b.functions.joined(separator: "; ").ifEmpty("–"))), .td(.txt(b.workaround.ifEmpty("–"))),
                    .td(.class("num"), .txt(b.removalCost.map { BindingsText.kroner($0, ctx.lang) } ?? "–")),
                    .td(.txt(b.verifiedAt.map { DateText.format($0, lang: ctx.lang) + (b.verifiedBy.flatMap { verifiers[$0] }.map { " (\($0))" } ?? "") }
                        ?? ctx.t("nej", "no"))),
                    .if(actions != nil, .td(actions?(b) ?? .empty)))
            }))
    }

    // MARK: Impact (blast radius + lock-in) of one target

    static func impactChooser(_ ctx: PageContext, _ s: BindingsSnapshot, selected: Target?) -> Body {
        .group(
            subnav(ctx),
            .p(.class("lead"), .txt(ctx.t("Vælg en leverandør, et produkt eller en komponent for at se, hvad der rammes, hvis den fjernes – og hvor låst kommunen er til den.",
                "Choose a vendor, product or component to see what is hit if it is removed – and how locked in the municipality is."))),
            .form(.class("filters"), .method(.get), .attr("action", SiteURL.bindingsImpact.path),
                .choice(ctx.t("Fjern", "Remove"), name: "maal", options: s.scoredTargets.map { (TargetParam.string($0.target), s.graph.name(of: $0.target)) }.sorted { $0.1 < $1.1 },
                    selected: selected.map(TargetParam.string)),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Vis konsekvens", "Show impact")))))
    }

    static func impact(_ ctx: PageContext, _ s: BindingsSnapshot, target: Target, radius: BlastRadius, score: LockInScore, history: [LockInSnapshot]) -> Body {
        .group(
            impactChooser(ctx, s, selected: target),
            .h2(.txt(ctx.t("Hvad rammes (rækkevidde)", "What is hit (blast radius)"))),
            .div(.class("cards"),
                .div(.class("card"), .h2(.txt(ctx.t("Holder op med at virke", "Stops working"))), .p(.class("big"), .txt(String(radius.count(.hard)))),
                    .p(.txt(ctx.t("\(radius.users[.hard] ?? 0) brugere", "\(radius.users[.hard] ?? 0) users")))),
                .div(.class("card"), .h2(.txt(ctx.t("Virker med tab", "Works with loss"))), .p(.class("big"), .txt(String(radius.count(.degraded)))),
                    .p(.txt(ctx.t("\(radius.users[.degraded] ?? 0) brugere", "\(radius.users[.degraded] ?? 0) users")))),
                .div(.class("card"), .h2(.txt(ctx.t("Bindinger nået", "Bindings reached"))), .p(.class("big"), .txt(String(radius.bindings.count))),
                    .p(.txt(ctx.t("Afdelinger: ", "Departments: ") + radius.departments.joined(separator: ", ").ifEmpty("–"))))),
            radius.affected.isEmpty ? .p(.txt(ctx.t("Intet er bundet hertil.", "Nothing is bound to it."))) : .table(
                .caption(.txt(ctx.t("Systemer og processer, der rammes", "Systems and processes hit"))),
                .thead(.tr(.th(.txt(ctx.t("Navn", "Name"))), .th(.txt(ctx.t("Type", "Kind"))), .th(.txt(ctx.t("Rammes", "Hit"))),
                    .th(.txt(ctx.t("Hvordan", "How"))), .th(.class("num"), .txt(ctx.t("Brugere", "Users"))), .th(.txt(ctx.t("Afdelinger", "Departments"))))),
                .tbody(.forEach(radius.affected) { a in
                    .tr(.td(.link(a.usage.name, to: SiteURL.bindingsSystem(a.usage.id).path)), .td(.txt(RegisterText.name(a.usage.kind.rawValue, ctx.lang))),
                        .td(.txt(BindingsText.short(a.strength, ctx.lang))),
                        .td(.txt(a.isDirect ? ctx.t("bundet direkte", "bound directly") : ctx.t("via ", "through ") + usageName(s, a.through!))),
                        .td(.class("num"), .txt(String(a.usage.users))), .td(.txt(a.usage.departments.joined(separator: ", ").ifEmpty("–"))))
                })),
            .p(.link(ctx.t("Lav en exitplan for dette", "Make an exit plan for this"), to: SiteURL.bindingsExitPlans.path + "?maal=" + TargetParam.string(target)),
               .txt(" · "), .link(ctx.t("Sammenlign scenarier", "Compare scenarios"), to: SiteURL.bindingsWhatIf.path + "?s1=" + TargetParam.string(target)),
               .txt(" · "), .link(ctx.t("Vis i grafen", "Show in the graph"), to: SiteURL.bindingsGraph.path + "?maal=" + TargetParam.string(target))),
            lockInDetail(ctx, s, score, history: history)
        )
    }

    static func lockInDetail(_ ctx: PageContext, _ s: BindingsSnapshot, _ score: LockInScore, history: [LockInSnapshot]) -> Body {
        let bindings = Dictionary(s.landscape.bindings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let contributions = Array(score.contributions.sorted { $0.value > $1.value }.prefix(15))
        let heading: Body = .h2(.txt(ctx.t("Indlåsning: ", "Lock-in: ") + BindingsText.name(score.level.rawValue, ctx.lang) + " (" + BindingsText.score(score.total, ctx.lang) + ")"))
        let floors: Body = .if(!score.floors.isEmpty, .div(.class("flash warn"), .attribute(named: "role", value: "note"),
            .p(.strong(.txt(ctx.t("Gulve, der bestemmer niveauet:", "Floors that set the level:")))), .ul(.forEach(score.floors) { .li(.txt($0)) })))
        let dimensionRows: [Node<HTML.TableContext>] = [
            .thead(.tr(.th(.txt(ctx.t("Dimension", "Dimension"))), .th(.class("num"), .txt(ctx.t("Score", "Score"))), .th(.class("num"), .txt(ctx.t("Vægt", "Weight"))),
                .th(.txt(ctx.t("Hvorfor", "Why"))))),
            .tbody(.forEach(LockInScore.Dimension.allCases) { d in
                let reasons: Node<HTML.TableRowContext> = .td(.ul(.class("plain"), .forEach(score.reasons[d] ?? []) { .li(.txt($0)) }))
                return .tr(.td(.txt(BindingsText.name(d.rawValue, ctx.lang))), .td(.class("num"), .txt(String(score.dimensions[d] ?? 0))),
                    .td(.class("num"), .txt("\(Int(d.weight * 100)) %")), reasons)
            }),
        ]
        let contributionRows: [Node<HTML.TableContext>] = [
            .thead(.tr(.th(.txt(ctx.t("System", "System"))), .th(.txt(ctx.t("Bundet til", "Bound to"))), .th(.class("num"), .txt(ctx.t("Bidrag", "Contribution"))))),
            .tbody(.forEach(contributions) { c in
                let b = bindings[c.binding]
                return .tr(.td(.txt(b.map { usageName(s, $0.from) } ?? "?")), .td(.txt(b.map { s.graph.name(of: $0.to) } ?? "?")),
                    .td(.class("num"), .txt(BindingsText.score(c.value, ctx.lang))))
            }),
        ]
        let historyRows: [Node<HTML.TableContext>] = [
            .thead(.tr(.th(.txt(ctx.t("Målt", "Measured"))), .th(.txt(ctx.t("Niveau", "Level"))), .th(.class("num"), .txt(ctx.t("Samlet", "Total"))))),
            .tbody(.forEach(history) { h in
                .tr(.td(.txt(DateText.format(h.takenAt, lang: ctx.lang))), level(LockInScore.Level(rawValue: h.level) ?? .green, ctx),
                    .td(.class("num"), .txt(BindingsText.score(h.total, ctx.lang))))
            }),
        ]
        let trend: Body = history.isEmpty ? .p(.txt(ctx.t("Ingen gemte målinger endnu.", "No saved measurements yet."))) : .table(.group(historyRows))
        let behind: Body = .if(!contributions.isEmpty, .details(.summary(.txt(ctx.t("Bindingerne bag scoren", "The bindings behind the score"))), .table(.group(contributionRows))))
        return .group(heading, floors, .table(.group(dimensionRows)), weightsNote(ctx), behind, .h3(.txt(ctx.t("Udvikling", "Trend"))), trend)
    }

    static func lockIn(_ ctx: PageContext, _ s: BindingsSnapshot, scores: [(name: String, score: LockInScore)], lastRun: Date?) -> Body {
        .group(
            subnav(ctx),
            .p(.class("lead"), .txt(ctx.t("Indlåsning pr. leverandør, produkt og komponent, beregnet nu. Gem en måling for at følge udviklingen over tid.",
                "Lock-in per vendor, product and component, computed now. Save a measurement to follow the trend over time."))),
            .postButton(ctx.t("Gem måling nu", "Save measurement now"), action: SiteURL.bindingsLockIn.path, csrf: ctx.csrf, style: "primary"),
            .p(.class("hint"), .txt(lastRun.map { ctx.t("Sidst gemt ", "Last saved ") + DateText.format($0, lang: ctx.lang) } ?? ctx.t("Ingen målinger gemt.", "No measurements saved."))),
            scores.isEmpty ? .p(.txt(ctx.t("Ingen bindinger registreret.", "No bindings registered."))) : lockInTable(ctx, s, scores.map { ($0.name, $0.score) }),
            weightsNote(ctx))
    }

    // MARK: Vendors

    static func vendorForm(_ ctx: PageContext, _ s: BindingsSnapshot, vendor: Vendor?, action: String) -> Body {
        let parents = s.landscape.vendors.filter { $0.id != vendor?.id }.sorted { $0.name < $1.name }
        return .form(.class("panel"), .attr("action", action), .method(.post), .csrf(ctx.csrf),
            .h2(.txt(vendor == nil ? ctx.t("Ny leverandør", "New vendor") : ctx.t("Ret leverandør", "Edit vendor"))),
            .field(ctx.t("Navn", "Name"), name: "name", value: vendor?.name ?? "", required: true),
            .field(ctx.t("CVR-nummer eller udenlandsk id", "CVR number or foreign id"), name: "cvr", value: vendor?.cvr ?? ""),
            .field(ctx.t("Land (to bogstaver)", "Country (two letters)"), name: "country", value: vendor?.country ?? "DK", required: true,
                hint: ctx.t("ISO 3166, fx DK, IE, US", "ISO 3166, e.g. DK, IE, US")),
            .choice(ctx.t("Ultimativt moderselskab", "Ultimate parent"), name: "parent_id", options: [("", "–")] + parents.map { ($0.id.uuidString, $0.name) },
                selected: vendor?.parentID?.uuidString ?? ""),
            .label(.class("check"), .input(.type(.checkbox), .attr("name", "non_eu_compellable"), .attr("value", "1"), .attr("id", "c-nonEU"),
                vendor?.nonEUCompellable == true ? .attr("checked", "checked") : .attr("data-unchecked", "1")),
                .txt(ctx.t("Lovgivning uden for EU kan tvinge adgang til data (fx US CLOUD Act)", "Non-EU law can compel access to data (e.g. US CLOUD Act)"))),
            .label(.class("check"), .input(.type(.checkbox), .attr("name", "open_source"), .attr("value", "1"), .attr("id", "c-oss"),
                vendor?.openSource == true ? .attr("checked", "checked") : .attr("data-unchecked", "1")),
                .txt(ctx.t("Open source-leverandør", "Open-source vendor"))),
            .p(.button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem", "Save")))))
    }

    static func vendors(_ ctx: PageContext, _ s: BindingsSnapshot, canEdit: Bool) -> Body {
        let l = s.landscape
        let names = Dictionary(l.vendors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return .group(
            subnav(ctx),
            l.vendors.isEmpty ? .emptyState(ctx.t("Ingen leverandører", "No vendors"), ctx.t("Importér fra KITOS eller opret dem her.", "Import from KITOS or create them here."))
                : .table(
                    .thead(.tr(.th(.txt(ctx.t("Leverandør", "Vendor"))), .th(.txt(ctx.t("Land", "Country"))), .th(.txt(ctx.t("Moderselskab", "Parent"))),
                        .th(.txt(ctx.t("Ikke-EU-adgang", "Non-EU access"))), .th(.txt("Open source")), .th(.class("num"), .txt(ctx.t("Bindinger", "Bindings"))))),
                    .tbody(.forEach(l.vendors.sorted { $0.name < $1.name }) { v in
                        .tr(.td(.link(v.name, to: SiteURL.bindingsVendor(v.id).path)), .td(.txt(v.country.ifEmpty("?"))),
                            .td(.txt(v.parentID.flatMap { names[$0] } ?? "–")), .td(.txt(v.nonEUCompellable ? ctx.t("ja", "yes") : ctx.t("nej", "no"))),
                            .td(.txt(v.openSource ? ctx.t("ja", "yes") : ctx.t("nej", "no"))),
                            .td(.class("num"), .txt(String(s.graph.blastRadius(of: .vendor(v.id)).bindings.count))))
                    })),
            .if(canEdit, vendorForm(ctx, s, vendor: nil, action: SiteURL.bindingsVendors.path)))
    }

    static func vendor(_ ctx: PageContext, _ s: BindingsSnapshot, vendor v: Vendor, score: LockInScore, roles: [VendorRoleRecord], history: [LockInSnapshot],
                       canEdit: Bool) -> Body {
        let l = s.landscape
        let products = l.products.filter { $0.vendorID == v.id }.sorted { $0.name < $1.name }
        let subsidiaries = l.vendors.filter { $0.parentID == v.id }
        let myRoles = roles.filter { $0.vendorID == v.id }
        let contracts = s.contracts.filter { $0.vendorID == v.id }
        let deliveries: [(value: String, label: String)] = [("", "–")] + BindingsRepository.ProductFacts.deliveries.map { ($0, BindingsText.name($0, ctx.lang)) }
        let licences: [(value: String, label: String)] = [("", "–")] + BindingsRepository.ProductFacts.licences.map { ($0, BindingsText.name($0, ctx.lang)) }
        let productForm: Body = .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.bindingsVendorProducts(v.id).path), .method(.post), .csrf(ctx.csrf),
                .h3(.txt(ctx.t("Nyt produkt", "New product"))),
                .field(ctx.t("Navn", "Name"), name: "name", required: true),
                .field(ctx.t("Kategori", "Category"), name: "category", hint: ctx.t("fx office suite, identity, ESDH, fagsystem, security, BI, hosting",
                    "e.g. office suite, identity, ESDH, fagsystem, security, BI, hosting")),
                .choice(ctx.t("Levering", "Delivery"), name: "delivery", options: deliveries),
                .choice(ctx.t("Licens", "Licence"), name: "licence", options: licences),
                .field(ctx.t("Åbne standarder", "Open standards"), name: "open_standards", hint: ctx.t("Adskilt af komma, fx ODF, PDF/A, IMAP, SAML2, OIDC, SCIM",
                    "Comma-separated, e.g. ODF, PDF/A, IMAP, SAML2, OIDC, SCIM")),
                .field(ctx.t("Dokumenterede eksportformater", "Documented export formats"), name: "export_formats", hint: ctx.t("Adskilt af komma", "Comma-separated")),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Tilføj produkt", "Add product")))))
        return .group(
            subnav(ctx),
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Land", "Country"))), .dd(.txt(v.country.ifEmpty("?"))),
                .dt(.txt("CVR")), .dd(.txt(v.cvr.ifEmpty("–"))),
                .dt(.txt(ctx.t("Moderselskab", "Parent"))), .dd(v.parentID.flatMap { p in l.vendors.first { $0.id == p } }.map { .link($0.name, to: SiteURL.bindingsVendor($0.id).path) } ?? .txt("–")),
                .dt(.txt(ctx.t("Datterselskaber", "Subsidiaries"))), .dd(.txt(subsidiaries.map(\.name).joined(separator: ", ").ifEmpty("–"))),
                .dt(.txt(ctx.t("Ikke-EU-adgang", "Non-EU access"))), .dd(.txt(v.nonEUCompellable ? ctx.t("ja – lovgivning uden for EU kan tvinge adgang", "yes – non-EU law can compel access") : ctx.t("nej", "no"))),
                .dt(.txt("Open source")), .dd(.txt(v.openSource ? ctx.t("ja", "yes") : ctx.t("nej", "no"))),
                .dt(.txt(ctx.t("Roller", "Roles"))), .dd(.txt(Array(Set(myRoles.map { BindingsText.name($0.role.rawValue, ctx.lang) })).sorted().joined(separator: ", ").ifEmpty("–")))),
            .p(.link(ctx.t("Hvad rammes, hvis leverandøren forsvinder?", "What is hit if the vendor goes?"), to: SiteURL.bindingsImpact.path + "?maal=" + TargetParam.string(.vendor(v.id)))),
            .h2(.txt(ctx.t("Produkter og komponenter", "Products and components"))),
            products.isEmpty ? .p(.txt(ctx.t("Ingen registreret.", "None registered."))) : .ul(.forEach(products) { p in
                .li(targetLink(s, .product(p.id)), .txt(productFacts(ctx, p)),
                    .ul(.forEach(l.components.filter { $0.productID == p.id }.sorted { $0.name < $1.name }) { c in .li(targetLink(s, .component(c.id))) }),
                    .if(canEdit, .form(.class("inline"), .attr("action", SiteURL.bindingsProductComponents(p.id).path), .method(.post), .csrf(ctx.csrf),
                        .label(.attr("for", "comp-\(p.id)"), .txt(ctx.t("Ny komponent", "New component"))),
                        .input(.type(.text), .attr("id", "comp-\(p.id)"), .attr("name", "name"), .attr("required", "required")),
                        .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Tilføj", "Add"))))))
            }),
            productForm,
            .h2(.txt(ctx.t("Kontrakter", "Contracts"))),
            contracts.isEmpty ? .p(.txt(ctx.t("Ingen.", "None."))) : .ul(.forEach(contracts) { .li(.link($0.name, to: SiteURL.bindingsContract($0.id).path)) }),
            lockInDetail(ctx, s, score, history: history),
            .if(canEdit, vendorForm(ctx, s, vendor: v, action: SiteURL.bindingsVendor(v.id).path)))
    }

    /// " (office suite · SaaS · proprietær · åbne standarder: ODF, PDF/A · eksport: CSV)".
    static func productFacts(_ ctx: PageContext, _ p: Bindings.Product) -> String {
        var parts: [String] = []
        if !p.category.isEmpty { parts.append(p.category) }
        if !p.delivery.isEmpty { parts.append(BindingsText.name(p.delivery, ctx.lang)) }
        if !p.licence.isEmpty { parts.append(BindingsText.name(p.licence, ctx.lang)) }
        if !p.openStandards.isEmpty { parts.append(ctx.t("åbne standarder: ", "open standards: ") + p.openStandards.joined(separator: ", ")) }
        if !p.exportFormats.isEmpty { parts.append(ctx.t("eksport: ", "export: ") + p.exportFormats.joined(separator: ", ")) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: " · ") + ")"
    }

    // MARK: Systems

    static func systems(_ ctx: PageContext, _ s: BindingsSnapshot) -> Body {
        let l = s.landscape
        let bound = Dictionary(grouping: l.bindings, by: \.from)
        let covered = Set(s.contracts.flatMap(\.usages))
        return .group(
            subnav(ctx),
            .p(.class("lead"), .txt(ctx.t("Systemer og processer fra det fælles aktivregister (også NIS2). Nye oprettes under NIS2 › Aktiver eller ved import.",
                "Systems and processes from the shared asset inventory (also NIS2). New ones are created under NIS2 › Assets or by import."))),
            l.usages.isEmpty ? .emptyState(ctx.t("Ingen systemer", "No systems"), ctx.t("Importér fra KITOS eller CSV.", "Import from KITOS or CSV."))
                : .table(
                    .thead(.tr(.th(.txt(ctx.t("Navn", "Name"))), .th(.txt(ctx.t("Type", "Kind"))), .th(.txt(ctx.t("Afdelinger", "Departments"))),
                        .th(.class("num"), .txt(ctx.t("Brugere", "Users"))), .th(.txt(ctx.t("Kritisk", "Critical"))), .th(.class("num"), .txt(ctx.t("Bindinger", "Bindings"))),
                        .th(.class("num"), .txt(ctx.t("Heraf hårde", "Of which hard"))), .th(.txt(ctx.t("Kontrakt", "Contract"))))),
                    .tbody(.forEach(l.usages.sorted { $0.name < $1.name }) { u in
                        .tr(.td(.link(u.name, to: SiteURL.bindingsSystem(u.id).path)), .td(.txt(RegisterText.name(u.kind.rawValue, ctx.lang))),
                            .td(.txt(u.departments.joined(separator: ", ").ifEmpty("–"))), .td(.class("num"), .txt(String(u.users))),
                            .td(.txt(u.businessCritical ? ctx.t("ja", "yes") : "")), .td(.class("num"), .txt(String(bound[u.id]?.count ?? 0))),
                            .td(.class("num"), .txt(String(bound[u.id]?.filter { $0.strength == .hard }.count ?? 0))),
                            .td(.txt(u.kind == .process ? "" : covered.contains(u.id) ? ctx.t("ja", "yes") : ctx.t("mangler", "missing"))))
                    })))
    }

    static func system(_ ctx: PageContext, _ s: BindingsSnapshot, usage u: Usage, departments: [String], verifiers: [UUID: String], now: Date,
                       canEdit: Bool) -> Body {
        let vendorLockIn = s.graph.vendorLockIn(of: u.id, contracts: s.contracts, dataAssets: s.dataAssets, now: now)
        let l = s.landscape
        let bindings = l.bindings.filter { $0.from == u.id }
        let needs = l.integrations.filter { $0.consumer == u.id }.map(\.provider)
        let neededBy = l.integrations.filter { $0.provider == u.id }.map(\.consumer)
        let contracts = s.contracts.filter { $0.usages.contains(u.id) }
        let data = s.dataAssets.filter { $0.usageID == u.id }
        let allDepartments = Array(Set(departments + l.usages.flatMap(\.departments))).sorted()
        let targets = (l.vendors.map { (TargetParam.string(.vendor($0.id)), BindingsText.name("vendor", ctx.lang) + ": " + $0.name) }
            + l.products.map { (TargetParam.string(.product($0.id)), s.graph.name(of: .product($0.id))) }
            + l.components.map { (TargetParam.string(.component($0.id)), s.graph.name(of: .component($0.id))) }).sorted { $0.1 < $1.1 }
        return .group(
            subnav(ctx),
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Type", "Kind"))), .dd(.txt(RegisterText.name(u.kind.rawValue, ctx.lang))),
                .dt(.txt(ctx.t("Ejer", "Owner"))), .dd(.txt(u.department ?? "–")),
                .dt(.txt(ctx.t("Bruges af", "Used by"))), .dd(.txt(u.departments.joined(separator: ", ").ifEmpty("–"))),
                .dt(.txt(ctx.t("Brugere", "Users"))), .dd(.txt(String(u.users))),
                .dt(.txt(ctx.t("Forretningskritisk", "Business-critical"))), .dd(.txt(u.businessCritical ? ctx.t("ja", "yes") : ctx.t("nej", "no"))),
                .dt(.txt(ctx.t("Afhænger af", "Depends on"))), .dd(.txt(needs.map { usageName(s, $0) }.joined(separator: ", ").ifEmpty("–"))),
                .dt(.txt(ctx.t("Bruges af systemer/processer", "Needed by"))), .dd(.txt(neededBy.map { usageName(s, $0) }.joined(separator: ", ").ifEmpty("–")))),
            .p(.link(ctx.t("Aktivet i NIS2-registret (konsekvensanalyse, risici)", "The asset in the NIS2 register (impact analysis, risks)"), to: SiteURL.asset(u.id).path)),
            .h2(.txt(ctx.t("Leverandørerne bag systemet", "The vendors behind the system"))),
            vendorLockIn.isEmpty ? .p(.txt(ctx.t("Ingen kontrakt eller binding til en leverandør.", "No contract or binding to a vendor."))) : .table(
                .caption(.txt(ctx.t("Indlåsning pr. leverandørkoncern, som systemet er købt af eller bundet til", "Lock-in per vendor group the system is bought from or bound to"))),
                .thead(.tr(.th(.txt(ctx.t("Leverandør", "Vendor"))), .th(.txt(ctx.t("Niveau", "Level"))), .th(.class("num"), .txt(ctx.t("Samlet", "Total"))))),
                .tbody(.forEach(vendorLockIn) { row in
                    .tr(.td(.link(row.vendor.name, to: SiteURL.bindingsVendor(row.vendor.id).path)), level(row.score.level, ctx),
                        .td(.class("num"), .txt(BindingsText.score(row.score.total, ctx.lang))))
                })),
            .h2(.txt(ctx.t("Bindinger", "Bindings"))),
            bindings.isEmpty ? .p(.txt(ctx.t("Ingen registreret.", "None registered."))) : bindingsTable(ctx, s, bindings, showSystem: false, actions: canEdit ? { b in
                .group(
                    .if(b.verifiedAt == nil, .postButton(ctx.t("Verificér", "Verify"), action: SiteURL.bindingVerify(b.id).path, csrf: ctx.csrf)),
                    .postButton(ctx.t("Slet", "Delete"), action: SiteURL.bindingDelete(b.id).path, csrf: ctx.csrf))
            } : nil, verifiers: verifiers),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.bindingsSystemBindings(u.id).path), .method(.post), .csrf(ctx.csrf),
                .h3(.txt(ctx.t("Ny binding", "New binding"))),
                .choice(ctx.t("Bundet til", "Bound to"), name: "target", options: targets),
                .choice(ctx.t("Type", "Type"), name: "type", options: BindingsText.options(BindingType.self, ctx.lang)),
                .choice(ctx.t("Område", "Scope"), name: "scope", options: BindingsText.options(BindingScope.self, ctx.lang), selected: "fagsystem"),
                .choice(ctx.t("Styrke", "Strength"), name: "strength", options: BindingsText.options(Strength.self, ctx.lang), selected: "hard"),
                .choice(ctx.t("Alternativ", "Alternative"), name: "substitutability", options: BindingsText.options(Substitutability.self, ctx.lang), selected: "none"),
                .area(ctx.t("Funktioner, der rammes", "Functions affected"), name: "functions", rows: 2, hint: ctx.t("Én pr. linje, fx »Journalisér e-mails«", "One per line, e.g. \"File e-mails\"")),
                .area(ctx.t("Omvej", "Workaround"), name: "workaround", rows: 2),
                .field(ctx.t("Pris at fjerne (kr.)", "Cost to remove (DKK)"), name: "removal_cost"),
                .field(ctx.t("Indsats at fjerne (persondage)", "Effort to remove (person-days)"), name: "removal_effort_days"),
                .area(ctx.t("Dokumentation", "Evidence"), name: "evidence", rows: 2),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Registrér binding", "Record binding"))))),
            .h2(.txt(ctx.t("Kontrakter", "Contracts"))),
            contracts.isEmpty ? .p(.txt(ctx.t("Ingen kontrakt registreret.", "No contract registered."))) : .ul(.forEach(contracts) { .li(.link($0.name, to: SiteURL.bindingsContract($0.id).path)) }),
            .h2(.txt(ctx.t("Data", "Data"))),
            data.isEmpty ? .p(.txt(ctx.t("Ingen datasæt registreret.", "No data sets registered."))) : .table(
                .thead(.tr(.th(.txt(ctx.t("Datasæt", "Data set"))), .th(.txt(ctx.t("Kritisk", "Critical"))), .th(.txt(ctx.t("Eksportformater", "Export formats"))),
                    .th(.txt(ctx.t("Sidst testet eksport", "Last tested export"))))),
                .tbody(.forEach(data) { d in
                    .tr(.td(.txt(d.name)), .td(.txt(d.businessCritical ? ctx.t("ja", "yes") : ctx.t("nej", "no"))), .td(.txt(d.exportFormats.joined(separator: ", ").ifEmpty("–"))),
                        .td(.txt(d.lastTestedExport.map { RegisterViews.day(CalendarDay.string($0), ctx) + (d.testedExportIsOpen ? ctx.t(" (åbent format)", " (open format)") : ctx.t(" (lukket format)", " (closed format)")) }
                            ?? ctx.t("aldrig", "never"))))
                })),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.bindingsSystemData(u.id).path), .method(.post), .csrf(ctx.csrf),
                .h3(.txt(ctx.t("Nyt datasæt", "New data set"))),
                .field(ctx.t("Navn", "Name"), name: "name", required: true),
                .field(ctx.t("Eksportformater", "Export formats"), name: "export_formats", hint: ctx.t("Adskilt af komma, fx CSV, XML, PDF/A", "Comma-separated, e.g. CSV, XML, PDF/A")),
                .field(ctx.t("Sidst testet eksport (dato)", "Last tested export (date)"), name: "last_tested_export", type: "date"),
                .label(.class("check"), .input(.type(.checkbox), .attr("name", "tested_export_open"), .attr("value", "1"), .attr("id", "c-open")),
                    .txt(ctx.t("Testen gav data i et åbent format", "The test gave data in an open format"))),
                .label(.class("check"), .input(.type(.checkbox), .attr("name", "business_critical"), .attr("value", "1"), .attr("id", "c-crit")),
                    .txt(ctx.t("Forretningskritiske data", "Business-critical data"))),
                .p(.button(.type(.submit), .class("button secondary"), .txt(ctx.t("Tilføj datasæt", "Add data set")))))),
            .if(canEdit, .form(.class("panel"), .attr("action", SiteURL.bindingsSystem(u.id).path), .method(.post), .csrf(ctx.csrf),
                .h3(.txt(ctx.t("Brugere og afdelinger", "Users and departments"))),
                .field(ctx.t("Antal brugere", "Number of users"), name: "users", value: String(u.users)),
                .checks(ctx.t("Bruges af", "Used by"), name: "used_by", options: allDepartments.map { ($0, $0) }, checked: Set(u.usedBy)),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Gem", "Save")))))
        )
    }

    // MARK: Contracts

    static func window(_ c: Contract, now: Date, _ ctx: PageContext) -> String {
        guard let w = c.nextExitWindow(after: now) else { return ctx.t("ingen (udløbet eller ukendte datoer)", "none (expired or unknown dates)") }
        return ctx.t("opsig senest \(RegisterViews.day(CalendarDay.string(w.noticeBy), ctx)), ude \(RegisterViews.day(CalendarDay.string(w.exitOn), ctx))",
            "give notice by \(RegisterViews.day(CalendarDay.string(w.noticeBy), ctx)), out \(RegisterViews.day(CalendarDay.string(w.exitOn), ctx))")
    }

    static func contracts(_ ctx: PageContext, _ s: BindingsSnapshot, calendar: [ExitCalendarEntry], now: Date, canEdit: Bool) -> Body {
        let vendors = Dictionary(s.landscape.vendors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return .group(
            subnav(ctx),
            .h2(.txt(ctx.t("Exitvinduer de næste 3 år", "Exit windows in the next 3 years"))),
            .p(.class("hint"), .txt(ctx.t("Den næste chance for at komme ud af hver kontrakt, og de bindinger, et exit kunne fjerne. Fristerne står også i kalenderabonnementet (NIS2 › Kalender).",
                "The next chance to leave each contract, and the bindings an exit could remove. The deadlines are also in the calendar subscription (NIS2 › Calendar)."))),
            calendar.isEmpty ? .p(.txt(ctx.t("Ingen exitvinduer inden for 3 år.", "No exit windows within 3 years."))) : .table(
                .thead(.tr(.th(.txt(ctx.t("Opsigelsesfrist", "Notice by"))), .th(.txt(ctx.t("Ude", "Out"))), .th(.txt(ctx.t("Kontrakt", "Contract"))),
                    .th(.txt(ctx.t("Leverandør", "Vendor"))), .th(.class("num"), .txt(ctx.t("Bindinger, der kan fjernes", "Bindings that could go"))),
                    .th(.txt(ctx.t("Heraf hårde", "Of which hard"))))),
                .tbody(.forEach(calendar) { e in
                    .tr(.td(.txt(RegisterViews.day(CalendarDay.string(e.window.noticeBy), ctx))), .td(.txt(RegisterViews.day(CalendarDay.string(e.window.exitOn), ctx))),
                        .td(.link(e.contract.name, to: SiteURL.bindingsContract(e.contract.id).path)), .td(.txt(e.contract.vendorID.flatMap { vendors[$0] } ?? "–")),
                        .td(.class("num"), .txt(String(e.bindings.count))),
                        .td(.txt(e.bindings.filter { $0.strength == .hard }.map { usageName(s, $0.from) + " → " + s.graph.name(of: $0.to) }.joined(separator: "; ").ifEmpty("–"))))
                })),
            .h2(.txt(ctx.t("Alle kontrakter", "All contracts"))),
            .table(
                .thead(.tr(.th(.txt(ctx.t("Kontrakt", "Contract"))), .th(.txt(ctx.t("Leverandør", "Vendor"))), .th(.txt(ctx.t("Udløb", "Expiry"))),
                    .th(.txt(ctx.t("Exitklausul", "Exit clause"))), .th(.txt(ctx.t("Næste exit", "Next exit"))))),
                .tbody(.forEach(s.contracts.sorted { $0.name < $1.name }) { c in
                    .tr(.td(.link(c.name, to: SiteURL.bindingsContract(c.id).path)), .td(.txt(c.vendorID.flatMap { vendors[$0] } ?? "–")),
                        .td(.txt(c.expiry.map { RegisterViews.day(CalendarDay.string($0), ctx) } ?? ctx.t("løbende", "open-ended"))),
                        .td(.txt(c.hasExitClause ? ctx.t("ja", "yes") : ctx.t("nej", "no"))), .td(.txt(window(c, now: now, ctx))))
                })),
            .if(canEdit, contractForm(ctx, s, contract: nil, fromKitos: false, action: SiteURL.bindingsContracts.path)))
    }

    static func contractForm(_ ctx: PageContext, _ s: BindingsSnapshot, contract c: Contract?, fromKitos: Bool, action: String) -> Body {
        func day(_ d: Date?) -> String { d.map(CalendarDay.string) ?? "" }
        func box(_ name: String, _ on: Bool, _ label: String) -> Node<HTML.FormContext> {
            .label(.class("check"), .input(.type(.checkbox), .attr("name", name), .attr("value", "1"), .attr("id", "c-\(name)"),
                on ? .attr("checked", "checked") : .attr("data-unchecked", "1")), .txt(label))
        }
        let systems = s.landscape.usages.filter { $0.kind == .system }.sorted { $0.name < $1.name }
        let vendorOptions: [(value: String, label: String)] = [("", "–")] + s.landscape.vendors.sorted { $0.name < $1.name }.map { ($0.id.uuidString, $0.name) }
        let systemOptions: [(value: String, label: String)] = systems.map { ($0.id.uuidString, $0.name) }
        let kitosNote: Node<HTML.FormContext> = .if(fromKitos, .p(.class("hint"), .txt(ctx.t("Kontrakten kommer fra KITOS: navn, leverandør, datoer og systemer rettes i KITOS; her tilføjes det, exit kræver.",
            "The contract comes from KITOS: name, vendor, dates and systems are edited in KITOS; here you add what exit needs."))))
        let terms: Node<HTML.FormContext> = fromKitos ? .input(.type(.hidden), .attr("name", "name"), .attr("value", c?.name ?? "")) : .group(
            .field(ctx.t("Navn", "Name"), name: "name", value: c?.name ?? "", required: true),
            .choice(ctx.t("Leverandør", "Vendor"), name: "vendor_id", options: vendorOptions, selected: c?.vendorID?.uuidString ?? ""),
            .checks(ctx.t("Systemer i kontrakten", "Systems in the contract"), name: "usages", options: systemOptions, checked: Set((c?.usages ?? []).map(\.uuidString))),
            .field(ctx.t("Udløb", "Expiry"), name: "expiry", type: "date", value: day(c?.expiry), hint: ctx.t("Tom: løbende kontrakt", "Empty: open-ended")),
            .field(ctx.t("Opsigelsesvarsel (måneder)", "Notice (months)"), name: "notice_months", value: String(c?.noticeMonths ?? 0)),
            .field(ctx.t("Uopsigelig til", "Irrevocable until"), name: "irrevocable_until", type: "date", value: day(c?.irrevocableUntil)))
        let exit: Node<HTML.FormContext> = .group(
            .field(ctx.t("Forlænges automatisk med (måneder)", "Renews automatically by (months)"), name: "renewal_months", value: c?.renewalMonths.map(String.init) ?? ""),
            .field(ctx.t("Årlig pris (kr.)", "Annual cost (DKK)"), name: "annual_cost", value: c?.annualCost.map(String.init) ?? ""),
            .area(ctx.t("Tilbagelevering af data (formater, frist)", "Data return (formats, deadline)"), name: "data_return", value: c?.dataReturn ?? "", rows: 2),
            box("exit_clause", c?.hasExitClause == true, ctx.t("Exitklausul", "Exit clause")),
            box("exit_assistance", c?.hasExitAssistance == true, ctx.t("Exitbistand", "Exit assistance")),
            box("switching_charges", c?.switchingCharges == true, ctx.t("Skifteomkostninger (forbudt fra 12.1.2027)", "Switching charges (banned from 12 Jan 2027)")))
        return .form(.class("panel"), .attr("action", action), .method(.post), .csrf(ctx.csrf),
            .h2(.txt(c == nil ? ctx.t("Ny kontrakt", "New contract") : ctx.t("Exitvilkår", "Exit terms"))),
            kitosNote, terms, exit,
            .p(.button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem", "Save")))))
    }

    static func contract(_ ctx: PageContext, _ s: BindingsSnapshot, contract c: Contract, fromKitos: Bool, now: Date, canEdit: Bool) -> Body {
        let entry = s.graph.exitCalendar(contracts: [c], now: now, months: 1200).first
        return .group(
            subnav(ctx),
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Leverandør", "Vendor"))), .dd(c.vendorID.flatMap { id in s.landscape.vendors.first { $0.id == id } }.map { .link($0.name, to: SiteURL.bindingsVendor($0.id).path) } ?? .txt("–")),
                .dt(.txt(ctx.t("Systemer", "Systems"))), .dd(.txt(c.usages.map { usageName(s, $0) }.joined(separator: ", ").ifEmpty("–"))),
                .dt(.txt(ctx.t("Udløb", "Expiry"))), .dd(.txt(c.expiry.map { RegisterViews.day(CalendarDay.string($0), ctx) } ?? ctx.t("løbende", "open-ended"))),
                .dt(.txt(ctx.t("Opsigelsesvarsel", "Notice"))), .dd(.txt(ctx.t("\(c.noticeMonths) måneder", "\(c.noticeMonths) months"))),
                .dt(.txt(ctx.t("Uopsigelig til", "Irrevocable until"))), .dd(.txt(c.irrevocableUntil.map { RegisterViews.day(CalendarDay.string($0), ctx) } ?? "–")),
                .dt(.txt(ctx.t("Næste exitvindue", "Next exit window"))), .dd(.txt(window(c, now: now, ctx))),
                .dt(.txt(ctx.t("Exitklausul / -bistand", "Exit clause / assistance"))), .dd(.txt((c.hasExitClause ? ctx.t("ja", "yes") : ctx.t("nej", "no")) + " / " + (c.hasExitAssistance ? ctx.t("ja", "yes") : ctx.t("nej", "no")))),
                .dt(.txt(ctx.t("Tilbagelevering af data", "Data return"))), .dd(.txt(c.dataReturn.ifEmpty("–"))),
                .dt(.txt(ctx.t("Skifteomkostninger", "Switching charges"))), .dd(.txt(c.switchingCharges ? ctx.t("ja – forbudt efter EU's dataforordning fra 12. januar 2027", "yes – banned by the EU Data Act from 12 January 2027") : ctx.t("nej", "no"))),
                .dt(.txt(ctx.t("Årlig pris", "Annual cost"))), .dd(.txt(c.annualCost.map { BindingsText.kroner($0, ctx.lang) } ?? "–")),
                .dt(.txt(ctx.t("Kilde", "Source"))), .dd(.txt(fromKitos ? "KITOS" : ctx.t("indtastet", "entered")))),
            .h2(.txt(ctx.t("Bindinger, et exit kunne fjerne", "Bindings an exit could remove"))),
            (entry?.bindings ?? []).isEmpty ? .p(.txt(ctx.t("Ingen.", "None."))) : bindingsTable(ctx, s, entry?.bindings ?? [], showSystem: true),
            .if(canEdit, contractForm(ctx, s, contract: c, fromKitos: fromKitos, action: SiteURL.bindingsContract(c.id).path)))
    }

    // MARK: What-if

    static func whatIf(_ ctx: PageContext, _ s: BindingsSnapshot, scenarios: [Scenario], results: [ScenarioResult]) -> Body {
        let targets = s.scoredTargets.map { (TargetParam.string($0.target), s.graph.name(of: $0.target)) }.sorted { $0.1 < $1.1 }
        let departments = Array(Set(s.landscape.usages.flatMap(\.departments))).sorted()
        func chosen(_ n: Int) -> Scenario? { scenarios.first { $0.name == "\(n)" } }
        return .group(
            subnav(ctx),
            .p(.class("lead"), .txt(ctx.t("Fjern eller erstat en komponent for et delområde, og se hvilke funktioner der brydes eller forringes, hvor mange brugere det rammer, og hvad det koster – op til tre scenarier side om side.",
                "Remove or replace a component for a sub-area and see which functions break or degrade, how many users are hit, and what it costs – up to three scenarios side by side."))),
            .form(.method(.get), .attr("action", SiteURL.bindingsWhatIf.path),
                .div(.class("side-by-side"), .forEach(1...3) { n in
                    .fieldset(.element(named: "legend", nodes: [.txt(ctx.t("Scenarie \(n)", "Scenario \(n)"))]),
                        .choice(ctx.t("Fjern", "Remove"), name: "s\(n)", options: [("", "–")] + targets, selected: chosen(n).flatMap { $0.remove.first.map(TargetParam.string) } ?? ""),
                        .choice(ctx.t("Delområde", "Sub-area"), name: "a\(n)", options: [("", ctx.t("hele kommunen", "the whole municipality"))] + departments.map { ($0, $0) },
                            selected: chosen(n)?.departments?.first ?? ""),
                        .label(.class("check"), .input(.type(.checkbox), .attr("name", "o\(n)"), .attr("value", "1"), .attr("id", "c-o\(n)"),
                            chosen(n)?.replacementSupportsOpenStandards == true ? .attr("checked", "checked") : .attr("data-unchecked", "1")),
                            .txt(ctx.t("Erstatningen taler de åbne standarder", "The replacement speaks the open standards"))))
                }),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Sammenlign", "Compare")))),
            results.isEmpty ? .empty : .div(.class("side-by-side"), .forEach(results) { r in
                .div(.class("card"),
                    .h2(.txt(ctx.t("Scenarie ", "Scenario ") + r.scenario.name)),
                    .p(.txt(r.scenario.remove.map { s.graph.name(of: $0) }.joined(separator: ", ") + " · " + (r.scenario.departments?.sorted().joined(separator: ", ") ?? ctx.t("hele kommunen", "whole municipality"))
                        + (r.scenario.replacementSupportsOpenStandards ? ctx.t(" · åben standard", " · open standard") : ""))),
                    .dl(.class("facts"),
                        .dt(.txt(ctx.t("Brudte funktioner", "Broken functions"))), .dd(.txt(String(r.broken.count))),
                        .dt(.txt(ctx.t("Forringede funktioner", "Degraded functions"))), .dd(.txt(String(r.degraded.count))),
                        .dt(.txt(ctx.t("Brugere, hvor noget holder op", "Users where something stops"))), .dd(.txt(String(r.usersHard))),
                        .dt(.txt(ctx.t("Brugere med forringelse", "Users with degradation"))), .dd(.txt(String(r.usersDegraded))),
                        .dt(.txt(ctx.t("Pris at fjerne bindingerne", "Cost to remove the bindings"))),
                        .dd(.txt(BindingsText.kroner(r.removalCost, ctx.lang) + (r.unestimated > 0 ? ctx.t(" + \(r.unestimated) uden skøn", " + \(r.unestimated) unestimated") : ""))),
                        .dt(.txt(ctx.t("Indsats", "Effort"))), .dd(.txt(ctx.t("\(Int(r.removalEffortDays.rounded())) persondage", "\(Int(r.removalEffortDays.rounded())) person-days")))),
                    .h3(.txt(ctx.t("Brydes", "Breaks"))),
                    r.broken.isEmpty ? .p(.txt("–")) : .ul(.forEach(r.broken) { f in .li(.txt("\(f.usage): \(f.function)")) }),
                    .h3(.txt(ctx.t("Forringes", "Degrades"))),
                    r.degraded.isEmpty ? .p(.txt("–")) : .ul(.forEach(r.degraded) { f in .li(.txt("\(f.usage): \(f.function)" + (f.workaround.isEmpty ? "" : " – " + f.workaround))) }),
                    .if(!r.indirect.isEmpty, .group(.h3(.txt(ctx.t("Rammes indirekte", "Hit indirectly"))), .ul(.forEach(r.indirect) { .li(.txt($0)) }))))
            })
        )
    }

    // MARK: Office-suite move

    static func officeMove(_ ctx: PageContext, _ s: BindingsSnapshot, suite: Target?, move: OfficeMove?, licences: [String: LicenceRepository.DepartmentTotal],
                           canSeeUsers: Bool) -> Body {
        let suites = s.landscape.products.map { (TargetParam.string(.product($0.id)), $0.name) }.sorted { $0.1 < $1.1 }
        return .group(
            subnav(ctx),
            .p(.class("lead"), .txt(ctx.t("Kan afdelingerne skifte til en anden kontorpakke – nu, med en omvej, eller er de blokeret af bindinger i fagsystemerne? Pengene kommer fra seneste licensprofilering.",
                "Can the departments move to another office suite – now, with a workaround, or are they blocked by bindings in their line-of-business systems? The money comes from the latest licence profiling."))),
            .form(.class("filters"), .method(.get), .attr("action", SiteURL.bindingsOfficeMove.path),
                .choice(ctx.t("Kontorpakke", "Office suite"), name: "maal", options: suites, selected: suite.map(TargetParam.string)),
                .button(.type(.submit), .class("button secondary"), .txt(ctx.t("Vis", "Show")))),
            .if(licences.isEmpty, .p(.class("hint"), .txt(ctx.t("Ingen licensprofilering endnu – brugere og beløb mangler. Indlæs licensrapporterne under Licenser.",
                "No licence profiling yet – users and money are missing. Load the licence reports under Licences.")))),
            move.map { m in .table(
                .caption(.txt(ctx.t("Pr. afdeling", "Per department"))),
                .thead(.tr(.th(.txt(ctx.t("Afdeling", "Department"))), .th(.txt(ctx.t("Vurdering", "Verdict"))), .th(.txt(ctx.t("Hvad blokerer eller kræver omvej", "What blocks or needs a workaround"))),
                    .th(.class("num"), .txt(ctx.t("Brugere", "Users"))), .th(.class("num"), .txt(ctx.t("Licenser pr. måned i dag", "Licences per month today"))),
                    .th(.class("num"), .txt(ctx.t("Besparelse pr. måned (profil)", "Saving per month (profile)"))), .if(canSeeUsers, .th(.txt(ctx.t("Brugere", "Users")))))),
                .tbody(.forEach(m.departments) { d in
                    .tr(.td(.txt(d.name)), .td(.class(d.verdict == .blocked ? "level-red" : d.verdict == .withWorkaround ? "level-amber" : "level-green"),
                            .txt(BindingsText.name(d.verdict.rawValue, ctx.lang))),
                        .td(.txt(d.blockers.joined(separator: "; ").ifEmpty("–"))), .td(.class("num"), .txt(String(licences[d.name]?.users ?? 0))),
                        .td(.class("num"), .txt(ReportDocument.kroner(licences[d.name]?.currentOre ?? 0))),
                        .td(.class("num"), .txt(ReportDocument.kroner(d.monthlySavingOre))),
                        .if(canSeeUsers, .td(.link(ctx.t("vis", "show"), to: SiteURL.bindingsOfficeMoveUsers.path + "?afdeling=" + (d.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                            + (suite.map { "&maal=" + TargetParam.string($0) } ?? "")))))
                }),
                .tfoot(.tr(.th(.txt(ctx.t("I alt", "Total"))), .td(.txt(ctx.t("\(m.departments.filter { $0.verdict == .now }.count) nu, \(m.departments.filter { $0.verdict == .withWorkaround }.count) med omvej, \(m.departments.filter { $0.verdict == .blocked }.count) blokeret",
                        "\(m.departments.filter { $0.verdict == .now }.count) now, \(m.departments.filter { $0.verdict == .withWorkaround }.count) with workaround, \(m.departments.filter { $0.verdict == .blocked }.count) blocked"))), .td(.empty),
                    .td(.class("num"), .txt(String(licences.values.map(\.users).reduce(0, +)))),
                    .td(.class("num"), .txt(ReportDocument.kroner(licences.values.map(\.currentOre).reduce(0, +)))),
                    .td(.class("num"), .txt(ReportDocument.kroner(m.departments.map(\.monthlySavingOre).reduce(0, +)))), .if(canSeeUsers, .td(.empty)))))
            } ?? .p(.txt(ctx.t("Ingen kontorpakke registreret (et produkt i kategorien »office suite«).", "No office suite registered (a product in the category \"office suite\")."))))
    }

    static func officeMoveUsers(_ ctx: PageContext, department: String, verdict: OfficeMove.Department?, rows: [LicenceUserRow], total: Int, page: Int) -> Body {
        .group(
            subnav(ctx),
            .p(.class("hint"), .txt(ctx.t("Personoplysninger: kun licensadministratorer ser denne side, og visningen logges.",
                "Personal data: only licence administrators see this page, and the view is logged."))),
            .p(.strong(.txt(BindingsText.name((verdict?.verdict ?? .now).rawValue, ctx.lang))), .txt(verdict.map { $0.blockers.isEmpty ? "" : ": " + $0.blockers.joined(separator: "; ") } ?? "")),
            .table(
                .caption(.txt(ctx.t("\(total) brugere i \(department)", "\(total) users in \(department)"))),
                .thead(.tr(.th(.txt(ctx.t("Bruger", "User"))), .th(.txt(ctx.t("Licens i dag", "Licence today"))), .th(.class("num"), .txt(ctx.t("Pr. måned", "Per month"))),
                    .th(.txt(ctx.t("Bruger skrivebords-Office", "Uses desktop Office"))), .th(.txt(ctx.t("Kan flytte", "Can move"))))),
                .tbody(.forEach(rows) { r in
                    .tr(.td(.txt(r.upn)), .td(.txt(r.current)), .td(.class("num"), .txt(ReportDocument.kroner(r.currentOre))),
                        .td(.txt(r.appsDesktop ? ctx.t("ja", "yes") : ctx.t("nej", "no"))),
                        .td(.txt(BindingsText.name((verdict?.verdict ?? .now).rawValue, ctx.lang))))
                })),
            .if(total > page * 500, .p(.link(ctx.t("Næste side", "Next page"), to: SiteURL.bindingsOfficeMoveUsers.path + "?afdeling="
                + (department.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&side=\(page + 1)"))))
    }

    // MARK: Exit plans

    static func feasibility(_ ctx: PageContext, _ f: ExitFeasibility) -> String {
        switch f {
        case .feasible(let w): ctx.t("Kan nås: opsig senest \(RegisterViews.day(CalendarDay.string(w.noticeBy), ctx)); kontrakten slutter \(RegisterViews.day(CalendarDay.string(w.exitOn), ctx)).",
            "Feasible: give notice by \(RegisterViews.day(CalendarDay.string(w.noticeBy), ctx)); the contract ends \(RegisterViews.day(CalendarDay.string(w.exitOn), ctx)).")
        case .missesWindow(let w, let next): ctx.t("Når ikke exitvinduet \(RegisterViews.day(CalendarDay.string(w.exitOn), ctx))", "Misses the exit window \(RegisterViews.day(CalendarDay.string(w.exitOn), ctx))")
            + (next.map { ctx.t("; næste realistiske: opsig senest \(RegisterViews.day(CalendarDay.string($0.noticeBy), ctx)), ude \(RegisterViews.day(CalendarDay.string($0.exitOn), ctx)).",
                "; next realistic: notice by \(RegisterViews.day(CalendarDay.string($0.noticeBy), ctx)), out \(RegisterViews.day(CalendarDay.string($0.exitOn), ctx)).") }
                ?? ctx.t("; kontrakten har intet senere vindue – den udløber uden fornyelse.", "; the contract has no later window – it ends without renewal."))
        case .unknown: ctx.t("Kan ikke vurderes: vælg en kontrakt med datoer og en planlagt slutdato.", "Cannot be judged: choose a contract with dates and a planned end date.")
        }
    }

    static func exitPlanForm(_ ctx: PageContext, _ s: BindingsSnapshot, plan p: ExitPlanRecord?, preset: Target?, departments: [String], action: String) -> Body {
        let targets = s.scoredTargets.map { (TargetParam.string($0.target), s.graph.name(of: $0.target)) }.sorted { $0.1 < $1.1 }
        let all = Array(Set(departments + s.landscape.usages.flatMap(\.departments))).sorted()
        return .form(.class("panel"), .attr("action", action), .method(.post), .csrf(ctx.csrf),
            .h2(.txt(p == nil ? ctx.t("Ny exitplan", "New exit plan") : ctx.t("Ret exitplanen", "Edit the exit plan"))),
            .field(ctx.t("Titel", "Title"), name: "title", value: p?.title ?? "", required: true),
            .choice(ctx.t("Det, planen forlader", "What the plan leaves"), name: "target", options: [("", "–")] + targets,
                selected: (p?.target ?? preset).map(TargetParam.string) ?? ""),
            .choice(ctx.t("Kontrakt", "Contract"), name: "contract_id", options: [("", "–")] + s.contracts.sorted { $0.name < $1.name }.map { ($0.id.uuidString, $0.name) },
                selected: p?.contractId?.uuidString ?? ""),
            .checks(ctx.t("Delområde (afdelinger; ingen = hele kommunen)", "Sub-area (departments; none = whole municipality)"), name: "departments",
                options: all.map { ($0, $0) }, checked: Set(p?.departmentList ?? [])),
            .area(ctx.t("Udløsende hændelser", "Triggers"), name: "triggers", value: p?.triggers ?? ""),
            .area(ctx.t("Konsekvens", "Impact"), name: "impact", value: p?.impact ?? ""),
            .area(ctx.t("Alternativer", "Alternatives"), name: "alternatives", value: p?.alternatives ?? ""),
            .area(ctx.t("Faser", "Phases"), name: "phases", value: p?.phases ?? "", rows: 4),
            .area(ctx.t("Datamigrering", "Data migration"), name: "data_migration", value: p?.dataMigration ?? ""),
            .area(ctx.t("Roller", "Roles"), name: "roles", value: p?.roles ?? ""),
            .area(ctx.t("Succeskriterier", "Success criteria"), name: "success_criteria", value: p?.successCriteria ?? ""),
            .area(ctx.t("Test", "Tests"), name: "tests", value: p?.tests ?? ""),
            .field(ctx.t("Planlagt færdig", "Planned done"), name: "planned_done", type: "date", value: p?.plannedDone ?? ""),
            .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem exitplan", "Save exit plan"))))
    }

    static func exitPlans(_ ctx: PageContext, _ s: BindingsSnapshot, plans: [ExitPlanRecord], departments: [String], preset: Target?, now: Date, canEdit: Bool) -> Body {
        .group(
            subnav(ctx),
            .p(.class("lead"), .txt(ctx.t("Exitplaner pr. delområde, bygget som DORA's krav til exitplaner: udløsere, konsekvens, alternativer, faser, datamigrering, roller, succeskriterier og test – holdt op mod kontraktens næste exitvindue og godkendt af ledelsen.",
                "Exit plans per sub-area, shaped like DORA's exit-plan requirements: triggers, impact, alternatives, phases, data migration, roles, success criteria and tests – held against the contract's next exit window and approved by management."))),
            plans.isEmpty ? .emptyState(ctx.t("Ingen exitplaner", "No exit plans"), ctx.t("Begynd med den binding, der rammer flest.", "Start with the binding that hits the most."))
                : .table(
                    .thead(.tr(.th(.txt(ctx.t("Plan", "Plan"))), .th(.txt(ctx.t("Forlader", "Leaves"))), .th(.txt(ctx.t("Delområde", "Sub-area"))),
                        .th(.txt(ctx.t("Mod exitvinduet", "Against the exit window"))), .th(.txt(ctx.t("Godkendt", "Approved"))))),
                    .tbody(.forEach(plans) { p in
                        let contract = s.contracts.first { $0.id == p.contractId }
                        let f = ExitFeasibility.judge(contract: contract, plannedDone: CalendarDay.date(p.plannedDone), now: now)
                        return .tr(.td(.link(p.title, to: SiteURL.bindingsExitPlan(p.id).path)), .td(.txt(p.target.map { s.graph.name(of: $0) } ?? "–")),
                            .td(.txt(p.departmentList.joined(separator: ", ").ifEmpty(ctx.t("hele kommunen", "whole municipality")))), .td(.txt(feasibility(ctx, f))),
                            .td(.txt(p.approvedAt.map { DateText.format($0, lang: ctx.lang) } ?? ctx.t("nej", "no"))))
                    })),
            .if(canEdit, exitPlanForm(ctx, s, plan: nil, preset: preset, departments: departments, action: SiteURL.bindingsExitPlans.path)))
    }

    static func exitPlan(_ ctx: PageContext, _ s: BindingsSnapshot, plan p: ExitPlanRecord, departments: [String], approver: String?, now: Date, canEdit: Bool,
                         canApprove: Bool) -> Body {
        let contract = s.contracts.first { $0.id == p.contractId }
        let f = ExitFeasibility.judge(contract: contract, plannedDone: CalendarDay.date(p.plannedDone), now: now)
        let bindings = s.bindings(for: p)
        let scenario = p.target.map { s.graph.whatIf(Scenario(name: p.title, remove: [$0], departments: p.departmentList.isEmpty ? nil : Set(p.departmentList))) }
        func section(_ title: String, _ text: String) -> Body {
            .group(.h3(.txt(title)), text.isEmpty ? .p(.class("muted"), .txt("–")) : .div(.forEach(text.split(separator: "\n")) { .p(.txt(String($0))) }))
        }
        return .group(
            subnav(ctx),
            .div(.class(p.approvedAt == nil ? "flash warn" : "flash ok"), .attribute(named: "role", value: "status"),
                .p(.txt(p.approvedAt.map { ctx.t("Godkendt af ledelsen \(DateText.format($0, lang: ctx.lang))", "Approved by management \(DateText.format($0, lang: ctx.lang))") + (approver.map { " (\($0))" } ?? "") }
                    ?? ctx.t("Ikke godkendt af ledelsen endnu.", "Not approved by management yet.")))),
            .if(canApprove && p.approvedAt == nil, .postButton(ctx.t("Godkend på ledelsens vegne", "Approve on behalf of management"), action: SiteURL.bindingsExitPlanApprove(p.id).path,
                csrf: ctx.csrf, style: "primary")),
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Forlader", "Leaves"))), .dd(p.target.map { targetLink(s, $0) } ?? .txt("–")),
                .dt(.txt(ctx.t("Delområde", "Sub-area"))), .dd(.txt(p.departmentList.joined(separator: ", ").ifEmpty(ctx.t("hele kommunen", "whole municipality")))),
                .dt(.txt(ctx.t("Kontrakt", "Contract"))), .dd(contract.map { .link($0.name, to: SiteURL.bindingsContract($0.id).path) } ?? .txt("–")),
                .dt(.txt(ctx.t("Planlagt færdig", "Planned done"))), .dd(.txt(RegisterViews.day(p.plannedDone, ctx))),
                .dt(.txt(ctx.t("Mod exitvinduet", "Against the exit window"))), .dd(.txt(feasibility(ctx, f)))),
            .p(.link(ctx.t("Udbudskrav til næste udbud (udskriv eller hent som ODT)", "Tender requirements for the next procurement (print or download as ODT)"),
                to: SiteURL.bindingsTender(p.id).path)),
            scenario.map { r in .group(
                .h2(.txt(ctx.t("Hvad planen skal løse", "What the plan must solve"))),
                .p(.txt(ctx.t("\(r.broken.count) funktioner brydes og \(r.degraded.count) forringes for \(r.usersHard + r.usersDegraded) brugere; at fjerne bindingerne koster mindst \(BindingsText.kroner(r.removalCost, ctx.lang)).",
                    "\(r.broken.count) functions break and \(r.degraded.count) degrade for \(r.usersHard + r.usersDegraded) users; removing the bindings costs at least \(BindingsText.kroner(r.removalCost, ctx.lang))."))),
                .ul(.forEach(r.broken + r.degraded) { .li(.txt("\($0.usage): \($0.function)")) }))
            } ?? .empty,
            section(ctx.t("Udløsende hændelser", "Triggers"), p.triggers), section(ctx.t("Konsekvens", "Impact"), p.impact),
            section(ctx.t("Alternativer", "Alternatives"), p.alternatives), section(ctx.t("Faser", "Phases"), p.phases),
            section(ctx.t("Datamigrering", "Data migration"), p.dataMigration), section(ctx.t("Roller", "Roles"), p.roles),
            section(ctx.t("Succeskriterier", "Success criteria"), p.successCriteria), section(ctx.t("Test", "Tests"), p.tests),
            .h2(.txt(ctx.t("Bindingerne i planens område", "The bindings in the plan's scope"))),
            bindings.isEmpty ? .p(.txt(ctx.t("Ingen.", "None."))) : bindingsTable(ctx, s, bindings, showSystem: true),
            .if(canEdit, exitPlanForm(ctx, s, plan: p, preset: nil, departments: departments, action: SiteURL.bindingsExitPlan(p.id).path)))
    }

    // MARK: Tender requirements (analysis 7)

    static func tender(_ ctx: PageContext, _ s: BindingsSnapshot, plan: ExitPlanRecord, requirements: [TenderRequirement], bindings: [Binding], municipality: String,
                       printedAt: Date) -> Body {
        .group(
            .p(.txt("\(municipality) · \(ctx.t("udskrevet", "printed")) \(IncidentViews.local(printedAt, ctx.lang))")),
            .p(.txt(ctx.t("Bilag til udbudsmaterialet. Kravene forebygger de bindinger, kommunen har registreret i området »\(plan.title)«; hvert krav nævner de bindinger, det bygger på.",
                "Annex to the tender material. The requirements prevent the bindings the municipality has registered in the area \"\(plan.title)\"; each names the bindings behind it."))),
            .forEach(Array(requirements.enumerated())) { n, r in
                let text = BindingsText.requirement(r.kind, ctx.lang)
                return .div(.class("requirement"),
                    .h3(.txt("K\(n + 1). \(text.title)")),
                    .p(.txt(text.text)),
                    r.because.isEmpty ? .p(.class("muted"), .txt(ctx.t("Grundkrav i ethvert udbud.", "Baseline requirement in every tender.")))
                        : .p(.class("muted"), .txt(ctx.t("Baggrund: ", "Background: ") + r.because.map { usageName(s, $0.from) + " → " + s.graph.name(of: $0.to)
                            + ($0.functions.isEmpty ? "" : " (" + $0.functions.joined(separator: ", ") + ")") }.joined(separator: "; "))))
            },
            .p(.class("muted"), .txt(ctx.t("Bindinger i området: \(bindings.count).", "Bindings in the area: \(bindings.count)."))))
    }

    static func tenderDocument(_ lang: Lang, _ s: BindingsSnapshot, plan: ExitPlanRecord, requirements: [TenderRequirement], bindings: [Binding], municipality: String,
                               printedAt: Date) -> ODTWriter {
        var blocks: [ODTWriter.Block] = [
            .heading(lang.t("Udbudskrav: ", "Tender requirements: ") + plan.title, level: 1),
            .paragraph("\(municipality) · \(lang.t("udskrevet", "printed")) \(IncidentViews.local(printedAt, lang))"),
            .paragraph(lang.t("Bilag til udbudsmaterialet. Kravene forebygger de bindinger, kommunen har registreret i området; hvert krav nævner de bindinger, det bygger på.",
                "Annex to the tender material. The requirements prevent the bindings the municipality has registered in the area; each names the bindings behind it.")),
        ]
        for (n, r) in requirements.enumerated() {
            let text = BindingsText.requirement(r.kind, lang)
            blocks.append(.heading("K\(n + 1). \(text.title)", level: 2))
            blocks.append(.paragraph(text.text))
            blocks.append(.paragraph(r.because.isEmpty ? lang.t("Grundkrav i ethvert udbud.", "Baseline requirement in every tender.")
                : lang.t("Baggrund: ", "Background: ") + r.because.map { usageName(s, $0.from) + " → " + s.graph.name(of: $0.to) }.joined(separator: "; ")))
        }
        return ODTWriter(title: plan.title, blocks: blocks)
    }
}
