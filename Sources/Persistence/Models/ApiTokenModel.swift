import FluentKit
import Foundation

/// `@unchecked Sendable`: see `OrganisationModel`.
public final class ApiTokenModel: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "name") public var name: String
    /// SHA-256 of the token, hex. The token itself is shown once and never stored.
    @Field(key: "token_hash") public var tokenHash: String
    /// The first characters of the token, so a person can tell their tokens apart.
    @Field(key: "prefix") public var prefix: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public init(id: UUID? = nil, userID: UUID, name: String, tokenHash: String, prefix: String) {
        self.id = id
        self.userID = userID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
    }
}
