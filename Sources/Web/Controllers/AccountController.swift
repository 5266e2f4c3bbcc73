import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Plot
import Vapor

enum AccountController {
    @Sendable static func page(req: Request) async throws -> HTMLPage {
        let actor = try req.requireActor()
        let tokens = try await req.apiTokens.tokens(of: actor.account.id)
        let ctx = PageContext(req)
        return HTMLPage(html: Layout.page(ctx, title: ctx.t("Konto", "Account"), content: view(ctx, actor: actor, tokens: tokens, newToken: nil)))
    }

    struct PasswordForm: Content {
        var current: String
        var new: String
        var repeated: String
    }

    @Sendable static func changePassword(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let form = try req.content.decode(PasswordForm.self)
        let lang = req.lang
        let hash = try await req.users.passwordHash(id: actor.account.id) ?? ""
        guard !hash.isEmpty, (try? await req.password.async.verify(form.current, created: hash)) == true else {
            req.flash(lang.t("Den nuværende adgangskode er forkert.", "The current password is wrong."), error: true)
            return req.redirect(to: .account)
        }
        guard form.new == form.repeated else {
            req.flash(lang.t("De to nye adgangskoder er ikke ens.", "The two new passwords differ."), error: true)
            return req.redirect(to: .account)
        }
        guard form.new.count >= Accounts.minimumPasswordLength else {
            req.flash(lang.t("Adgangskoden skal have mindst \(Accounts.minimumPasswordLength) tegn.",
                "The password must have at least \(Accounts.minimumPasswordLength) characters."), error: true)
            return req.redirect(to: .account)
        }
        try await req.users.setPasswordHash(try await Accounts.hash(form.new, on: req.application), for: actor.account.id)
        try await req.audit(.passwordChanged, organisationID: actor.current.id, actorID: actor.account.id,
            targetType: "user", targetID: actor.account.id.uuidString)
        req.flash(lang.t("Adgangskoden er skiftet.", "Password changed."))
        return req.redirect(to: .account)
    }

    struct TokenForm: Content { var name: String }

    @Sendable static func createToken(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let form = try req.content.decode(TokenForm.self)
        let secret = ApiTokens.prefix + req.services.token()
        do {
            let token = try await req.apiTokens.create(userID: actor.account.id, name: form.name, tokenHash: ApiTokens.hash(secret),
                prefix: String(secret.prefix(8)))
            try await req.audit(.apiTokenCreated, organisationID: actor.current.id, actorID: actor.account.id,
                targetType: "api_token", targetID: token.id.uuidString)
        } catch let error as RepositoryError {
            req.flash(AdminController.message(error, req.lang), error: true)
            return req.redirect(to: .account)
        }
        let tokens = try await req.apiTokens.tokens(of: actor.account.id)
        let ctx = PageContext(req)
        return try await HTMLPage(html: Layout.page(ctx, title: ctx.t("Konto", "Account"), content: view(ctx, actor: actor, tokens: tokens, newToken: secret)))
            .encodeResponse(for: req)
    }

    @Sendable static func revokeToken(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.uuidParameter()
        try await req.apiTokens.revoke(id, of: actor.account.id, at: req.now)
        try await req.audit(.apiTokenRevoked, organisationID: actor.current.id, actorID: actor.account.id,
            targetType: "api_token", targetID: id.uuidString)
        req.flash(req.lang.t("Tokenet er tilbagekaldt.", "Token revoked."))
        return req.redirect(to: .account)
    }

    static func view(_ ctx: PageContext, actor: Actor, tokens: [ApiToken], newToken: String?) -> Node<HTML.BodyContext> {
        .group(
            .dl(.class("facts"),
                .dt(.txt(ctx.t("Navn", "Name"))), .dd(.txt(actor.account.displayName)),
                .dt(.txt(ctx.t("E-mail", "E-mail"))), .dd(.txt(actor.account.email)),
                .dt(.txt(ctx.t("Roller", "Roles"))),
                .dd(.txt(actor.organisations.map { o in
                    o.name + ": " + actor.memberships.filter { $0.organisationID == o.id }.map { RoleText.name($0.role, ctx.lang) }.joined(separator: ", ")
                }.joined(separator: "; ")))),
            .form(
                .class("panel"), .attr("action", SiteURL.accountPassword.path), .method(.post),
                .h2(.txt(ctx.t("Skift adgangskode", "Change password"))),
                .csrf(ctx.csrf),
                .field(ctx.t("Nuværende adgangskode", "Current password"), name: "current", type: "password", required: true, autocomplete: "current-password"),
                .field(ctx.t("Ny adgangskode", "New password"), name: "new", type: "password", required: true, autocomplete: "new-password",
                    hint: ctx.t("Mindst \(Accounts.minimumPasswordLength) tegn.", "At least \(Accounts.minimumPasswordLength) characters.")),
                .field(ctx.t("Gentag ny adgangskode", "Repeat new password"), name: "repeated", type: "password", required: true, autocomplete: "new-password"),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Skift", "Change")))
            ),
            .h2(.txt(ctx.t("API-tokens", "API tokens"))),
            .p(.txt(ctx.t("Et token giver et program samme adgang som dig til JSON-API'et (se /api/openapi.yaml). Send det som »Authorization: Bearer …«.",
                "A token gives a program the same access as you to the JSON API (see /api/openapi.yaml). Send it as \"Authorization: Bearer …\"."))),
            .unwrap(newToken) { t in
                .div(.class("panel"), .attribute(named: "role", value: "status"),
                    .p(.txt(ctx.t("Dit nye token – vises kun nu:", "Your new token – shown only now:"))),
                    .p(.code(.class("secret"), .txt(t))))
            },
            tokens.isEmpty
                ? .p(.txt(ctx.t("Du har ingen tokens.", "You have no tokens.")))
                : .table(
                    .caption(.txt(ctx.t("Dine tokens", "Your tokens"))),
                    .thead(.tr(.th(.txt(ctx.t("Navn", "Name"))), .th(.txt(ctx.t("Begynder med", "Starts with"))),
                        .th(.txt(ctx.t("Oprettet", "Created"))), .th(.txt(ctx.t("Sidst brugt", "Last used"))), .th(.txt(ctx.t("Status", "Status"))))),
                    .tbody(.forEach(tokens) { t in
                        .tr(.td(.txt(t.name)), .td(.code(.txt(t.prefix + "…"))), .td(.txt(DateText.format(t.createdAt, lang: ctx.lang))),
                            .td(.txt(DateText.format(t.lastUsedAt, lang: ctx.lang))),
                            .td(t.isRevoked ? .txt(ctx.t("Tilbagekaldt", "Revoked"))
                                : .postButton(ctx.t("Tilbagekald", "Revoke"), action: SiteURL.accountTokenRevoke(t.id).path, csrf: ctx.csrf)))
                    })),
            .form(
                .class("panel"), .attr("action", SiteURL.accountTokens.path), .method(.post),
                .csrf(ctx.csrf),
                .field(ctx.t("Navn på nyt token", "Name of new token"), name: "name", required: true, hint: ctx.t("Fx »Rapportudtræk«", "E.g. \"Report export\"")),
                .button(.type(.submit), .class("button primary"), .txt(ctx.t("Opret token", "Create token")))
            )
        )
    }
}
