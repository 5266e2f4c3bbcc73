import Licensing
import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Vapor

/// The JSON API under /api/v1, described in Resources/openapi.yaml.
enum APIController {
    struct OrganisationDTO: Content {
        var id: UUID
        var kind: String
        var code: String
        var name: String
        var region: String?
        var isDemo: Bool

        init(_ o: Organisation) {
            id = o.id
            kind = o.kind.rawValue
            code = o.code
            name = o.name
            region = o.region
            isDemo = o.isDemo
        }
    }

    struct MeDTO: Content {
        struct MembershipDTO: Content {
            var organisation: OrganisationDTO
            var role: String
        }
        var id: UUID
        var email: String
        var displayName: String
        var isSystemAdmin: Bool
        var memberships: [MembershipDTO]
    }

    @Sendable static func me(req: Request) async throws -> MeDTO {
        let actor = try req.requireActor()
        return MeDTO(
            id: actor.account.id, email: actor.account.email, displayName: actor.account.displayName,
            isSystemAdmin: actor.account.isSystemAdmin,
            memberships: actor.memberships.compactMap { m in
                actor.organisations.first { $0.id == m.organisationID }.map { .init(organisation: .init($0), role: m.role.rawValue) }
            })
    }

    @Sendable static func organisations(req: Request) async throws -> [OrganisationDTO] {
        try req.requireActor().organisations.map(OrganisationDTO.init)
    }

    /// Resolves `:code` to a scope; an organisation the caller is not a member of is "not found".
    static func scope(_ req: Request, requiring permission: Permission = .viewDashboard) async throws -> (Organisation, TenantScope) {
        let actor = try req.requireActor()
        guard let code = req.parameters.get("code") else { throw Abort(.notFound) }
        var org = actor.organisations.first { $0.code == code }
        if org == nil, actor.account.isSystemAdmin { org = try await req.organisations.find(municipalityCode: code) }
        guard let org else { throw Abort(.notFound, reason: "No organisation with that code among yours.") }
        let scope: TenantScope
        do {
            scope = try TenantScope.resolve(userID: actor.account.id, isSystemAdministrator: actor.account.isSystemAdmin,
                organisation: org, memberships: actor.memberships)
        } catch {
            throw Abort(.notFound)
        }
        guard scope.may(permission) else { throw Abort(.forbidden, reason: "Your roles here do not allow this.") }
        return (org, scope)
    }

    struct OrganisationDetailDTO: Content {
        var organisation: OrganisationDTO
        var departmentCount: Int
        var memberCount: Int
    }

    @Sendable static func organisation(req: Request) async throws -> OrganisationDetailDTO {
        let (org, scope) = try await scope(req)
        return OrganisationDetailDTO(
            organisation: .init(org),
            departmentCount: try await req.organisations.departments(in: scope).count,
            memberCount: try await req.memberships.countMembers(in: scope))
    }

    struct DepartmentDTO: Content {
        var id: UUID
        var code: String
        var name: String
    }

    @Sendable static func departments(req: Request) async throws -> [DepartmentDTO] {
        let (_, scope) = try await scope(req)
        return try await req.organisations.departments(in: scope).map { DepartmentDTO(id: $0.id, code: $0.code, name: $0.name) }
    }

    struct MemberDTO: Content {
        var id: UUID
        var email: String
        var displayName: String
        var isDisabled: Bool
        var roles: [String]
    }

    @Sendable static func members(req: Request) async throws -> [MemberDTO] {
        let (_, scope) = try await scope(req, requiring: .manageMembers)
        return try await req.memberships.members(in: scope).map {
            MemberDTO(id: $0.userID, email: $0.email, displayName: $0.displayName, isDisabled: $0.isDisabled, roles: $0.roles.map(\.role.rawValue))
        }
    }

    struct GrantDTO: Content {
        var id: UUID
        var from: UUID
        var to: UUID
        var scope: String
        var note: String
    }

    struct GrantsDTO: Content {
        var given: [GrantDTO]
        var received: [GrantDTO]
    }

    @Sendable static func grants(req: Request) async throws -> GrantsDTO {
        let (_, scope) = try await scope(req)
        func dto(_ g: Grant) -> GrantDTO {
            GrantDTO(id: g.id, from: g.fromOrganisationID, to: g.toOrganisationID, scope: g.scope.rawValue, note: g.note)
        }
        return GrantsDTO(given: try await req.grants.given(in: scope).map(dto), received: try await req.grants.received(in: scope).map(dto))
    }

