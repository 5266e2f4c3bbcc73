import RoutingKit
import Vapor

/// Under /api, a method the document does not declare for an existing path answers 405 with
/// `Allow` instead of 404, so a client can tell "wrong method" from "no such resource" (schemathesis
/// checks this for every method, including new ones such as QUERY).
struct UndeclaredMethodMiddleware: AsyncMiddleware {
    /// Only read after `init`; RoutingKit's router is not marked Sendable.
    private nonisolated(unsafe) let paths: TrieRouter<String>

    init(routes: [Route]) {
        var allowed: [String: (path: [PathComponent], methods: [String])] = [:]
        for route in routes where route.path.first?.description == "api" {
            allowed[route.path.string, default: (route.path, [])].methods.append(route.method.rawValue)
        }
        let router = TrieRouter<String>()
        for (path, methods) in allowed.values {
            router.register(methods.sorted().joined(separator: ", "), at: path)
        }
        paths = router
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/api/") else { return try await next.respond(to: request) }
        do {
            return try await next.respond(to: request)
        } catch let error as any AbortError where error.status == .notFound && request.route == nil {
            var parameters = Parameters()
            let components = request.url.path.split(separator: "/").map(String.init)
            guard let allow = paths.route(path: components, parameters: &parameters) else { throw error }
            throw Abort(.methodNotAllowed, headers: ["Allow": allow], reason: "This resource allows \(allow).")
        }
    }
}
