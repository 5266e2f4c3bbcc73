import Bindings
import Community
import Fluent
import Foundation
import Licensing
import Persistence
import Plot
import Resilience
import Vapor

/// Bindinger: the register of systems, vendors, products and typed bindings, and the analyses over
/// it (blast radius, lock-in, concentration, office-suite move, what-if, exit windows, tender
/// requirements, data quality). Everyone in the municipality reads; architects change the
/// register; management members approve exit plans.
enum BindingsController {
    static func repo(_ req: Request) -> BindingsRepository { BindingsRepository(db: req.db) }

    /// The municipality's register as a graph, read once and kept for a few seconds. Every audited
    /// change on this instance drops it (the next request reads it again); when it merely expires,
    /// the old graph is served while one background read replaces it, so no request waits for the
    /// read under load. Other instances see a change within `OverviewCache.lifetime` plus one read.
    static func snapshot(_ req: Request, _ scope: TenantScope) async throws -> BindingsSnapshot {
        let cache = req.application.overviewCaches.bindings
        let org = scope.organisationID
        let loads = req.application.bindingsLoads
        if let hit = cache.entry(for: org, now: req.now) {
            if !hit.isFresh {
                let db = req.application.db
                let now = req.now
                Task {
                    _ = try? await loads.run(org) {
                        let s = try await BindingsRepository(db: db).snapshot(in: scope)
                        cache.store(s, for: org, now: now)
                        return s
                    }
                }
            }
            return hit.value
        }
        // Nothing cached: one read per municipality at a time; requests arriving meanwhile share it.
        return try await loads.run(org) {
            if let hit = cache.entry(for: org, now: req.now), hit.isFresh { return hit.value }
            let s = try await repo(req).snapshot(in: scope)
            cache.store(s, for: org, now: req.now)
            return s
        }
    }

    static func scope(_ req: Request) throws -> TenantScope { try RegisterController.scope(req) }

    static func architectScope(_ req: Request) throws -> TenantScope {
        let scope = try scope(req)
        guard scope.may(.manageBindings) else { throw Abort(.forbidden) }
        return scope
    }

    static func page(_ ctx: PageContext, _ title: String, _ content: Node<HTML.BodyContext>) -> HTMLPage {
        HTMLPage(html: Layout.page(ctx, title: title, section: .bindings, content: content))
    }

    static func fieldError(_ field: String) -> RegisterText.FormError {
        .init(field: field, expected: ("skriv et tal (eller lad feltet stå tomt)", "enter a number (or leave it empty)"))
    }

