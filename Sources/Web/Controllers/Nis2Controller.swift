import Bindings
import Community
import Fluent
import Foundation
import Persistence
import Plot
import Resilience
import Vapor

/// The NIS2 overview, the one-page management report, registration data and its tasks, and the
/// calendar feed of deadlines.
enum Nis2Controller {
    static func repo(_ req: Request) -> ResilienceRepository { ResilienceRepository(db: req.db) }

    static func municipalityName(_ req: Request) throws -> String { try req.requireActor().current.formalName }

    /// What a centre or the CERT sees in the NIS2 section: the register belongs to the municipalities.
    static func notAMunicipality(_ ctx: PageContext) -> HTMLPage {
        HTMLPage(html: Layout.page(ctx, title: ctx.t("NIS2 & beredskab", "NIS2 & continuity"), section: .nis2,
            content: .p(.txt(ctx.t("NIS2-registret føres af kommunerne.", "The NIS2 register is kept by the municipalities.")))))
    }

    @Sendable static func dashboard(req: Request) async throws -> HTMLPage {
        let scope = try req.scope(requiring: .viewDashboard)
        let ctx = PageContext(req)
        guard scope.organisationKind == .municipality else { return notAMunicipality(ctx) }
        let cache = req.application.overviewCaches.nis2
        let status: Nis2Status
        if let cached = cache.figures(for: scope.organisationID, now: req.now) {
            status = cached
        } else {
            status = try await repo(req).status(in: scope, now: req.now)
            cache.store(status, for: scope.organisationID, now: req.now)
        }
        return RegisterController.page(ctx, ctx.t("NIS2 & beredskab", "NIS2 & continuity"), Nis2Views.dashboard(ctx, status, now: req.now))
    }

