import Foundation
import FluentKit
import Fluent
import Community
import Persistence
import Vapor

extension Request {
    var organisations: OrganisationRepository { OrganisationRepository(db: db) }
    var users: UserRepository { UserRepository(db: db) }
    var memberships: MembershipRepository { MembershipRepository(db: db) }
    var grants: GrantRepository { GrantRepository(db: db) }
    var auditLog: AuditLog { AuditLog(db: db) }
    var apiTokens: ApiTokenRepository { ApiTokenRepository(db: db) }
    var loginThrottle: LoginThrottle { LoginThrottle(db: db) }
}

extension Request {
    /// A list page's number (`?side=`): 1 when absent or below, at most 1,000,000 so an offset
    /// computed from it cannot overflow.
    var pageNumber: Int { min(max(query[Int.self, at: "side"] ?? 1, 1), 1_000_000) }

    /// An integer query parameter: absent gives `value`; anything but a whole number within `range`
    /// is refused with 400 naming the parameter (the API's document states the same range).
    func queryInt(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let raw = query[String.self, at: name] else { return value }
        guard let n = Int(raw), range.contains(n) else {
            throw Abort(.badRequest, reason: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }
}
