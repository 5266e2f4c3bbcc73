import FluentKit
import Fluent
import Persistence
import Community
import Crypto
import Foundation
import Vapor

/// API authentication: `Authorization: Bearer <token>`. Tokens are stored as SHA-256 hashes.
struct BearerTokenMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = req.headers.bearerAuthorization else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Missing bearer token.")
        }
        let hash = ApiTokens.hash(bearer.token)
        guard let userID = try await req.apiTokens.owner(ofTokenHash: hash, at: req.now),
            let actor = try await ActorLoader.load(userID: userID, preferred: nil, on: req)
        else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Invalid or revoked token.")
        }
        req.actor = actor
        return try await next.respond(to: req)
    }
}

enum ApiTokens {
    static let prefix = "hf_"

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
