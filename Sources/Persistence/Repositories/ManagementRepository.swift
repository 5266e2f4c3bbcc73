import Community
import FluentKit
import Foundation
import SQLKit

/// The management body (people with the role management member) and their NIS2 training.
public struct ManagementRepository: SQLRepository {
    public struct MemberTraining: Sendable, Equatable {
        public var userID: UUID
        public var displayName: String
        /// Newest completed training, `YYYY-MM-DD`.
        public var lastTraining: String?
        public var course: String?
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    public func members(in scope: TenantScope) async throws -> [MemberTraining] {
        let members = try await MembershipRepository(db: db).members(in: scope)
            .filter { m in !m.isDisabled && m.roles.contains { $0.role == .managementMember } }
        let rows = try await sql.select().columns("user_id", "completed_on", "course").from("management_training")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).orderBy("completed_on").all()
        var latest: [UUID: (String, String)] = [:]
        for r in rows {
            latest[try r.decode(column: "user_id", as: UUID.self)] = (try r.decode(column: "completed_on", as: String.self), try r.decode(column: "course", as: String.self))
        }
        return members.map { m in
            MemberTraining(userID: m.userID, displayName: m.displayName, lastTraining: latest[m.userID]?.0, course: latest[m.userID]?.1)
        }
    }

    public func recordTraining(userID: UUID, completedOn: String, course: String, by actor: UUID, in scope: TenantScope, now: Date) async throws {
        guard try await members(in: scope).contains(where: { $0.userID == userID }) else {
            throw RepositoryError.invalid(field: "user", message: "not a member of the management body")
        }
        let day = completedOn.trimmingCharacters(in: .whitespaces)
        guard day.count == 10, let date = try? Date(day + "T12:00:00Z", strategy: .iso8601), date <= now else {
            throw RepositoryError.invalid(field: "completed_on", message: "a date (YYYY-MM-DD) not in the future")
        }
        let course = course.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !course.isEmpty, course.count <= 200 else { throw RepositoryError.invalid(field: "course", message: "1–200 characters") }
        try await sql.insert(into: "management_training")
            .columns("id", "organisation_id", "user_id", "completed_on", "course", "recorded_by", "recorded_at")
            .values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(userID), SQLBind(day), SQLBind(course), SQLBind(actor), SQLBind(now))
            .run()
    }
}
