import Persistence
import Community
import FluentKit
import Fluent
import Foundation
import Testing
import Vapor
import Yams

@testable import Web

@Suite struct OpenAPITests {
    /// (METHOD, path with {param}) for every operation in the document.
    static func documented() throws -> Set<String> {
        let yaml = String(decoding: WebResources.openAPI, as: UTF8.self)
        let doc = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: Any])
        var ops = Set<String>()
        for (path, item) in paths {
            for (method, _) in (item as? [String: Any]) ?? [:] where ["get", "post", "put", "patch", "delete"].contains(method) {
                ops.insert("\(method.uppercased()) \(path)")
            }
        }
        return ops
    }

    @Test func everyAPIRouteIsDocumentedAndEveryOperationExists() async throws {
        try await withApp { app in
            let routes = Set(app.routes.all.filter { $0.path.first?.description == "api" && $0.path.dropFirst().first?.description == "v1" }
                .map { route in
                    "\(route.method.rawValue) /" + route.path.map { c -> String in
                        if case .parameter(let name) = c { return "{\(name)}" }
                        return c.description
                    }.joined(separator: "/")
                })
            let documented = try Self.documented()
            #expect(!routes.isEmpty)
            #expect(routes.subtracting(documented).isEmpty, "undocumented: \(routes.subtracting(documented).sorted())")
            #expect(documented.subtracting(routes).isEmpty, "documented but missing: \(documented.subtracting(routes).sorted())")
        }
    }

    @Test func documentIsServed() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let res = try await browser.get("/api/openapi.yaml")
            #expect(res.status == .ok)
            #expect(res.body.hasPrefix("openapi: 3.1.0"))
        }
    }

    @Test func apiWithoutTokenAnswersProblemJSON() async throws {
        try await withApp { app in
            var browser = Browser(app)
            let res = try await browser.get("/api/v1/me")
            #expect(res.status == .unauthorized)
            #expect(res.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
            #expect(res.headers.first(name: "WWW-Authenticate") == "Bearer")
            #expect(res.body.contains("\"status\":401"))
        }
    }

    @Test func apiAnswersForOwnMunicipalityAndNotFoundForOthers() async throws {
        try await withApp { app in
            let world = try await World.make(app)
            var api = Browser(app)
            let auth: HTTPHeaders = ["Authorization": "Bearer \(world.tokenA)"]
            let own = try await api.request(.GET, "/api/v1/organisations/0751/departments", headers: auth)
            #expect(own.status == .ok)
            #expect(own.body.contains("Hjemmeplejen"))
            let members = try await api.request(.GET, "/api/v1/organisations/0751/members", headers: auth)
            #expect(members.body.contains("revisor@aarhus.example"))
            #expect(try await api.request(.GET, "/api/v1/organisations/0461", headers: auth).status == .notFound)
            let audit = try await api.request(.GET, "/api/v1/organisations/0751/audit-events?limit=1", headers: auth)
            #expect(audit.body.contains("\"limit\":1"))
        }
    }
}
