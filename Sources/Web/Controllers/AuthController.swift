import FluentKit
import Fluent
import Community
import Crypto
import Foundation
import Persistence
import Plot
import Vapor

enum AuthController {
    struct LoginForm: Content {
        var email: String
        var password: String
        var next: String?
    }

    @Sendable static func home(req: Request) async throws -> Response {
        req.redirect(to: req.actor == nil ? .login : .dashboard)
    }

    @Sendable static func loginPage(req: Request) async throws -> Response {
        if req.actor != nil { return req.redirect(to: .dashboard) }
        return try await LoginView.render(PageContext(req), next: req.query["next"], error: nil)
            .encodeResponse(for: req)
    }

    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let ctx = PageContext(req)
        let keyHash = SHA256.hash(data: Data(form.email.lowercased().trimmingCharacters(in: .whitespaces).utf8))
            .map { String(format: "%02x", $0) }.joined()
        let now = req.now
        if try await req.loginThrottle.isLocked(keyHash: keyHash, now: now) {
            try await req.audit(.loginThrottled, organisationID: nil, actorID: nil, targetType: "account")
            var page = LoginView.render(ctx, next: form.next, error: ctx.t(
                "For mange mislykkede forsøg. Vent 15 minutter, og prøv igen.",
                "Too many failed attempts. Wait 15 minutes and try again."))
            page.status = .tooManyRequests
            return try await page.encodeResponse(for: req)
        }
        let found = try await req.users.credentials(email: form.email)
        // Verify against a fixed hash when the account is unknown, so timing does not reveal which e-mails exist.
        let hash = found.map(\.passwordHash).flatMap { $0.isEmpty ? nil : $0 } ?? Accounts.dummyHash
        let matches = (try? await req.password.async.verify(form.password, created: hash)) ?? false
        guard let (account, _) = found, matches, !account.isDisabled else {
            try await req.loginThrottle.recordFailure(keyHash: keyHash, now: now)
            try await req.audit(
                .loginFailed, organisationID: nil, actorID: found?.0.id, targetType: "account",
                targetID: found?.0.id.uuidString)
            var page = LoginView.render(ctx, next: form.next, error: ctx.t(
                "Forkert e-mail eller adgangskode, eller kontoen er deaktiveret.",
                "Wrong e-mail or password, or the account is disabled."))
            page.status = .unauthorized
            return try await page.encodeResponse(for: req)
        }
        try await req.loginThrottle.reset(keyHash: keyHash)
        // A new session id at login prevents session fixation.
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.session.data = SessionData()
        req.session.data[SessionActorMiddleware.userKey] = account.id.uuidString
        req.session.data[SessionActorMiddleware.csrfKey] = req.services.token()
        let memberships = try await req.memberships.memberships(of: account.id)
        let org = memberships.first?.organisationID
        if let org { req.session.data[SessionActorMiddleware.orgKey] = org.uuidString }
        try await req.audit(.loginSucceeded, organisationID: org, actorID: account.id, targetType: "account",
            targetID: account.id.uuidString)
        req.logger.info("login", metadata: ["user_id": "\(account.id)"])
        return req.redirect(to: safeLocalPath(form.next) ?? SiteURL.dashboard.path, redirectType: .normal)
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        if let actor = req.actor {
            try await req.audit(.logout, organisationID: actor.current.id, actorID: actor.account.id,
                targetType: "account", targetID: actor.account.id.uuidString)
        }
        req.session.destroy()
        return req.redirect(to: .login)
    }

    @Sendable static func language(req: Request) async throws -> Response {
        let lang = req.query[String.self, at: "til"].flatMap(Lang.init(rawValue:)) ?? .da
        let response = req.redirect(to: safeLocalPath(req.query["tilbage"]) ?? SiteURL.home.path, redirectType: .normal)
        response.cookies[Lang.cookieName] = HTTPCookies.Value(
            string: lang.rawValue, maxAge: 365 * 24 * 3600, path: "/", isSecure: req.application.config.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
        return response
    }

    struct SwitchForm: Content { var organisation: UUID }

    @Sendable static func switchOrganisation(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let form = try req.content.decode(SwitchForm.self)
        guard actor.organisations.contains(where: { $0.id == form.organisation }) || actor.account.isSystemAdmin,
            try await req.organisations.find(id: form.organisation) != nil
        else { throw Abort(.notFound) }
        req.session.data[SessionActorMiddleware.orgKey] = form.organisation.uuidString
        return req.redirect(to: .dashboard)
    }

    /// Only same-site absolute paths: never another host (`//evil`, `https://…`) or a backslash trick.
    static func safeLocalPath(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), !raw.contains("\n"),
            !raw.hasPrefix(SiteURL.login.path), !raw.hasPrefix(SiteURL.logout.path)
        else { return nil }
        return raw
    }
}

enum LoginView {
    static func render(_ ctx: PageContext, next: String?, error: String?) -> HTMLPage {
        let content: Node<HTML.BodyContext> = .div(
            .class("narrow"),
            .p(.txt(ctx.t(
                "Handlefrihed samler kommunens licensprofilering, leverandørbindinger og NIS2-beredskab ét sted – på kommunens egne servere.",
                "Handlefrihed brings the municipality's licence profiling, vendor bindings and NIS2 readiness together – on the municipality's own servers."))),
            .unwrap(error) { .div(.class("flash error"), .attribute(named: "role", value: "alert"), .txt($0)) },
            .form(
                .attr("action", SiteURL.login.path), .method(.post),
                .csrf(ctx.csrf),
                .input(.type(.hidden), .name("next"), .attr("value", next ?? "")),
                .field(ctx.t("E-mail", "E-mail"), name: "email", type: "email", required: true, autocomplete: "username"),
                .field(ctx.t("Adgangskode", "Password"), name: "password", type: "password", required: true, autocomplete: "current-password"),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Log ind", "Log in")))
            )
        )
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Log ind", "Log in"), content: content))
    }
}
