import Community
import Fluent
import Foundation
import Persistence
import Plot
import Resilience
import Vapor

/// The NIS2 register: the asset inventory, the risk register with its matrix and heat map, and the
/// measures against the catalogue with their evidence and management approval.
enum RegisterController {
    static func repo(_ req: Request) -> ResilienceRepository { ResilienceRepository(db: req.db) }

    /// The scope of a municipality's register; centres and the CERT have none.
    static func scope(_ req: Request, _ permission: Permission = .viewDashboard) throws -> TenantScope {
        let scope = try req.scope(requiring: permission)
        guard scope.organisationKind == .municipality else { throw Abort(.notFound) }
        return scope
    }

    /// Who may change the inventory: security officers and architects (the inventory is shared with Bindinger).
    static func inventoryScope(_ req: Request) throws -> TenantScope {
        let scope = try scope(req)
        guard scope.may(.manageSecurity) || scope.may(.manageBindings) else { throw Abort(.forbidden) }
        return scope
    }

    /// Runs a change, records it in the audit log and turns refusals into a message on `back`.
    static func change(
        _ req: Request, back: SiteURL, done: String, _ body: () async throws -> (AuditAction, String, UUID, SiteURL?)
    ) async throws -> Response {
        let actor = try req.requireActor()
        do {
            let (action, type, id, next) = try await body()
            try await req.audit(action, organisationID: actor.scope.organisationID, actorID: actor.scope.userID, targetType: type, targetID: id.uuidString)
            req.flash(done)
            return req.redirect(to: next ?? back)
        } catch let error as RepositoryError where error != .notFound {
            req.flash(AdminController.message(error, req.lang), error: true)
        } catch let error as RegisterText.FormError {
            req.flash(req.lang.t("Ugyldigt felt \(error.field): \(error.expected.da).", "Invalid field \(error.field): \(error.expected.en)."), error: true)
        }
        return req.redirect(to: back)
    }

    /// A page of the NIS2 section. Takes the page's one context: reading the flash message consumes it.
    static func page(_ ctx: PageContext, _ title: String, _ content: Node<HTML.BodyContext>) -> HTMLPage {
        HTMLPage(html: Layout.page(ctx, title: title, section: .nis2, content: content))
    }

    // MARK: Assets

    struct AssetForm: Content {
        var kind: String
        var name: String
        var description: String?
        var owner: String?
        var criticality: String?
        var kle: String?
        var mtpd_hours: String?
        var rto_hours: String?
        var rpo_hours: String?
        var min_service: String?
        var manual_fallback: String?
        var depends_on: [UUID]?

        func input() throws -> ResilienceRepository.AssetInput {
            var i = ResilienceRepository.AssetInput(kind: kind, name: name)
            i.description = description ?? ""
            i.owner = owner ?? ""
            i.criticality = criticality ?? "medium"
            i.kle = kle ?? ""
            i.mtpdHours = try RegisterText.parseHours(mtpd_hours, field: "mtpd_hours")
            i.rtoHours = try RegisterText.parseHours(rto_hours, field: "rto_hours")
            i.rpoHours = try RegisterText.parseHours(rpo_hours, field: "rpo_hours")
            i.minService = min_service ?? ""
            i.manualFallback = manual_fallback ?? ""
            i.dependsOn = depends_on ?? []
            return i
        }
    }

    @Sendable static func assets(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let assets = try await repo(req).assets(in: scope)
        let ctx = PageContext(req)
        return page(ctx, ctx.t("Aktiver: systemer og processer", "Assets: systems and processes"),
            RegisterViews.assets(ctx, assets, warnings: try await repo(req).continuityWarnings(in: scope),
                canEdit: scope.may(.manageSecurity) || scope.may(.manageBindings)))
    }

    @Sendable static func createAsset(req: Request) async throws -> Response {
        let scope = try inventoryScope(req)
        return try await change(req, back: .assets, done: req.lang.t("Aktivet er gemt.", "The asset is saved.")) {
            let id = try await repo(req).saveAsset(try req.content.decode(AssetForm.self).input(), in: scope, now: req.now)
            return (.assetSaved, "asset", id, .asset(id))
        }
    }

