import Community
import Fluent
import Foundation
import Licensing
import Persistence
import Plot
import Vapor

/// The municipality's own 50.49 prices, the profiling policy and how long per-user data is kept.
enum LicenceSettingsController {
    @Sendable static func page(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        guard scope.organisationKind == .municipality else { throw Abort(.notFound) }
        let settings = try await LicenceRepository(db: req.db).settings(in: scope)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Priser, politik og opbevaring", "Prices, policy and retention"), section: .licences,
            content: view(ctx, settings, canManage: scope.may(.manageLicences))))
    }

    @Sendable static func saveCatalogue(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageLicences)
        let repo = LicenceRepository(db: req.db)
        let lang = req.lang
        if (try? req.content.get(String.self, at: "reset")) != nil {
            try await repo.saveCatalogue(csv: nil, in: scope, now: req.now)
            try await req.audit(.licenceSettingsChanged, organisationID: scope.organisationID, actorID: scope.userID,
                targetType: "licence_catalogue", detail: "reset to list prices")
            req.flash(lang.t("Listepriserne bruges igen.", "The list prices are used again."))
            return req.redirect(to: .licenceSettings)
        }
        var products = try await repo.settings(in: scope).catalogue.products
        for i in products.indices {
            let raw = (try? req.content.get(String.self, at: "price_\(i)")) ?? Money.format(products[i].priceOre)
            guard let ore = Money.parseOre(raw) else {
                req.flash(lang.t("Prisen for \(products[i].displayName) er ugyldig: \"\(raw.prefix(30))\". Skriv kroner med højst to decimaler, fx 215,40. Intet er gemt.",
                    "The price of \(products[i].displayName) is invalid: \"\(raw.prefix(30))\". Write kroner with at most two decimals, e.g. 215.40. Nothing was saved."), error: true)
                return req.redirect(to: .licenceSettings)
            }
            products[i].priceOre = ore
        }
        let catalogue = try Catalogue(products: products)
        try await repo.saveCatalogue(csv: catalogue.csv(), in: scope, now: req.now)
        try await req.audit(.licenceSettingsChanged, organisationID: scope.organisationID, actorID: scope.userID,
            targetType: "licence_catalogue", detail: "prices products=\(products.count)")
        req.flash(lang.t("Priserne er gemt. Beregn eksisterende øjebliksbilleder igen for at bruge dem.",
            "The prices are saved. Profile existing snapshots again to use them."))
        return req.redirect(to: .licenceSettings)
    }

    @Sendable static func savePolicy(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageLicences)
        let lang = req.lang
        func value(_ key: String) -> String { ((try? req.content.get(String.self, at: key)) ?? "").trimmingCharacters(in: .whitespaces) }
        func list(_ key: String) -> [String] {
            value(key).split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func caps(_ prefix: String) -> [String] {
            Capability.allCases.filter { (try? req.content.get(String.self, at: "\(prefix)_\($0.rawValue)")) != nil }.map(\.rawValue)
        }
        func jsonString(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func number(_ key: String) -> String {
            let v = value(key).replacingOccurrences(of: ",", with: ".")
            return v.allSatisfy { $0.isNumber || $0 == "." } && !v.isEmpty ? v : jsonString(v)
        }
        let json = """
            {"inactivity_days": \(number("inactivity_days")), "grace_days": \(number("grace_days")), "headroom": \(number("headroom")),
             "max_products": \(number("max_products")),
             "required_capabilities": [\(caps("required").map(jsonString).joined(separator: ","))],
             "keep_if_held": [\(caps("keep").map(jsonString).joined(separator: ","))],
             "frontline_departments": [\(list("frontline_departments").map(jsonString).joined(separator: ","))],
             "education_departments": [\(list("education_departments").map(jsonString).joined(separator: ","))]}
            """
        let policy: Policy
        do {
            policy = try Policy.parse(Data(json.utf8), file: "politik")
        } catch {
            req.flash(lang.t("Politikken blev ikke gemt: \(error.columnName ?? "") \(error.message)", "The policy was not saved: \(error.columnName ?? "") \(error.message)"),
                error: true)
            return req.redirect(to: .licenceSettings)
        }
        let retentionText = value("retention_days")
        var retention: Int?
        if !retentionText.isEmpty {
            guard let days = Int(retentionText), (1...3650).contains(days) else {
                req.flash(lang.t("Opbevaringstiden skal være et helt antal dage fra 1 til 3650, eller tom.",
                    "The retention must be a whole number of days from 1 to 3650, or empty."), error: true)
                return req.redirect(to: .licenceSettings)
            }
            retention = days
        }
        let repo = LicenceRepository(db: req.db)
        try await repo.savePolicy(json: policy.json(), in: scope, now: req.now)
        try await repo.saveRetention(days: retention, in: scope, now: req.now)
        try await req.audit(.licenceSettingsChanged, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_policy",
            detail: "retention=\(retention.map(String.init) ?? "none")")
        let purged = try await repo.applyRetention(now: req.now)
        req.flash(lang.t("Politik og opbevaring er gemt\(purged > 0 ? "; \(purged) øjebliksbilleder fik slettet persondata" : "").",
            "Policy and retention are saved\(purged > 0 ? "; personal data was deleted from \(purged) snapshots" : "")."))
        return req.redirect(to: .licenceSettings)
    }

    static func priceRow(_ ctx: PageContext, _ i: Int, _ product: Product, canManage: Bool) -> Node<HTML.TableContext> {
        let kind = product.kind == .base ? ctx.t("basis", "base") : ctx.t("tilføjelse", "add-on")
        let eligibility = product.eligibility == .any ? "" : " · \(product.eligibility.rawValue)"
        let label: Node<HTML.BodyContext> = .label(
            .attr("for", "price-\(i)"), .class("visually-hidden"), .txt(ctx.t("Pris for \(product.displayName)", "Price of \(product.displayName)")))
        let input: Node<HTML.BodyContext> = .input(
            .type(.text), .attr("id", "price-\(i)"), .attr("name", "price_\(i)"), .attr("inputmode", "decimal"),
            .attr("value", Money.format(product.priceOre)), .flag("readonly", !canManage))
        return .tr(.td(.code(.txt(product.sku))), .td(.txt(product.displayName)), .td(.txt(kind + eligibility)), .td(label, input))
    }

    static func view(_ ctx: PageContext, _ s: LicenceSettings, canManage: Bool) -> Node<HTML.BodyContext> {
        let p = s.policy
        func checkboxes(_ prefix: String, _ selected: CapabilitySet, legend: String) -> Node<HTML.FormContext> {
            .fieldset(.element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(legend)]),
                .forEach(Capability.allCases) { c in
                    .div(.class("check"),
                        .input(.type(.checkbox), .attr("id", "\(prefix)-\(c.rawValue)"), .attr("name", "\(prefix)_\(c.rawValue)"), .attr("value", "1"),
                            .flag("checked", selected.contains(c))),
                        .label(.attr("for", "\(prefix)-\(c.rawValue)"), .txt(c.rawValue)))
                })
        }
        return .group(
            .h2(.txt(ctx.t("Priser (kr. pr. bruger pr. måned)", "Prices (DKK per user per month)"))),
            .p(.txt(s.isOwnCatalogue ? ctx.t("Kommunens egne 50.49-priser.", "The municipality's own 50.49 prices.")
                : ctx.t("Listepriser. Indtast kommunens egne priser fra 50.49-aftalen.", "List prices. Enter the municipality's own prices from the 50.49 agreement."))),
            .form(
                .attr("action", SiteURL.licenceCatalogue.path), .method(.post),
                .csrf(ctx.csrf),
                .table(
                    .thead(.tr(.th(.txt("SKU")), .th(.txt(ctx.t("Produkt", "Product"))), .th(.txt(ctx.t("Type", "Kind"))), .th(.txt(ctx.t("Pris", "Price"))))),
                    .tbody(.forEach(Array(s.catalogue.products.enumerated())) { i, product in
                        priceRow(ctx, i, product, canManage: canManage)
                    })),
                .if(canManage, .group(
                    .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem priser", "Save prices"))),
                    .button(.type(.submit), .attr("name", "reset"), .attr("value", "1"), .class("button secondary"), .txt(ctx.t("Brug listepriserne", "Use the list prices")))))
            ),
            .h2(.txt(ctx.t("Politik", "Policy"))),
            .form(
                .class("panel"), .attr("action", SiteURL.licencePolicy.path), .method(.post),
                .csrf(ctx.csrf),
                .field(ctx.t("Inaktiv efter (dage)", "Inactive after (days)"), name: "inactivity_days", value: String(p.inactivityDays)),
                .field(ctx.t("Frist for nye licenser (dage)", "Grace for new licences (days)"), name: "grace_days", value: String(p.graceDays)),
                .field(ctx.t("Luft (andel af grænsen, fx 0,9)", "Headroom (share of the limit, e.g. 0.9)"), name: "headroom", value: p.headroom.description),
                .field(ctx.t("Højst antal produkter pr. bruger", "At most products per user"), name: "max_products", value: String(p.maxProducts)),
                .div(.class("field"),
                    .label(.attr("for", "f-frontline"), .txt(ctx.t("Afdelinger med frontlinjemedarbejdere (én pr. linje)", "Departments with frontline staff (one per line)"))),
                    .textarea(.attr("id", "f-frontline"), .attr("name", "frontline_departments"), .attr("rows", "4"), .txt(p.frontlineDepartments.sorted().joined(separator: "\n")))),
                .div(.class("field"),
                    .label(.attr("for", "f-education"), .txt(ctx.t("Afdelinger med undervisningspersonale (én pr. linje)", "Departments with teaching staff (one per line)"))),
                    .textarea(.attr("id", "f-education"), .attr("name", "education_departments"), .attr("rows", "3"), .txt(p.educationDepartments.sorted().joined(separator: "\n")))),
                checkboxes("keep", p.keepIfHeld, legend: ctx.t("Beholdes når brugeren har dem (rapporterne kan ikke måle dem)", "Kept when held (the reports cannot measure them)")),
                checkboxes("required", p.requiredCapabilities, legend: ctx.t("Kræves af alle aktive brugere", "Required by every active user")),
                .field(ctx.t("Slet brugsdata om enkeltpersoner efter (dage; tom = behold)", "Delete usage data about individuals after (days; empty = keep)"),
                    name: "retention_days", value: s.retentionDays.map(String.init) ?? ""),
                .if(canManage, .button(.type(.submit), .class("button primary"), .txt(ctx.t("Gem politik", "Save policy"))))
            ),
            .p(.link(ctx.t("Tilbage til Licenser", "Back to Licences"), to: SiteURL.licences.path))
        )
    }
}
