import Prometheus
import Fluent
import Community
import FluentKit
import Foundation
import Persistence
import SQLKit
import Vapor

enum OpsController {
    struct Health: Content {
        var status: String
        var database: String
    }

    /// 200 when the database answers, 503 otherwise.
    @Sendable static func healthz(req: Request) async throws -> Response {
        do {
            _ = try await OrganisationModel.query(on: req.db).limit(1).first()
            return try await Health(status: "ok", database: "ok").encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("healthz: database check failed")
            return try await Health(status: "error", database: "unreachable").encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    @Sendable static func metrics(req: Request) async throws -> Response {
        var buffer: [UInt8] = []
        req.application.metricsRegistry.emit(into: &buffer)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(buffer)))
    }

    @Sendable static func openAPI(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(data: WebResources.openAPI))
    }

    @Sendable static func uploadScript(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        headers.cacheControl = .init(maxAge: 3600)
        return Response(status: .ok, headers: headers, body: .init(data: WebResources.uploadScript))
    }

    @Sendable static func stylesheet(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .css
        headers.cacheControl = .init(maxAge: 3600)
        return Response(status: .ok, headers: headers, body: .init(data: WebResources.stylesheet))
    }
}

/// Files bundled with the Web module, read once.
public enum WebResources {
    static func load(_ name: String, _ ext: String) -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else { fatalError("\(name).\(ext) is missing from the Web bundle") }
        return data
    }

    public static let openAPI = load("openapi", "yaml")
    static let stylesheet = load("app", "css")
    static let uploadScript = load("upload", "js")
}
