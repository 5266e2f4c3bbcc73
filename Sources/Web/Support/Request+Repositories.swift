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
