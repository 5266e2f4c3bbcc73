import FluentKit
import Fluent
import Persistence
import Community
import Foundation
import Vapor

/// Loads the signed-in person from the database-backed session, and makes sure every session
/// has a CSRF token.
struct SessionActorMiddleware: AsyncMiddleware {
    static let userKey = "uid"
    static let orgKey = "org"
    static let csrfKey = "csrf"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let raw = req.session.data[Self.userKey], let userID = UUID(uuidString: raw) {
            let preferred = req.session.data[Self.orgKey].flatMap(UUID.init(uuidString:))
            if let actor = try await ActorLoader.load(userID: userID, preferred: preferred, on: req) {
                req.actor = actor
                if preferred != actor.current.id { req.session.data[Self.orgKey] = actor.current.id.uuidString }
            } else {
                // Disabled or deleted meanwhile: end the session.
                req.session.destroy()
            }
        }
        return try await next.respond(to: req)
    }
}

extension Request {
    /// The session's CSRF token, created on first use.
    var csrfToken: String {
        if let token = session.data[SessionActorMiddleware.csrfKey] { return token }
        let token = services.token()
        session.data[SessionActorMiddleware.csrfKey] = token
        return token
    }
}

/// Sends people who are not signed in to the login page.
struct RequireLogin: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.actor != nil else {
            let next = req.url.path + (req.url.query.map { "?\($0)" } ?? "")
            return req.redirect(to: SiteURL.login.path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        return try await next.respond(to: req)
    }
}

/// Refuses a state-changing form post whose `_csrf` field does not match the session's token.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "_csrf"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method != .GET && req.method != .HEAD {
            let sent = (try? req.content.get(String.self, at: Self.field)) ?? req.headers.first(name: "X-CSRF-Token") ?? ""
            guard let expected = req.session.data[SessionActorMiddleware.csrfKey], !sent.isEmpty,
                Self.constantTimeEquals(sent, expected)
            else {
                throw Abort(.forbidden, reason: "csrf")
            }
        }
        return try await next.respond(to: req)
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