    @Sendable static func asset(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let asset = try await repo(req).asset(try req.uuidParameter(), in: scope)
        let all = try await repo(req).assets(in: scope)
        let deps = try await repo(req).dependencies(in: scope)
        let risks = try await repo(req).risks(in: scope, asset: asset.id)
        let plans = try await repo(req).plans(in: scope).filter { $0.assetId == asset.id }
        let ctx = PageContext(req)
        return page(ctx, asset.name, RegisterViews.asset(ctx, asset, all: all, dependsOn: Set(deps[asset.id] ?? []),
            dependants: all.filter { (deps[$0.id] ?? []).contains(asset.id) }, risks: risks, plans: plans,
            canEdit: scope.may(.manageSecurity) || scope.may(.manageBindings)))
    }

    @Sendable static func updateAsset(req: Request) async throws -> Response {
        let scope = try inventoryScope(req)
        let id = try req.uuidParameter()
        _ = try await repo(req).asset(id, in: scope)
        return try await change(req, back: .asset(id), done: req.lang.t("Aktivet er gemt.", "The asset is saved.")) {
            try await repo(req).saveAsset(try req.content.decode(AssetForm.self).input(), id: id, in: scope, now: req.now)
            return (.assetSaved, "asset", id, nil)
        }
    }

    // MARK: Risks

    struct RiskForm: Content {
        var asset: String?
        var title: String
        var threat: String?
        var vulnerability: String?
        var consequence: String?
        var inherent_likelihood: Int
        var inherent_impact: Int
        var residual_likelihood: Int
        var residual_impact: Int
        var treatment: String
        var owner: String?
        var due_on: String?
        var measures: [UUID]?

        var input: ResilienceRepository.RiskInput {
            var i = ResilienceRepository.RiskInput(assetId: asset.flatMap(UUID.init(uuidString:)), title: title,
                inherent: (inherent_likelihood, inherent_impact), residual: (residual_likelihood, residual_impact))
            i.threat = threat ?? ""
            i.vulnerability = vulnerability ?? ""
            i.consequence = consequence ?? ""
            i.treatment = treatment
            i.owner = owner ?? ""
            i.dueOn = due_on ?? ""
            i.measureIds = measures ?? []
            return i
        }
    }

    static let risksPerPage = 50

    @Sendable static func risks(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let r = repo(req)
        let ctx = PageContext(req)
        var state = try await r.matrix(in: scope, countUses: false)
        let counts = try await r.heatCounts(in: scope, matrix: state)
        // The assessments on the current matrix are exactly those in its heat map.
        state.risksUsingIt = counts.inherent.joined().reduce(0, +)
        if state.risksUsingIt > 0 { state.matrix.markInUse() }
        let total = try await r.riskTotal(in: scope)
        let pages = max(1, (total + risksPerPage - 1) / risksPerPage)
        let page = min(req.pageNumber, pages)
        let risks = try await r.risks(in: scope, offset: (page - 1) * risksPerPage, limit: risksPerPage, withMeasures: false,
            matrices: state.id.map { [$0: state.matrix] })
        let view = RegisterViews.RiskRegister(risks: risks, total: total, page: page, pages: pages, matrix: state, inherentCounts: counts.inherent,
            residualCounts: counts.residual)
        return self.page(ctx, ctx.t("Risikoregister", "Risk register"), RegisterViews.risks(ctx, view,
            assetNames: try await r.assetNames(risks.compactMap(\.record.assetId), in: scope), canEdit: scope.may(.manageSecurity)))
    }

    /// The form for a new risk (its own page: the register stays light with hundreds of assets).
    @Sendable static func newRisk(req: Request) async throws -> HTMLPage {
        let scope = try scope(req, .manageSecurity)
        let r = repo(req)
        let ctx = PageContext(req)
        let asset = (try? req.query.get(String.self, at: "aktiv")).flatMap(UUID.init(uuidString:))
        return page(ctx, ctx.t("Ny risiko", "New risk"), RegisterViews.newRisk(ctx, matrix: try await r.matrix(in: scope).matrix,
            assets: try await r.assetNames(in: scope), measures: try await r.measureTitles(in: scope), asset: asset))
    }

