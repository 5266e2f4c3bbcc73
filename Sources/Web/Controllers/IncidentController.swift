import Community
import Fluent
import Foundation
import Persistence
import Plot
import Resilience
import Vapor

/// NIS2 incidents: register, decide significance, follow the reporting clock, keep the timeline.
enum IncidentController {
    static func repo(_ req: Request) -> IncidentRepository { IncidentRepository(db: req.db) }

    /// `YYYY-MM-DDTHH:MM` (an HTML datetime-local value) on the Copenhagen wall clock.
    static func parseLocal(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2 else { return nil }
        let d = parts[0].split(separator: "-").compactMap { Int($0) }
        let t = parts[1].split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count >= 2 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IncidentClock.copenhagen
        let components = DateComponents(year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1])
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == d[2] else { return nil }
        return date
    }

    static func localInput(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IncidentClock.copenhagen
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    @Sendable static func list(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        let ctx = PageContext(req)
        guard scope.organisationKind == .municipality else { return Nis2Controller.notAMunicipality(ctx) }
        let incidents = try await repo(req).incidents(in: scope)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Hændelser", "Incidents"), section: .nis2,
            content: IncidentViews.index(ctx, incidents, now: req.now, canManage: scope.may(.manageSecurity))))
    }

    struct CreateForm: Content {
        var title: String
        var description: String?
        var severity: String
        var aware_at: String
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let scope = try req.scope(requiring: .manageSecurity)
        let form = try req.content.decode(CreateForm.self)
        guard let aware = parseLocal(form.aware_at) else {
            req.flash(req.lang.t("Tidspunktet er ugyldigt.", "The time is invalid."), error: true)
            return req.redirect(to: .incidents)
        }
        do {
            let id = try await repo(req).create(title: form.title, description: form.description ?? "", severity: form.severity, awareAt: aware,
                by: scope.userID, in: scope, now: req.now)
            try await req.audit(.incidentCreated, organisationID: scope.organisationID, actorID: scope.userID, targetType: "incident",
                targetID: id.uuidString)
            return req.redirect(to: .incident(id))
        } catch let error as RepositoryError {
            req.flash(AdminController.message(error, req.lang), error: true)
            return req.redirect(to: .incidents)
        }
    }

    @Sendable static func show(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        let id = try req.uuidParameter()
        let incident = try await repo(req).incident(id, in: scope)
        let timeline = try await repo(req).timeline(id, in: scope)
        let ctx = PageContext(req)
        let municipality = try req.requireActor().current.formalName
        return HTMLPage(html: Layout.page(ctx, title: incident.title, section: .nis2,
            content: IncidentViews.show(ctx, incident, timeline: timeline, now: req.now, canManage: scope.may(.manageSecurity),
                municipality: municipality)))
    }

    /// Runs a change and maps refusals to a message on the incident page.
    static func change(_ req: Request, _ body: (TenantScope, UUID) async throws -> Void) async throws -> Response {
        let scope = try req.scope(requiring: .manageSecurity)
        let id = try req.uuidParameter()
        do {
            try await body(scope, id)
            try await req.audit(.incidentChanged, organisationID: scope.organisationID, actorID: scope.userID, targetType: "incident",
                targetID: id.uuidString)
        } catch let error as RepositoryError where error != .notFound {
            req.flash(AdminController.message(error, req.lang), error: true)
        }
        return req.redirect(to: .incident(id))
    }

    struct SignificanceForm: Content {
        var significant: String
        var justification: String?
    }

    @Sendable static func decide(req: Request) async throws -> Response {
        let form = try req.content.decode(SignificanceForm.self)
        return try await change(req) { scope, id in
            try await repo(req).decideSignificance(id, significant: form.significant == "yes", justification: form.justification ?? "",
                by: scope.userID, in: scope, now: req.now)
        }
    }

    struct SubmitForm: Content {
        var stage: String
        var submitted_at: String
        var late_reason: String?
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(SubmitForm.self)
        guard let stage = IncidentClock.Kind(rawValue: form.stage) else { throw Abort(.badRequest) }
        return try await change(req) { scope, id in
            guard let at = parseLocal(form.submitted_at) else { throw RepositoryError.invalid(field: "submitted_at", message: "not a time") }
            try await repo(req).markSubmitted(id, stage: stage, at: at, lateReason: form.late_reason ?? "", by: scope.userID, in: scope, now: req.now)
        }
    }

    struct TimelineForm: Content {
        var text: String
        var at: String
    }

    @Sendable static func addTimeline(req: Request) async throws -> Response {
        let form = try req.content.decode(TimelineForm.self)
        return try await change(req) { scope, id in
            guard let at = parseLocal(form.at) else { throw RepositoryError.invalid(field: "at", message: "not a time") }
            try await repo(req).addTimelineEntry(id, text: form.text, at: at, by: scope.userID, in: scope, now: req.now)
        }
    }

    struct FactsForm: Content {
        var suspected_malicious: String?
        var cross_border: String?
        var impact: String?
        var indicators: String?
        var root_cause: String?
        var mitigation: String?
        var lessons: String?
    }

    static func tristate(_ v: String?) -> Bool? {
        switch v {
        case "yes": true
        case "no": false
        default: nil
        }
    }

    @Sendable static func updateFacts(req: Request) async throws -> Response {
        let form = try req.content.decode(FactsForm.self)
        return try await change(req) { scope, id in
            try await repo(req).updateReportFacts(id, suspectedMalicious: tristate(form.suspected_malicious), crossBorder: tristate(form.cross_border),
                impact: form.impact ?? "", indicators: form.indicators ?? "", rootCause: form.root_cause ?? "", mitigation: form.mitigation ?? "",
                lessons: form.lessons, by: scope.userID, in: scope, now: req.now)
        }
    }

    struct StatusForm: Content {
        var status: String
        var severity: String
        var handling_ended_at: String?
        var intermediate_due: String?
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let form = try req.content.decode(StatusForm.self)
        return try await change(req) { scope, id in
            try await repo(req).update(id, status: form.status, severity: form.severity, handlingEndedAt: parseLocal(form.handling_ended_at),
                requestedIntermediateDue: parseLocal(form.intermediate_due), by: scope.userID, in: scope, now: req.now)
        }
    }

    static func loadReport(_ req: Request) async throws -> (IncidentRecord, [Timeline.Entry], String) {
        let scope = try req.scope(requiring: .viewDashboard)
        let id = try req.uuidParameter()
        let incident = try await repo(req).incident(id, in: scope)
        return (incident, try await repo(req).timeline(id, in: scope), try req.requireActor().current.formalName)
    }

    /// The incident report for paper: facts, stages with deadlines, the confidential texts, timeline, lessons.
    @Sendable static func report(req: Request) async throws -> Response {
        let (incident, timeline, municipality) = try await loadReport(req)
        let ctx = PageContext(req)
        return try await PrintLayout.page(ctx, title: ctx.t("Hændelsesrapport: ", "Incident report: ") + incident.title, odt: SiteURL.incidentReportODT(incident.id).path,
            back: SiteURL.incident(incident.id).path, content: IncidentViews.printable(ctx, incident, timeline: timeline, now: req.now, municipality: municipality))
            .encodeResponse(for: req)
    }

    @Sendable static func reportODT(req: Request) async throws -> Response {
        let (incident, timeline, municipality) = try await loadReport(req)
        return Download.odt(IncidentViews.document(req.lang, incident, timeline: timeline, now: req.now, municipality: municipality), filename: "haendelsesrapport.odt")
    }
}
