import FluentKit
import Community
import Fluent
import Foundation
import Persistence
import Vapor

@testable import Web

/// Two municipalities with people, departments, grants and audit entries. Everything of
/// municipality B carries the marker string, so a leak is easy to see in any response.
struct World {
    static let marker = "MARKERB"
    static let password = "correct horse battery"

    let a: Organisation
    let b: Organisation
    let centre: Organisation
    let adminA: UserAccount
    let auditorA: UserAccount
    let licenceAdminA: UserAccount
    let adminB: UserAccount
    let departmentA: Organisation
    let departmentB: Organisation
    let grantB: Grant
    let grantA: Grant
    let membershipB: UUID
    let tokenA: String
    let tokenB: String
    let tokenB_ID: UUID

    static func scope(_ org: Organisation, _ user: UserAccount, _ roles: Set<Role>) -> TenantScope {
        TenantScope(organisationID: org.id, organisationKind: org.kind, userID: user.id, roles: roles)
    }

    static func make(_ app: Application) async throws -> World {
        let db = app.db
        let orgs = OrganisationRepository(db: db)
        let users = UserRepository(db: db)
        let members = MembershipRepository(db: db)
        let hash = try await Accounts.hash(password, on: app)
        let a = try await orgs.find(municipalityCode: "0751")!
        let b = try await orgs.find(municipalityCode: "0461")!
        let centre = try await orgs.createCentre(code: "DC-MIDT", name: "Driftscenter Midt", region: "Region Midtjylland")

        let adminA = try await users.create(email: "admin@aarhus.example", displayName: "Anna Admin", passwordHash: hash)
        let auditorA = try await users.create(email: "revisor@aarhus.example", displayName: "Rune Revisor", passwordHash: hash)
        let licenceAdminA = try await users.create(email: "licens@aarhus.example", displayName: "Lise Licens", passwordHash: hash)
        let adminB = try await users.create(email: "\(marker.lowercased())@odense.example", displayName: "\(marker) Person", passwordHash: hash)
        let sysScopeA = TenantScope(organisationID: a.id, organisationKind: .municipality, userID: adminA.id, roles: [.administrator], isSystemAdministrator: true)
        let sysScopeB = TenantScope(organisationID: b.id, organisationKind: .municipality, userID: adminB.id, roles: [.administrator], isSystemAdministrator: true)
        try await members.add(userID: adminA.id, role: .administrator, in: sysScopeA)
        try await members.add(userID: auditorA.id, role: .auditor, in: sysScopeA)
        try await members.add(userID: licenceAdminA.id, role: .licenceAdministrator, in: sysScopeA)
        let membershipB = try await members.add(userID: adminB.id, role: .administrator, in: sysScopeB)

        let departmentA = try await orgs.createDepartment(name: "Hjemmeplejen", in: sysScopeA)
        let departmentB = try await orgs.createDepartment(name: "\(marker) Afdeling", in: sysScopeB)
        let grants = GrantRepository(db: db)
        let grantA = try await grants.add(to: centre.id, scope: .continuity, note: "Aftale Aarhus", in: sysScopeA)
        let grantB = try await grants.add(to: centre.id, scope: .overview, note: "\(marker) aftale", in: sysScopeB)
        let log = AuditLog(db: db)
        try await log.record(.departmentCreated, organisationID: b.id, actorID: adminB.id, targetType: "department",
            targetID: departmentB.id.uuidString, detail: "\(marker) detail", at: fixedNow)
        try await log.record(.departmentCreated, organisationID: a.id, actorID: adminA.id, targetType: "department",
            targetID: departmentA.id.uuidString, detail: "seed", at: fixedNow)

        let tokens = ApiTokenRepository(db: db)
        let tokenA = "hf_testtokenA_0123456789"
        let tokenB = "hf_testtokenB_\(marker)"
        _ = try await tokens.create(userID: adminA.id, name: "A token", tokenHash: ApiTokens.hash(tokenA), prefix: "hf_testt")
        let tb = try await tokens.create(userID: adminB.id, name: "\(marker) token", tokenHash: ApiTokens.hash(tokenB), prefix: "hf_testt")
        return World(
            a: a, b: b, centre: centre, adminA: adminA, auditorA: auditorA, licenceAdminA: licenceAdminA, adminB: adminB,
            departmentA: departmentA, departmentB: departmentB, grantB: grantB, grantA: grantA, membershipB: membershipB,
            tokenA: tokenA, tokenB: tokenB, tokenB_ID: tb.id)
    }
}