    @Sendable static func createRisk(req: Request) async throws -> Response {
        let scope = try scope(req, .manageSecurity)
        return try await change(req, back: .risks, done: req.lang.t("Risikoen er gemt.", "The risk is saved.")) {
            let id = try await repo(req).saveRisk(try req.content.decode(RiskForm.self).input, in: scope, now: req.now)
            return (.riskSaved, "risk", id, .risk(id))
        }
    }

    @Sendable static func risk(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let r = repo(req)
        let risk = try await r.risk(try req.uuidParameter(), in: scope)
        let members = try await MembershipRepository(db: req.db).members(in: scope)
        let acceptedBy = risk.record.acceptedBy.flatMap { id in members.first { $0.userID == id }?.displayName }
        let ctx = PageContext(req)
        return page(ctx, risk.record.title, RegisterViews.risk(ctx, risk, matrix: try await r.matrix(in: scope), assets: try await r.assetNames(in: scope),
            measures: try await r.measureTitles(in: scope), acceptedBy: acceptedBy, canEdit: scope.may(.manageSecurity),
            canAccept: scope.may(.approveOnBehalfOfManagement)))
    }

    @Sendable static func updateRisk(req: Request) async throws -> Response {
        let scope = try scope(req, .manageSecurity)
        let id = try req.uuidParameter()
        _ = try await repo(req).risk(id, in: scope)
        return try await change(req, back: .risk(id), done: req.lang.t("Risikoen er gemt.", "The risk is saved.")) {
            try await repo(req).saveRisk(try req.content.decode(RiskForm.self).input, id: id, in: scope, now: req.now)
            return (.riskSaved, "risk", id, nil)
        }
    }

    @Sendable static func acceptRisk(req: Request) async throws -> Response {
        let scope = try scope(req)
        let id = try req.uuidParameter()
        _ = try await repo(req).risk(id, in: scope)
        guard scope.may(.approveOnBehalfOfManagement) else { throw Abort(.forbidden) }
        return try await change(req, back: .risk(id), done: req.lang.t("Restrisikoen er accepteret.", "The residual risk is accepted.")) {
            try await repo(req).acceptRisk(id, in: scope, now: req.now)
            return (.riskAccepted, "risk", id, nil)
        }
    }

    struct MatrixForm: Content {
        var levels: String
        var as_new: String?
    }