    static func int(_ text: String?, _ field: String) throws -> Int? {
        let t = (text ?? "").replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "").trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        guard let v = Int(t) else { throw fieldError(field) }
        return v
    }

    static func double(_ text: String?, _ field: String) throws -> Double? {
        let t = (text ?? "").replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        guard let v = Double(t), v.isFinite else { throw fieldError(field) }
        return v
    }

    static func day(_ text: String?, _ field: String) throws -> Date? {
        let t = (text ?? "").trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        guard let d = CalendarDay.date(t) else { throw RepositoryError.invalid(field: field, message: "a date like 2027-06-30") }
        return d
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "\n" || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    // MARK: Overview

    @Sendable static func overview(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        let ctx = PageContext(req)
        let cache = req.application.overviewCaches.bindingsOverview
        let figures: BindingsOverview
        if let hit = cache.figures(for: scope.organisationID, now: req.now) {
            figures = hit
        } else {
            figures = BindingsOverview(s, now: req.now)
            cache.store(figures, for: scope.organisationID, now: req.now)
        }
        return page(ctx, ctx.t("Bindinger", "Bindings"), BindingsViews.overview(ctx, s, figures, now: req.now,
            canEdit: scope.may(.manageBindings), lastRun: try await repo(req).lastLockInRun(in: scope)))
    }

    // MARK: Graph

    @Sendable static func graph(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        var filter = BindingsGraphSVG.Filter()
        filter.vendor = (try? req.query.get(String.self, at: "leverandoer")).flatMap(UUID.init(uuidString:))
        filter.target = TargetParam.parse(try? req.query.get(String.self, at: "maal"))
        filter.department = (try? req.query.get(String.self, at: "afdeling")).flatMap { $0.isEmpty ? nil : $0 }
        filter.minimum = (try? req.query.get(String.self, at: "styrke")).flatMap(Strength.init(rawValue:)) ?? .convenience
        let ctx = PageContext(req)
        return page(ctx, ctx.t("Bindingsgraf", "Bindings graph"), BindingsViews.graph(ctx, s, filter: filter))
    }

    // MARK: Blast radius and lock-in of one target

    @Sendable static func impact(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        let target = TargetParam.parse(try? req.query.get(String.self, at: "maal"))
        let ctx = PageContext(req)
        guard let target, s.scoredTargets.contains(where: { $0.target == target }) || s.graph.exists(target) else {
            return page(ctx, ctx.t("Konsekvens af at fjerne", "Impact of removing"), BindingsViews.impactChooser(ctx, s, selected: nil))
        }
        let radius = s.graph.blastRadius(of: target)
        let score = s.graph.lockIn(of: target, contracts: s.contracts, dataAssets: s.dataAssets, now: req.now)
        let history = try await repo(req).lockInHistory(of: target, in: scope)
        return page(ctx, ctx.t("Konsekvens af at fjerne ", "Impact of removing ") + s.graph.name(of: target),
            BindingsViews.impact(ctx, s, target: target, radius: radius, score: score, history: history))
    }

    @Sendable static func lockIn(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        let ctx = PageContext(req)
        let scores = s.lockInScores(now: req.now).sorted { ($0.score.level, $0.score.total, $1.name) > ($1.score.level, $1.score.total, $0.name) }
        return page(ctx, ctx.t("Indlåsning", "Lock-in"), BindingsViews.lockIn(ctx, s, scores: scores, lastRun: try await repo(req).lastLockInRun(in: scope)))
    }

    /// Stores today's scores as a snapshot (the trend). Any member may do it: it changes no register data.
    @Sendable static func recompute(req: Request) async throws -> Response {
        let scope = try scope(req)
        let count = try await repo(req).recomputeLockIn(in: scope, now: req.now)
        try await req.audit(.lockInRecomputed, organisationID: scope.organisationID, actorID: scope.userID, targetType: "organisation",
            targetID: scope.organisationID.uuidString, detail: "scores=\(count)")
        req.flash(req.lang.t("\(count) scorer er beregnet og gemt.", "\(count) scores computed and saved."))
        return req.redirect(to: .bindingsLockIn)
    }

    // MARK: Vendors

    struct VendorForm: Content {
        var name: String
        var cvr: String?
        var country: String
        var parent_id: String?
        var non_eu_compellable: String?
        var open_source: String?

        func input() -> BindingsRepository.VendorInput {
            var v = BindingsRepository.VendorInput(name: name, country: country)
            v.cvr = cvr ?? ""
            v.parentID = parent_id.flatMap(UUID.init(uuidString:))
            v.nonEUCompellable = non_eu_compellable == "1"
            v.openSource = open_source == "1"
            return v
        }
    }

    @Sendable static func vendors(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        let ctx = PageContext(req)
        return page(ctx, ctx.t("Leverandører", "Vendors"), BindingsViews.vendors(ctx, s, canEdit: scope.may(.manageBindings)))
    }

    @Sendable static func createVendor(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let form = try req.content.decode(VendorForm.self)
        return try await RegisterController.change(req, back: .bindingsVendors, done: req.lang.t("Leverandøren er oprettet.", "The vendor is created.")) {
            let id = try await repo(req).saveVendor(form.input(), in: scope, now: req.now)
            return (.vendorSaved, "vendor", id, .bindingsVendor(id))
        }
    }

    @Sendable static func vendor(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let id = try req.uuidParameter()
        let s = try await snapshot(req, scope)
        guard let vendor = s.landscape.vendors.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let score = s.graph.lockIn(of: .vendor(id), contracts: s.contracts, dataAssets: s.dataAssets, now: req.now)
        let ctx = PageContext(req)
        return page(ctx, vendor.name, BindingsViews.vendor(ctx, s, vendor: vendor, score: score, roles: try await repo(req).vendorRoles(in: scope),
            history: try await repo(req).lockInHistory(of: .vendor(id), in: scope), canEdit: scope.may(.manageBindings)))
    }

    @Sendable static func updateVendor(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let form = try req.content.decode(VendorForm.self)
        return try await RegisterController.change(req, back: .bindingsVendor(id), done: req.lang.t("Leverandøren er gemt.", "The vendor is saved.")) {
            _ = try await repo(req).saveVendor(form.input(), id: id, in: scope, now: req.now)
            return (.vendorSaved, "vendor", id, nil)
        }
    }

    struct ProductForm: Content {
        var name: String
        var category: String?
        var delivery: String?
        var licence: String?
        var open_standards: String?
        var export_formats: String?

        var facts: BindingsRepository.ProductFacts {
            .init(delivery: delivery ?? "", licence: licence ?? "", openStandards: lines(open_standards?.replacingOccurrences(of: ",", with: ";")),
                exportFormats: lines(export_formats?.replacingOccurrences(of: ",", with: ";")))
        }
    }

    @Sendable static func addProduct(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let form = try req.content.decode(ProductForm.self)
        return try await RegisterController.change(req, back: .bindingsVendor(id), done: req.lang.t("Produktet er tilføjet.", "The product is added.")) {
            let product = try await repo(req).saveProduct(vendorID: id, name: form.name, category: form.category ?? "", facts: form.facts, in: scope)
            return (.productSaved, "product", product, nil)
        }
    }

    @Sendable static func addComponent(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let productID = try req.uuidParameter()
        let form = try req.content.decode(ProductForm.self)
        let vendorID = try await repo(req).landscape(in: scope).products.first { $0.id == productID }?.vendorID
        guard let vendorID else { throw Abort(.notFound) }
        return try await RegisterController.change(req, back: .bindingsVendor(vendorID), done: req.lang.t("Komponenten er tilføjet.", "The component is added.")) {
            let component = try await repo(req).saveComponent(productID: productID, name: form.name, in: scope)
            return (.productSaved, "component", component, nil)
        }
    }

    // MARK: Systems and their bindings

    @Sendable static func systems(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        let ctx = PageContext(req)
        return page(ctx, ctx.t("Systemer og processer", "Systems and processes"), BindingsViews.systems(ctx, s))
    }

    @Sendable static func system(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let id = try req.uuidParameter()
        let s = try await snapshot(req, scope)
        guard let usage = s.landscape.usages.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let ctx = PageContext(req)
        let departments = try await req.organisations.departments(in: scope).map(\.name)
        return page(ctx, usage.name, BindingsViews.system(ctx, s, usage: usage, departments: departments, verifiers: try await names(req, scope),
            now: req.now, canEdit: scope.may(.manageBindings)))
    }

    /// Names of the municipality's people (who verified a binding).
    static func names(_ req: Request, _ scope: TenantScope) async throws -> [UUID: String] {
        Dictionary(try await req.memberships.members(in: scope).map { ($0.userID, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }

    struct UsageForm: Content {
        var users: String?
        var used_by: [String]?
    }

    @Sendable static func updateSystem(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let form = try req.content.decode(UsageForm.self)
        return try await RegisterController.change(req, back: .bindingsSystem(id), done: req.lang.t("Brugen er gemt.", "The usage is saved.")) {
            try await repo(req).saveUsage(id, users: try int(form.users, "users") ?? 0, usedBy: form.used_by ?? [], in: scope, now: req.now)
            return (.usageSaved, "asset", id, nil)
        }
    }

    struct BindingForm: Content {
        var target: String
        var type: String
        var scope: String?
        var strength: String
        var substitutability: String?
        var functions: String?
        var workaround: String?
        var removal_cost: String?
        var removal_effort_days: String?
        var evidence: String?
    }

    @Sendable static func addBinding(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let form = try req.content.decode(BindingForm.self)
        return try await RegisterController.change(req, back: .bindingsSystem(id), done: req.lang.t("Bindingen er registreret.", "The binding is recorded.")) {
            guard let target = TargetParam.parse(form.target) else { throw RepositoryError.invalid(field: "target", message: "choose what the system binds to") }
            guard let type = BindingType(rawValue: form.type), let strength = Strength(rawValue: form.strength) else {
                throw RepositoryError.invalid(field: "type", message: "choose a type and a strength")
            }
            var b = BindingsRepository.BindingInput(assetID: id, target: target, type: type, strength: strength)
            b.scope = form.scope.flatMap(BindingScope.init(rawValue:)) ?? .fagsystem
            b.substitutability = form.substitutability.flatMap(Substitutability.init(rawValue:)) ?? .none
            b.functions = lines(form.functions)
            b.workaround = form.workaround ?? ""
            b.removalCost = try int(form.removal_cost, "removal_cost")
            b.removalEffortDays = try double(form.removal_effort_days, "removal_effort_days")
            b.evidence = form.evidence ?? ""
            let bindingID = try await repo(req).saveBinding(b, in: scope, now: req.now)
            return (.bindingSaved, "binding", bindingID, nil)
        }
    }

    /// The system a binding belongs to (for redirects), within the caller's scope.
    static func bindingOwner(_ req: Request, _ id: UUID, _ scope: TenantScope) async throws -> UUID {
        guard let b = try await repo(req).landscape(in: scope).bindings.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return b.from
    }

    @Sendable static func deleteBinding(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let system = try await bindingOwner(req, id, scope)
        return try await RegisterController.change(req, back: .bindingsSystem(system), done: req.lang.t("Bindingen er slettet.", "The binding is deleted.")) {
            try await repo(req).deleteBinding(id, in: scope)
            return (.bindingDeleted, "binding", id, nil)
        }
    }

    @Sendable static func verifyBinding(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let system = try await bindingOwner(req, id, scope)
        return try await RegisterController.change(req, back: .bindingsSystem(system), done: req.lang.t("Bindingen er markeret som verificeret.", "The binding is marked verified.")) {
            try await repo(req).verifyBinding(id, in: scope, now: req.now)
            return (.bindingVerified, "binding", id, nil)
        }
    }

    struct DataForm: Content {
        var name: String
        var business_critical: String?
        var export_formats: String?
        var last_tested_export: String?
        var tested_export_open: String?
    }

    @Sendable static func addData(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let form = try req.content.decode(DataForm.self)
        return try await RegisterController.change(req, back: .bindingsSystem(id), done: req.lang.t("Datasættet er registreret.", "The data set is recorded.")) {
            var d = BindingsRepository.DataAssetInput(assetID: id, name: form.name)
            d.businessCritical = form.business_critical == "1"
            d.exportFormats = lines(form.export_formats?.replacingOccurrences(of: ",", with: ";"))
            d.lastTestedExport = try day(form.last_tested_export, "last_tested_export")
            d.testedExportOpen = form.tested_export_open == "1"
            let dataID = try await repo(req).saveDataAsset(d, in: scope)
            return (.usageSaved, "data_asset", dataID, nil)
        }
    }

    // MARK: Contracts and the exit-window calendar

    struct ContractForm: Content {
        var name: String
        var vendor_id: String?
        var usages: [UUID]?
        var expiry: String?
        var notice_months: String?
        var renewal_months: String?
        var irrevocable_until: String?
        var exit_clause: String?
        var exit_assistance: String?
        var annual_cost: String?
        var data_return: String?
        var switching_charges: String?

        func input() throws -> BindingsRepository.ContractInput {
            var c = BindingsRepository.ContractInput(name: name)
            c.vendorID = vendor_id.flatMap(UUID.init(uuidString:))
            c.usages = usages ?? []
            c.expiry = try day(expiry, "expiry")
            c.noticeMonths = try int(notice_months, "notice_months") ?? 0
            c.renewalMonths = try int(renewal_months, "renewal_months")
            c.irrevocableUntil = try day(irrevocable_until, "irrevocable_until")
            c.exitClause = exit_clause == "1"
            c.exitAssistance = exit_assistance == "1"
            c.annualCost = try int(annual_cost, "annual_cost")
            c.dataReturn = data_return ?? ""
            c.switchingCharges = switching_charges == "1"
            return c
        }
    }

    @Sendable static func contracts(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        let ctx = PageContext(req)
        return page(ctx, ctx.t("Kontrakter og exitvinduer", "Contracts and exit windows"), BindingsViews.contracts(ctx, s,
            calendar: s.graph.exitCalendar(contracts: s.contracts, now: req.now), now: req.now, canEdit: scope.may(.manageBindings)))
    }

    @Sendable static func createContract(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let form = try req.content.decode(ContractForm.self)
        return try await RegisterController.change(req, back: .bindingsContracts, done: req.lang.t("Kontrakten er oprettet.", "The contract is created.")) {
            let id = try await repo(req).saveContract(try form.input(), in: scope, now: req.now)
            return (.vendorSaved, "contract", id, .bindingsContract(id))
        }
    }

    @Sendable static func contract(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let id = try req.uuidParameter()
        let s = try await snapshot(req, scope)
        guard let contract = s.contracts.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let ctx = PageContext(req)
        let fromKitos = try await repo(req).kitosContracts(in: scope).contains(id)
        return page(ctx, contract.name, BindingsViews.contract(ctx, s, contract: contract, fromKitos: fromKitos, now: req.now, canEdit: scope.may(.manageBindings)))
    }

    @Sendable static func updateContract(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let form = try req.content.decode(ContractForm.self)
        return try await RegisterController.change(req, back: .bindingsContract(id), done: req.lang.t("Kontrakten er gemt.", "The contract is saved.")) {
            _ = try await repo(req).saveContract(try form.input(), id: id, in: scope, now: req.now)
            return (.vendorSaved, "contract", id, nil)
        }
    }

    // MARK: What-if, side by side

    @Sendable static func whatIf(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        var scenarios: [Scenario] = []
        for n in 1...3 {
            guard let target = TargetParam.parse(try? req.query.get(String.self, at: "s\(n)")), s.graph.exists(target) else { continue }
            let department = (try? req.query.get(String.self, at: "a\(n)")).flatMap { $0.isEmpty ? nil : $0 }
            let open = (try? req.query.get(String.self, at: "o\(n)")) == "1"
            scenarios.append(Scenario(name: "\(n)", remove: [target], departments: department.map { [$0] }, replacementSupportsOpenStandards: open))
        }
        let ctx = PageContext(req)
        return page(ctx, ctx.t("Hvad nu hvis", "What if"), BindingsViews.whatIf(ctx, s, scenarios: scenarios, results: scenarios.map(s.graph.whatIf)))
    }

    // MARK: Office-suite move, joined with Licenser

    @Sendable static func officeMove(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        let ctx = PageContext(req)
        let suite = TargetParam.parse(try? req.query.get(String.self, at: "maal")) ?? s.defaultOfficeSuite
        let licences = try await LicenceRepository(db: req.db).departmentTotals(in: scope)
        let move = suite.map { s.graph.officeMove(officeSuite: $0, licences: licences.mapValues { ($0.users, $0.savingOre) }) }
        return page(ctx, ctx.t("Skift af kontorpakke", "Moving office suite"), BindingsViews.officeMove(ctx, s, suite: suite, move: move, licences: licences,
            canSeeUsers: scope.may(.viewPersonalUsage)))
    }

    /// Per user: personal data, so licence administrators only, and every view is logged.
    @Sendable static func officeMoveUsers(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        guard scope.may(.viewPersonalUsage) else { throw Abort(.forbidden) }
        let department = (try? req.query.get(String.self, at: "afdeling")) ?? ""
        let s = try await snapshot(req, scope)
        let suite = TargetParam.parse(try? req.query.get(String.self, at: "maal")) ?? s.defaultOfficeSuite
        let licences = LicenceRepository(db: req.db)
        guard let snapshot = try await licences.latestSnapshot(in: scope), !snapshot.isPurged else { throw Abort(.notFound) }
        var query = LicenceUserQuery()
        query.department = department
        query.perPage = 500
        query.page = max(1, (try? req.query.get(Int.self, at: "side")) ?? 1)
        let (rows, total) = try await licences.users(snapshot: snapshot.id, query: query, in: scope)
        try await req.audit(.personalDataViewed, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_snapshot",
            targetID: snapshot.id.uuidString, detail: "office-move users, rows=\(rows.count)")
        let move = suite.map { s.graph.officeMove(officeSuite: $0, licences: [department: (0, 0)]) }
        let ctx = PageContext(req)
        return page(ctx, ctx.t("Brugere i ", "Users in ") + department, BindingsViews.officeMoveUsers(ctx, department: department,
            verdict: move?.departments.first { $0.name == department }, rows: rows, total: total, page: query.page))
    }

    // MARK: Exit plans

    struct ExitPlanForm: Content {
        var title: String
        var target: String?
        var contract_id: String?
        var departments: [String]?
        var triggers: String?
        var impact: String?
        var alternatives: String?
        var phases: String?
        var data_migration: String?
        var roles: String?
        var success_criteria: String?
        var tests: String?
        var planned_done: String?

        func input() -> BindingsRepository.ExitPlanInput {
            var p = BindingsRepository.ExitPlanInput(title: title)
            p.target = TargetParam.parse(target)
            p.contractID = contract_id.flatMap(UUID.init(uuidString:))
            p.departments = departments ?? []
            (p.triggers, p.impact, p.alternatives, p.phases) = (triggers ?? "", impact ?? "", alternatives ?? "", phases ?? "")
            (p.dataMigration, p.roles, p.successCriteria, p.tests) = (data_migration ?? "", roles ?? "", success_criteria ?? "", tests ?? "")
            p.plannedDone = planned_done ?? ""
            return p
        }
    }

    @Sendable static func exitPlans(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let s = try await snapshot(req, scope)
        let plans = try await repo(req).exitPlans(in: scope)
        let ctx = PageContext(req)
        let departments = try await req.organisations.departments(in: scope).map(\.name)
        return page(ctx, ctx.t("Exitplaner", "Exit plans"), BindingsViews.exitPlans(ctx, s, plans: plans, departments: departments,
            preset: TargetParam.parse(try? req.query.get(String.self, at: "maal")), now: req.now, canEdit: scope.may(.manageBindings)))
    }

    @Sendable static func createExitPlan(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let form = try req.content.decode(ExitPlanForm.self)
        return try await RegisterController.change(req, back: .bindingsExitPlans, done: req.lang.t("Exitplanen er oprettet.", "The exit plan is created.")) {
            let id = try await repo(req).saveExitPlan(form.input(), in: scope, now: req.now)
            return (.exitPlanSaved, "exit_plan", id, .bindingsExitPlan(id))
        }
    }

    @Sendable static func exitPlan(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let plan = try await repo(req).exitPlan(try req.uuidParameter(), in: scope)
        let s = try await snapshot(req, scope)
        let ctx = PageContext(req)
        let departments = try await req.organisations.departments(in: scope).map(\.name)
        return page(ctx, plan.title, BindingsViews.exitPlan(ctx, s, plan: plan, departments: departments, approver: try await names(req, scope)[plan.approvedBy ?? UUID()],
            now: req.now, canEdit: scope.may(.manageBindings), canApprove: scope.may(.approveOnBehalfOfManagement)))
    }

    @Sendable static func updateExitPlan(req: Request) async throws -> Response {
        let scope = try architectScope(req)
        let id = try req.uuidParameter()
        let form = try req.content.decode(ExitPlanForm.self)
        return try await RegisterController.change(req, back: .bindingsExitPlan(id), done: req.lang.t("Exitplanen er gemt.", "The exit plan is saved.")) {
            _ = try await repo(req).saveExitPlan(form.input(), id: id, in: scope, now: req.now)
            return (.exitPlanSaved, "exit_plan", id, nil)
        }
    }

    @Sendable static func approveExitPlan(req: Request) async throws -> Response {
        let scope = try scope(req)
        let id = try req.uuidParameter()
        return try await RegisterController.change(req, back: .bindingsExitPlan(id), done: req.lang.t("Exitplanen er godkendt.", "The exit plan is approved.")) {
            try await repo(req).approveExitPlan(id, in: scope, now: req.now)
            return (.exitPlanApproved, "exit_plan", id, nil)
        }
    }

    static func tenderInput(_ req: Request) async throws -> (ExitPlanRecord, BindingsSnapshot, [TenderRequirement], [Binding]) {
        let scope = try scope(req)
        let plan = try await repo(req).exitPlan(try req.uuidParameter(), in: scope)
        let s = try await snapshot(req, scope)
        let bindings = s.bindings(for: plan)
        return (plan, s, TenderRequirements.requirements(for: bindings), bindings)
    }

    @Sendable static func tender(req: Request) async throws -> Response {
        let (plan, s, requirements, bindings) = try await tenderInput(req)
        let ctx = PageContext(req)
        let municipality = try req.requireActor().current.formalName
        return try await PrintLayout.page(ctx, title: ctx.t("Udbudskrav: ", "Tender requirements: ") + plan.title, odt: SiteURL.bindingsTenderODT(plan.id).path,
            back: SiteURL.bindingsExitPlan(plan.id).path,
            content: BindingsViews.tender(ctx, s, plan: plan, requirements: requirements, bindings: bindings, municipality: municipality, printedAt: req.now))
            .encodeResponse(for: req)
    }

    @Sendable static func tenderODT(req: Request) async throws -> Response {
        let (plan, s, requirements, bindings) = try await tenderInput(req)
        let municipality = try req.requireActor().current.formalName
        return Download.odt(BindingsViews.tenderDocument(req.lang, s, plan: plan, requirements: requirements, bindings: bindings, municipality: municipality,
            printedAt: req.now), filename: "udbudskrav.odt")
    }
}

/// What the Bindinger overview shows, computed from the register's graph (cached like the graph).
struct BindingsOverview: Sendable {
    var vendorScores: [(name: String, score: LockInScore)]
    var quality: DataQuality
    var concentration: Concentration
    var windows: [ExitCalendarEntry]
    var keystones: [(component: Bindings.Component, hard: Int)]

    init(_ s: BindingsSnapshot, now: Date) {
        let scored = Set(s.scoredTargets.map(\.target))
        vendorScores = s.landscape.vendors.filter { v in v.parentID == nil && scored.contains(.vendor(v.id)) }
            .map { ($0.name, s.graph.lockIn(of: .vendor($0.id), contracts: s.contracts, dataAssets: s.dataAssets, now: now)) }
            .sorted { ($0.score.level, $0.score.total) > ($1.score.level, $1.score.total) }
        quality = DataQuality(s.landscape, contracts: s.contracts)
        concentration = s.graph.concentration(contracts: s.contracts)
        windows = s.graph.exitCalendar(contracts: s.contracts, now: now, months: 12)
        keystones = s.graph.keystones()
    }
}

extension BindingsSnapshot {
    /// The first product in the office-suite category.
    var defaultOfficeSuite: Target? {
        landscape.products.first { $0.category.lowercased() == "office suite" || $0.category.lowercased() == "kontorpakke" }.map { .product($0.id) }
    }

    /// The bindings an exit plan leaves: those to its target (or, without a target, all), from usages of its sub-area.
    func bindings(for plan: ExitPlanRecord) -> [Binding] {
        let departments = Set(plan.departmentList)
        let usages = Dictionary(landscape.usages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let candidates = plan.target.map { graph.blastRadius(of: $0).bindings } ?? landscape.bindings
        return candidates.filter { b in
            departments.isEmpty || (usages[b.from]?.departments.contains(where: departments.contains) ?? false)
        }
    }
}
