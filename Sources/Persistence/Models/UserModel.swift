import FluentKit
import Foundation

/// `@unchecked Sendable`: see `OrganisationModel`.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    /// Lower-cased; unique across the installation.
    @Field(key: "email") public var email: String
    @Field(key: "display_name") public var displayName: String
    /// bcrypt; empty means no password is set (e.g. after an archive import) and login is impossible.
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "is_system_admin") public var isSystemAdmin: Bool
    @Field(key: "is_disabled") public var isDisabled: Bool
    @Field(key: "is_demo") public var isDemo: Bool
    /// Set explicitly (not a Fluent timestamp) so an archive import keeps the original value.
    @OptionalField(key: "created_at") public var createdAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, email: String, displayName: String, passwordHash: String, isSystemAdmin: Bool = false,
        isDisabled: Bool = false, isDemo: Bool = false, createdAt: Date = Date()
    ) {
        self.createdAt = createdAt
        self.id = id
        self.email = email.lowercased()
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.isSystemAdmin = isSystemAdmin
        self.isDisabled = isDisabled
        self.isDemo = isDemo
    }
}