    struct AuditPageDTO: Content {
        var total: Int
        var limit: Int
        var offset: Int
        var items: [AuditEntry]
    }

    @Sendable static func auditEvents(req: Request) async throws -> AuditPageDTO {
        let (_, scope) = try await scope(req, requiring: .viewAuditLog)
        let limit = try req.queryInt("limit", default: 100, in: 1...1000)
        let offset = try req.queryInt("offset", default: 0, in: 0...1_000_000_000)
        return AuditPageDTO(
            total: try await req.auditLog.count(in: scope), limit: limit, offset: offset,
            items: try await req.auditLog.entries(in: scope, limit: limit, offset: offset))
    }
}

extension APIController {
    struct SnapshotDTO: Content {
        var id: UUID
        var asOf: String
        var createdAt: Date
        var profiledAt: Date
        var usersProfiled: Int
        var monthlySaving: Profile.Amount
        var personalDataPurged: Bool
        var fileNames: [String]

        init(_ s: SnapshotInfo) {
            id = s.id
            asOf = s.asOf
            createdAt = s.createdAt
            profiledAt = s.profiledAt
            usersProfiled = s.usersProfiled
            monthlySaving = Profile.Amount(s.monthlySavingOre)
            personalDataPurged = s.isPurged
            fileNames = s.fileNames
        }
    }

    struct SnapshotDetailDTO: Content {
        var snapshot: SnapshotDTO
        /// The contract's summary (specs/licensing.md §3), snake_case keys.
        var summary: Profile.Summary
    }

    @Sendable static func licenceSnapshots(req: Request) async throws -> [SnapshotDTO] {
        let (_, scope) = try await scope(req)
        return try await LicenceRepository(db: req.db).snapshots(in: scope).map(SnapshotDTO.init)
    }

    @Sendable static func licenceSnapshot(req: Request) async throws -> SnapshotDetailDTO {
        let (_, scope) = try await scope(req)
        let info = try await LicenceRepository(db: req.db).snapshot(try req.uuidParameter(), in: scope)
        return SnapshotDetailDTO(snapshot: .init(info), summary: info.summary)
    }

    struct LicenceUserDTO: Content {
        var userPrincipalName: String
        var department: String?
        var current: String
        var currentMonthly: Profile.Amount
        var recommended: String
        var recommendedMonthly: Profile.Amount
        var monthlySaving: Profile.Amount
        var action: String
        var reasons: [String]
        var loses: [String]
    }

    struct LicenceUsersDTO: Content {
        var total: Int
        var page: Int
        var perPage: Int
        var items: [LicenceUserDTO]
    }

    /// Per-user results: licence administrators only; every call is audit-logged.
    @Sendable static func licenceSnapshotUsers(req: Request) async throws -> LicenceUsersDTO {
        let (_, scope) = try await scope(req, requiring: .viewPersonalUsage)
        let id = try req.uuidParameter()
        var q = LicenceController.query(req)
        q.perPage = try req.queryInt("perPage", default: 100, in: 1...500)
        q.page = try req.queryInt("page", default: 1, in: 1...1_000_000)
        if let s = req.query[String.self, at: "sorter"], LicenceUserQuery.Sort(rawValue: s) == nil {
            throw Abort(.badRequest, reason: "sorter must be one of \(LicenceUserQuery.Sort.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let a = req.query[String.self, at: "action"] {
            guard let action = Action(rawValue: a) else { throw Abort(.badRequest, reason: "Unknown action \"\(a.prefix(30))\".") }
            q.action = action
        }
        let (rows, total) = try await LicenceRepository(db: req.db).users(snapshot: id, query: q, in: scope)
        try await req.audit(.personalDataViewed, organisationID: scope.organisationID, actorID: scope.userID, targetType: "licence_snapshot",
            targetID: id.uuidString, detail: "api users page=\(q.page) rows=\(rows.count)")
        return LicenceUsersDTO(total: total, page: q.page, perPage: q.perPage, items: rows.map {
            LicenceUserDTO(userPrincipalName: $0.upn, department: $0.department, current: $0.current, currentMonthly: .init($0.currentOre),
                recommended: $0.recommended, recommendedMonthly: .init($0.recommendedOre), monthlySaving: .init($0.savingOre),
                action: $0.action?.rawValue ?? "", reasons: $0.reasons, loses: $0.loses)
        })
    }
}