    /// The matrix as rows of numbers, one line per likelihood from 1 up, e.g. "1 2 3 4 5".
    static func parseMatrix(_ text: String) throws -> [[Int]] {
        var rows: [[Int]] = []
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            var row: [Int] = []
            for (c, cell) in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" }).enumerated() {
                guard let v = Int(cell) else {
                    throw RepositoryError.invalid(field: "levels", message: "line \(n + 1), column \(c + 1): \"\(cell.prefix(20))\" is not a whole number")
                }
                row.append(v)
            }
            rows.append(row)
        }
        return rows
    }

    @Sendable static func saveMatrix(req: Request) async throws -> Response {
        let scope = try scope(req, .manageSecurity)
        return try await change(req, back: .risks, done: req.lang.t("Risikomatricen er gemt.", "The risk matrix is saved.")) {
            let form = try req.content.decode(MatrixForm.self)
            try await repo(req).setMatrix(levels: try parseMatrix(form.levels), asNew: form.as_new == "1", in: scope, now: req.now)
            return (.riskMatrixChanged, "organisation", scope.organisationID, nil)
        }
    }

    // MARK: Measures

    struct MeasureForm: Content {
        var catalogue_ref: String
        var title: String
        var description: String?
        var status: String
        var owner: String?
        var evidence_link: String?
        var review_due: String?

        var input: ResilienceRepository.MeasureInput {
            var i = ResilienceRepository.MeasureInput(catalogueRef: catalogue_ref, title: title)
            i.description = description ?? ""
            i.status = status
            i.owner = owner ?? ""
            i.evidenceLink = evidence_link ?? ""
            i.reviewDue = review_due ?? ""
            return i
        }
    }

    @Sendable static func measures(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let ctx = PageContext(req)
        return page(ctx, ctx.t("Sikringsforanstaltninger", "Security measures"), RegisterViews.measures(ctx, try await repo(req).measures(in: scope),
            today: CalendarDay.string(req.now), canEdit: scope.may(.manageSecurity)))
    }

    @Sendable static func createMeasure(req: Request) async throws -> Response {
        let scope = try scope(req, .manageSecurity)
        return try await change(req, back: .measures, done: req.lang.t("Foranstaltningen er gemt.", "The measure is saved.")) {
            let id = try await repo(req).saveMeasure(try req.content.decode(MeasureForm.self).input, in: scope, now: req.now)
            return (.measureSaved, "measure", id, .measure(id))
        }
    }

    @Sendable static func measure(req: Request) async throws -> HTMLPage {
        let scope = try scope(req)
        let r = repo(req)
        let measure = try await r.measure(try req.uuidParameter(), in: scope)
        let members = try await MembershipRepository(db: req.db).members(in: scope)
        let approvedBy = measure.approvedBy.flatMap { id in members.first { $0.userID == id }?.displayName }
        let ctx = PageContext(req)
        return page(ctx, measure.title, RegisterViews.measure(ctx, measure, evidence: try await r.evidence(in: scope).filter { $0.measureId == measure.id },
            risks: try await r.risks(in: scope, measure: measure.id), approvedBy: approvedBy,
            canEdit: scope.may(.manageSecurity), canApprove: scope.may(.approveOnBehalfOfManagement)))
    }

    @Sendable static func updateMeasure(req: Request) async throws -> Response {
        let scope = try scope(req, .manageSecurity)
        let id = try req.uuidParameter()
        _ = try await repo(req).measure(id, in: scope)
        return try await change(req, back: .measure(id), done: req.lang.t("Foranstaltningen er gemt.", "The measure is saved.")) {
            try await repo(req).saveMeasure(try req.content.decode(MeasureForm.self).input, id: id, in: scope, now: req.now)
            return (.measureSaved, "measure", id, nil)
        }
    }

    @Sendable static func approveMeasure(req: Request) async throws -> Response {
        let scope = try scope(req)
        let id = try req.uuidParameter()
        _ = try await repo(req).measure(id, in: scope)
        guard scope.may(.approveOnBehalfOfManagement) else { throw Abort(.forbidden) }
        return try await change(req, back: .measure(id), done: req.lang.t("Foranstaltningen er godkendt.", "The measure is approved.")) {
            try await repo(req).approveMeasure(id, in: scope, now: req.now)
            return (.measureApproved, "measure", id, nil)
        }
    }

    struct EvidenceForm: Content {
        var _csrf: String?
        var file: File
    }

    /// Evidence upload (multipart). Registered outside CSRFMiddleware because the body must be collected
    /// first; the token is checked here against the session.
    @Sendable static func addEvidence(req: Request) async throws -> Response {
        let scope = try scope(req, .manageSecurity)
        let id = try req.uuidParameter()
        _ = try await repo(req).measure(id, in: scope)
        guard let form = try? req.content.decode(EvidenceForm.self) else {
            req.flash(req.lang.t("Vælg en fil.", "Choose a file."), error: true)
            return req.redirect(to: .measure(id))
        }
        guard let expected = req.session.data[SessionActorMiddleware.csrfKey], let sent = form._csrf,
              CSRFMiddleware.constantTimeEquals(sent, expected) else { throw Abort(.forbidden, reason: "csrf") }
        return try await change(req, back: .measure(id), done: req.lang.t("Dokumentationen er gemt.", "The evidence is saved.")) {
            let bytes = Data(form.file.data.readableBytesView)
            _ = try await repo(req).addEvidence(id, filename: form.file.filename, contentType: form.file.contentType?.description ?? "application/octet-stream",
                bytes: bytes, by: scope.userID, in: scope, now: req.now)
            return (.evidenceAdded, "measure", id, nil)
        }
    }

    @Sendable static func evidenceFile(req: Request) async throws -> Response {
        let scope = try scope(req)
        let (info, bytes) = try await repo(req).evidenceFile(try req.uuidParameter(), in: scope)
        var headers = HTTPHeaders()
        // Served as a download, never rendered in our origin.
        headers.contentType = .binary
        headers.add(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(info.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "fil")")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: bytes))
    }
}
