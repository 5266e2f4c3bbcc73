import Foundation
import FluentKit
import Fluent
import Community
import Persistence
import Vapor

/// The signed-in person and the organisation they act in for this request.
struct Actor: Sendable {
    var account: UserAccount
    var memberships: [Membership]
    /// Organisations the person can switch to (their memberships'), sorted by name.
    var organisations: [Organisation]
    var current: Organisation
    var scope: TenantScope

    func may(_ permission: Permission) -> Bool { scope.may(permission) }
}

extension Request {
    private struct ActorKey: StorageKey { typealias Value = Actor }

    var actor: Actor? {
        get { storage[ActorKey.self] }
        set { storage[ActorKey.self] = newValue }
    }

    /// The actor, or 401 (routes behind `RequireLogin` always have one).
    func requireActor() throws -> Actor {
        guard let actor else { throw Abort(.unauthorized) }
        return actor
    }

    /// The actor's scope, after checking a permission there.
    func scope(requiring permission: Permission) throws -> TenantScope {
        let actor = try requireActor()
        guard actor.may(permission) else { throw Abort(.forbidden) }
        return actor.scope
    }
}

enum ActorLoader {
    /// Builds the actor for a person, acting in `preferred` when they may, else their first organisation.
    /// One query for the account, memberships and organisations (every signed-in request runs this).
    static func load(userID: UUID, preferred: UUID?, on req: Request) async throws -> Actor? {
        let stashed = req.storage[DatabaseSessionDriver.ContextKey.self].flatMap { $0.account.id == userID ? $0 : nil }
        var loaded = stashed
        if loaded == nil { loaded = try await req.users.context(id: userID) }
        guard let context = loaded, !context.account.isDisabled else { return nil }
        let account = context.account
        let memberships = context.memberships
        var organisations = context.organisations
        if account.isSystemAdmin, let preferred, !organisations.contains(where: { $0.id == preferred }),
            let extra = try await req.organisations.find(id: preferred)
        {
            organisations.append(extra)
            organisations.sort { $0.name < $1.name }
        }
        guard let current = organisations.first(where: { $0.id == preferred }) ?? organisations.first else {
            if account.isSystemAdmin {
                // A system administrator without memberships starts in the CERT's context.
                guard let cert = try await req.organisations.find(id: Organisation.certID) else { return nil }
                let scope = try TenantScope.resolve(
                    userID: userID, isSystemAdministrator: true, organisation: cert, memberships: memberships)
                return Actor(account: account, memberships: memberships, organisations: [cert], current: cert, scope: scope)
            }
            return nil
        }
        let scope = try TenantScope.resolve(
            userID: userID, isSystemAdministrator: account.isSystemAdmin, organisation: current, memberships: memberships)
        return Actor(account: account, memberships: memberships, organisations: organisations, current: current, scope: scope)
    }
}
