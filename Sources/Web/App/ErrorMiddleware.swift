import Foundation
import FluentKit
import Fluent
import Community
import Persistence
import Plot
import Vapor

/// Maps errors to responses: JSON problem details (RFC 9457) under /api, an error page elsewhere.
/// Messages name what went wrong without revealing other organisations' data or internals.
struct AppErrorMiddleware: AsyncMiddleware {
    struct Problem: Content {
        var type = "about:blank"
        var title: String
        var status: Int
        var detail: String
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let (status, detail) = Self.classify(error)
            if status == .internalServerError {
                req.logger.report(error: error)
            }
            if req.url.path.hasPrefix("/api/") {
                let response = Response(status: status)
                try response.content.encode(Problem(title: status.reasonPhrase, status: Int(status.code), detail: detail), as: .json)
                response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json")
                if let abort = error as? any AbortError { response.headers.add(contentsOf: abort.headers) }
                return response
            }
            let lang = req.lang
            let (title, text) = Self.pageText(status, reason: detail, lang: lang)
            var ctx = PageContext.minimal(req)
            ctx.flash = nil
            let html = Layout.page(ctx, title: title, content: .group(
                .p(.txt(text)),
                .p(.link(lang.t("Til forsiden", "To the start page"), to: SiteURL.home.path))))
            let response = Response(status: status, body: .init(string: html.render()))
            response.headers.contentType = .html
            return response
        }
    }

    static func classify(_ error: any Error) -> (HTTPResponseStatus, String) {
        switch error {
        case let abort as any AbortError:
            return (abort.status, abort.status == .internalServerError ? "Internal error." : abort.reason)
        case let e as RepositoryError:
            switch e {
            case .notFound: return (.notFound, "Not found.")
            case .duplicate: return (.conflict, "Already exists.")
            case .invalid(let field, let message): return (.unprocessableEntity, "\(field): \(message)")
            }
        case is AccessError:
            return (.forbidden, "Forbidden.")
        case is DecodingError:
            return (.badRequest, "The request could not be read.")
        default:
            return (.internalServerError, "Internal error.")
        }
    }

    static func pageText(_ status: HTTPResponseStatus, reason: String, lang: Lang) -> (String, String) {
        switch status.code {
        case 403 where reason == "csrf":
            return (lang.t("Formularen er udløbet", "The form has expired"), lang.t(
                "Siden var for gammel, eller du er logget ud imellemtiden. Gå tilbage, genindlæs siden og prøv igen.",
                "The page was too old, or you were logged out meanwhile. Go back, reload the page and try again."))
        case 403: return (lang.t("Ingen adgang", "No access"), lang.t("Dine roller giver ikke adgang til dette.", "Your roles do not give access to this."))
        case 404: return (lang.t("Siden findes ikke", "Page not found"), lang.t("Siden findes ikke, eller du har ikke adgang til den.", "The page does not exist, or you have no access to it."))
        case 413: return (lang.t("Filen er for stor", "The file is too large"), lang.t("Filen er større end den tilladte grænse.", "The file is larger than the allowed limit."))
        case 400, 422: return (lang.t("Ugyldige oplysninger", "Invalid input"), reason)
        default: return (lang.t("Der skete en fejl", "Something went wrong"), lang.t("Prøv igen om lidt. Fejlen er logget.", "Try again shortly. The error has been logged."))
        }
    }
}

extension PageContext {
    /// A context for error pages: no database access, and no session writes.
    static func minimal(_ req: Request) -> PageContext {
        PageContext(lang: req.lang, actor: req.actor, csrf: req.hasSession ? (req.session.data[SessionActorMiddleware.csrfKey] ?? "") : "", flash: nil, path: req.url.path)
    }
}
