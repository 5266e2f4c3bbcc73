import Community
import FluentKit
import Foundation

/// A person's account. Accounts are installation-wide; what a person sees of other people is
/// always filtered through `MembershipRepository`.
public struct UserAccount: Equatable, Sendable {
    public var id: UUID
    public var email: String
    public var displayName: String
    public var isSystemAdmin: Bool
    public var isDisabled: Bool
    public var hasPassword: Bool
}

public struct UserRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func account(id: UUID) async throws -> UserAccount? {
        try await UserModel.find(id, on: db).map(Self.account)
    }

    /// For login only: returns the stored hash as well.
    public func credentials(email: String) async throws -> (UserAccount, passwordHash: String)? {
        guard let m = try await UserModel.query(on: db).filter(\.$email == email.lowercased()).first() else { return nil }
        return (Self.account(m), m.passwordHash)
    }

    public func passwordHash(id: UUID) async throws -> String? {
        try await UserModel.find(id, on: db)?.passwordHash
    }

    public func create(
        email: String, displayName: String, passwordHash: String, isSystemAdmin: Bool = false, isDemo: Bool = false,
        id: UUID = UUID()
    ) async throws -> UserAccount {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard Self.isPlausibleEmail(email) else {
            throw RepositoryError.invalid(field: "email", message: "not an e-mail address")
        }
        let name = displayName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 120 else {
            throw RepositoryError.invalid(field: "display_name", message: "empty or longer than 120 characters")
        }
        if try await UserModel.query(on: db).filter(\.$email == email).first() != nil {
            throw RepositoryError.duplicate(email)
        }
        let m = UserModel(
            id: id, email: email, displayName: name, passwordHash: passwordHash, isSystemAdmin: isSystemAdmin, isDemo: isDemo)
        try await m.create(on: db)
        return Self.account(m)
    }

    public func list() async throws -> [UserAccount] {
        try await UserModel.query(on: db).sort(\.$email).all().map(Self.account)
    }

    public func count() async throws -> Int {
        try await UserModel.query(on: db).count()
    }

    public func setPasswordHash(_ hash: String, for id: UUID) async throws {
        guard let m = try await UserModel.find(id, on: db) else { throw RepositoryError.notFound }
        m.passwordHash = hash
        try await m.save(on: db)
    }

    /// Installation-wide (CLI and system administrators).
    public func setDisabled(_ disabled: Bool, id: UUID) async throws {
        guard let m = try await UserModel.find(id, on: db) else { throw RepositoryError.notFound }
        m.isDisabled = disabled
        try await m.save(on: db)
        if disabled { try await SessionStore(db: db).deleteAll(userID: id) }
    }

    /// A municipality's administrator may disable a person only if all of that person's memberships
    /// are in the administrator's organisation; otherwise they remove the membership instead.
    public func setDisabled(_ disabled: Bool, id: UUID, in scope: TenantScope) async throws {
        let memberships = try await MembershipModel.query(on: db).filter(\.$userID == id).all()
        guard memberships.contains(where: { $0.organisationID == scope.organisationID }) else {
            throw RepositoryError.notFound
        }
        if !scope.isSystemAdministrator, memberships.contains(where: { $0.organisationID != scope.organisationID }) {
            throw RepositoryError.invalid(
                field: "user", message: "the person is also a member elsewhere; remove the membership instead")
        }
        try await setDisabled(disabled, id: id)
    }

    static func account(_ m: UserModel) -> UserAccount {
        UserAccount(
            id: m.id!, email: m.email, displayName: m.displayName, isSystemAdmin: m.isSystemAdmin,
            isDisabled: m.isDisabled, hasPassword: !m.passwordHash.isEmpty)
    }

    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
    }
}