    @Sendable static func board(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req)
        let ctx = PageContext(req)
        let status = try await repo(req).status(in: scope, now: req.now)
        return try await PrintLayout.page(ctx, title: ctx.t("NIS2-status til ledelsen", "NIS2 status for management"), odt: SiteURL.boardODT.path,
            back: SiteURL.nis2.path, content: Nis2Views.board(ctx, status, municipality: try municipalityName(req), now: req.now)).encodeResponse(for: req)
    }

    @Sendable static func boardODT(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req)
        let status = try await repo(req).status(in: scope, now: req.now)
        return Download.odt(Nis2Views.boardDocument(req.lang, status, municipality: try municipalityName(req), now: req.now), filename: "nis2-ledelsesrapport.odt")
    }

    // MARK: Registration

    @Sendable static func registration(req: Request) async throws -> HTMLPage {
        let scope = try RegisterController.scope(req)
        let ctx = PageContext(req)
        return RegisterController.page(ctx, ctx.t("NIS2-registrering", "NIS2 registration"), Nis2Views.registration(ctx,
            try await repo(req).registration(in: scope), tasks: try await repo(req).tasks(in: scope), municipality: try municipalityName(req),
            today: CalendarDay.string(req.now), canEdit: scope.may(.manageSecurity)))
    }

    struct RegistrationForm: Content {
        var name: String
        var address: String
        var email: String
        var phone: String
        var ip_ranges: String?
        var sector: String
    }

    @Sendable static func saveRegistration(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req, .manageSecurity)
        return try await RegisterController.change(req, back: .registration, done: req.lang.t(
            "Registreringsoplysningerne er gemt. Er de ændret, er der oprettet en opgave om at opdatere registreringen inden 14 dage.",
            "The registration data is saved. If it changed, a task to update the registration within 14 days has been created.")) {
            let f = try req.content.decode(RegistrationForm.self)
            try await repo(req).saveRegistration(.init(name: f.name, address: f.address, email: f.email, phone: f.phone, ipRanges: f.ip_ranges ?? "",
                sector: f.sector), in: scope, now: req.now)
            return (.registrationChanged, "organisation", scope.organisationID, nil)
        }
    }

    struct ReviewForm: Content {
        var item: String
        var reviewed_on: String
    }

    @Sendable static func markReviewed(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req, .manageSecurity)
        return try await RegisterController.change(req, back: .registration, done: req.lang.t("Gennemgangen er registreret.", "The review is recorded.")) {
            let f = try req.content.decode(ReviewForm.self)
            guard let item = ResilienceRepository.ReviewedItem(rawValue: f.item) else {
                throw RepositoryError.invalid(field: "item", message: "policy or risk_assessment")
            }
            try await repo(req).markReviewed(item, on: f.reviewed_on, in: scope, now: req.now)
            return (.registrationChanged, "organisation", scope.organisationID, nil)
        }
    }

    @Sendable static func completeTask(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req, .manageSecurity)
        let id = try req.uuidParameter()
        return try await RegisterController.change(req, back: .registration, done: req.lang.t("Opgaven er markeret som udført.", "The task is marked done.")) {
            try await repo(req).completeTask(id, in: scope, now: req.now)
            return (.taskCompleted, "task", id, nil)
        }
    }

    // MARK: Calendar feed

    static func baseURL(_ req: Request) -> String {
        if let url = req.application.config.publicURL { return url }
        let host = req.headers.first(name: .host) ?? "\(req.application.config.hostname):\(req.application.config.port)"
        return (req.application.config.secureCookies ? "https://" : "http://") + host
    }

    @Sendable static func calendar(req: Request) async throws -> HTMLPage {
        let scope = try RegisterController.scope(req)
        let ctx = PageContext(req)
        let created = try await CalendarTokenRepository(db: req.db).hasToken(in: scope)
        let fresh = req.session.data["calendar_url"]
        req.session.data["calendar_url"] = nil
        return RegisterController.page(ctx, ctx.t("Kalender med frister", "Calendar of deadlines"), Nis2Views.calendar(ctx, createdAt: created, freshURL: fresh,
            deadlines: try await repo(req).deadlines(in: scope, now: req.now)))
    }

    @Sendable static func createCalendarToken(req: Request) async throws -> Response {
        let scope = try RegisterController.scope(req)
        let secret = "cal_" + [UInt8].random(count: 24).map { String(format: "%02x", $0) }.joined()
        try await CalendarTokenRepository(db: req.db).replace(tokenHash: ApiTokens.hash(secret), in: scope, now: req.now)
        try await req.audit(.calendarTokenCreated, organisationID: scope.organisationID, actorID: scope.userID, targetType: "user", targetID: scope.userID.uuidString)
        // Shown once, on the next page.
        req.session.data["calendar_url"] = baseURL(req) + SiteURL.calendarFeed(secret + ".ics").path
        return req.redirect(to: .calendar)
    }

    /// The feed itself: no session, the secret in the URL is the credential (calendar clients cannot log in).
    @Sendable static func feed(req: Request) async throws -> Response {
        guard var token = req.parameters.get("token"), token.hasSuffix(".ics") else { throw Abort(.notFound) }
        token.removeLast(4)
        guard token.hasPrefix("cal_"), token.count < 100,
              let (scope, organisation) = try await CalendarTokenRepository(db: req.db).scope(forTokenHash: ApiTokens.hash(token)),
              organisation.kind == .municipality
        else { throw Abort(.notFound) }
        let base = baseURL(req)
        var events = try await repo(req).deadlines(in: scope, now: req.now).map { d in
            CalendarFeed.Event(uid: d.key, summary: d.title, start: d.due, allDay: d.allDay, url: base + Nis2Views.link(d.subject).path)
        }
        // Bindinger's exit windows: the last day to give notice, the next chance to unbind.
        let bindings = try await BindingsController.snapshot(req, scope)
        for e in bindings.graph.exitCalendar(contracts: bindings.contracts, now: req.now) {
            let day = CalendarDay.string(e.window.noticeBy)
            events.append(CalendarFeed.Event(uid: "exit-notice-\(e.contract.id.uuidString.lowercased())-\(day)",
                summary: "Opsigelsesfrist: \(e.contract.name) (ude \(CalendarDay.string(e.window.exitOn)); \(e.bindings.count) bindinger kan fjernes)",
                start: e.window.noticeBy, allDay: true, url: base + SiteURL.bindingsContract(e.contract.id).path))
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: CalendarFeed.ics(name: "Handlefrihed – \(organisation.formalName)", events: events, stamp: req.now)))
    }
}
