import FluentKit
import Foundation

/// `@unchecked Sendable`: see `OrganisationModel`.
/// Failed logins, kept in the database so every instance behind a proxy throttles alike.
public final class LoginAttemptModel: Model, @unchecked Sendable {
    public static let schema = "login_attempts"

    @ID(key: .id) public var id: UUID?
    /// SHA-256 of the lower-cased e-mail address: throttles per account without storing it in clear.
    @Field(key: "key_hash") public var keyHash: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(keyHash: String, at: Date) {
        self.keyHash = keyHash
        self.at = at
    }
}
