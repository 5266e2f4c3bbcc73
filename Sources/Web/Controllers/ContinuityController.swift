import Community
import Fluent
import Foundation
import Persistence
import Plot
import Resilience
import Vapor

/// Beredskabsplaner: activation, roles, call tree, steps and stand-down; exercises with computed
/// targets met; the printable plan (paper works when the network does not).
enum ContinuityController {
    static func repo(_ req: Request) -> ResilienceRepository { ResilienceRepository(db: req.db) }

    /// Centre operators with a continuity grant may read plans; the register's scope is enough here
    /// because grants are read-only and handled by Fællesskab.
    @Sendable static func plans(req: Request) async throws -> HTMLPage {
        let scope = try RegisterController.scope(req)
        let r = repo(req)
        let ctx = PageContext(req)
        return RegisterController.page(ctx, ctx.t("Beredskabsplaner", "Contingency plans"), ContinuityViews.plans(ctx, try await r.plans(in: scope),
            assets: try await r.assets(in: scope), exercises: try await r.exercises(in: scope), warnings: try await r.continuityWarnings(in: scope),
            now: req.now, canEdit: scope.may(.manageSecurity)))
    }

    struct PlanForm: Content {
        var asset: String?
        var title: String
        var activation: String?
        var roles: String?
        var steps: String?
        var stand_down: String?
        var fallback_channel: String?
        var revised_on: String?

        var input: ResilienceRepository.PlanInput {
            var i = ResilienceRepository.PlanInput(assetId: asset.flatMap(UUID.init(uuidString:)), title: title)
            i.activation = activation ?? ""
            i.roles = roles ?? ""
            i.steps = steps ?? ""
            i.standDown = stand_down ?? ""
            i.fallbackChannel = fallback_channel ?? ""
            i.revisedOn = revised_on ?? ""
            return i
        }
    }

    @Sendable static func createPlan(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req, .manageSecurity)
        return try await RegisterController.change(req, back: .plans, done: req.lang.t("Planen er gemt.", "The plan is saved.")) {
            let id = try await repo(req).savePlan(try req.content.decode(PlanForm.self).input, in: scope, now: req.now)
            return (.planSaved, "plan", id, .plan(id))
        }
    }

    struct Loaded {
        var plan: PlanRecord
        var asset: AssetRecord?
        var contacts: [ContactRecord]
        var exercises: [ExerciseRecord]
    }

    static func load(_ req: Request, _ scope: TenantScope) async throws -> Loaded {
        let r = repo(req)
        let plan = try await r.plan(try req.uuidParameter(), in: scope)
        var asset: AssetRecord?
        if let id = plan.assetId { asset = try await r.asset(id, in: scope) }
        return Loaded(plan: plan, asset: asset, contacts: try await r.contacts(plan.id, in: scope),
            exercises: try await r.exercises(in: scope).filter { $0.planId == plan.id })
    }

    @Sendable static func plan(req: Request) async throws -> HTMLPage {
        let scope = try RegisterController.scope(req)
        let loaded = try await load(req, scope)
        let ctx = PageContext(req)
        return RegisterController.page(ctx, loaded.plan.title, ContinuityViews.plan(ctx, loaded, assets: try await repo(req).assets(in: scope),
            today: CalendarDay.string(req.now), canEdit: scope.may(.manageSecurity)))
    }

    @Sendable static func updatePlan(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req, .manageSecurity)
        let id = try req.uuidParameter()
        _ = try await repo(req).plan(id, in: scope)
        return try await RegisterController.change(req, back: .plan(id), done: req.lang.t("Planen er gemt.", "The plan is saved.")) {
            try await repo(req).savePlan(try req.content.decode(PlanForm.self).input, id: id, in: scope, now: req.now)
            return (.planSaved, "plan", id, nil)
        }
    }

    struct ContactForm: Content {
        var parent: String?
        var name: String
        var role: String?
        var phone: String
        var alt_phone: String?
    }

    @Sendable static func addContact(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req, .manageSecurity)
        let id = try req.uuidParameter()
        _ = try await repo(req).plan(id, in: scope)
        return try await RegisterController.change(req, back: .plan(id), done: req.lang.t("Personen er føjet til kaldetræet.", "The person is added to the call tree.")) {
            let form = try req.content.decode(ContactForm.self)
            try await repo(req).addContact(id, .init(parentId: form.parent.flatMap(UUID.init(uuidString:)), name: form.name, role: form.role ?? "",
                phone: form.phone, altPhone: form.alt_phone ?? ""), in: scope)
            return (.planSaved, "plan", id, nil)
        }
    }

    @Sendable static func removeContact(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req, .manageSecurity)
        let id = try req.uuidParameter()
        let contact = try req.uuidParameter("contact")
        _ = try await repo(req).plan(id, in: scope)
        return try await RegisterController.change(req, back: .plan(id), done: req.lang.t("Personen er fjernet fra kaldetræet.", "The person is removed from the call tree.")) {
            try await repo(req).removeContact(id, contact: contact, in: scope)
            return (.planSaved, "plan", id, nil)
        }
    }

    struct ExerciseForm: Content {
        var held_on: String
        var method: String
        var success_criteria: String?
        var result: String?
        var achieved_rto_hours: String?
        var achieved_rpo_hours: String?
        var follow_ups: String?
    }

    @Sendable static func addExercise(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req, .manageSecurity)
        let id = try req.uuidParameter()
        _ = try await repo(req).plan(id, in: scope)
        return try await RegisterController.change(req, back: .plan(id), done: req.lang.t("Øvelsen er registreret.", "The exercise is recorded.")) {
            let form = try req.content.decode(ExerciseForm.self)
            var input = ResilienceRepository.ExerciseInput(heldOn: form.held_on, method: form.method)
            input.successCriteria = form.success_criteria ?? ""
            input.result = form.result ?? ""
            input.achievedRtoHours = try RegisterText.parseHours(form.achieved_rto_hours, field: "achieved_rto_hours")
            input.achievedRpoHours = try RegisterText.parseHours(form.achieved_rpo_hours, field: "achieved_rpo_hours")
            input.followUps = form.follow_ups ?? ""
            try await repo(req).addExercise(id, input, in: scope, now: req.now)
            return (.exerciseRecorded, "plan", id, nil)
        }
    }

    /// The plan as a page made for paper: no navigation, the call tree first.
    @Sendable static func print(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req)
        let loaded = try await load(req, scope)
        let ctx = PageContext(req)
        let municipality = try req.requireActor().current.formalName
        return try await PrintLayout.page(ctx, title: ctx.t("Beredskabsplan: ", "Contingency plan: ") + loaded.plan.title, odt: SiteURL.planODT(loaded.plan.id).path,
            back: SiteURL.plan(loaded.plan.id).path, content: ContinuityViews.printable(ctx, loaded, municipality: municipality, printedAt: req.now))
            .encodeResponse(for: req)
    }

    @Sendable static func odt(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req)
        let loaded = try await load(req, scope)
        let municipality = try req.requireActor().current.formalName
        let document = ContinuityViews.document(req.lang, loaded, municipality: municipality, printedAt: req.now)
        return Download.odt(document, filename: "beredskabsplan.odt")
    }
}
