import Foundation
import FluentKit
import Fluent
import Persistence
import Community
import Vapor

/// What every page needs besides its own model: language, person, CSRF token and a flash message.
struct PageContext {
    enum Flash {
        case success(String)
        case error(String)
    }

    var lang: Lang
    var actor: Actor?
    var csrf: String
    var flash: Flash?
    var path: String

    init(lang: Lang, actor: Actor?, csrf: String, flash: Flash?, path: String) {
        self.lang = lang
        self.actor = actor
        self.csrf = csrf
        self.flash = flash
        self.path = path
    }

    init(_ req: Request) {
        lang = req.lang
        actor = req.actor
        csrf = req.csrfToken
        path = req.url.path
        if req.hasSession, let raw = req.session.data["flash"] {
            req.session.data["flash"] = nil
            if raw.hasPrefix("ok:") {
                flash = .success(String(raw.dropFirst(3)))
            } else {
                flash = .error(String(raw.dropFirst(4)))
            }
        }
    }

    func t(_ da: String, _ en: String) -> String { lang.t(da, en) }
}

extension Request {
    func flash(_ message: String, error: Bool = false) {
        session.data["flash"] = (error ? "err:" : "ok:") + message
    }
}
