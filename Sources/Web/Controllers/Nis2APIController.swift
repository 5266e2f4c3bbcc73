import Community
import Fluent
import Foundation
import Persistence
import Resilience
import Vapor

/// The NIS2 part of the JSON API: incidents (read and register), risks, measures and plans.
enum Nis2APIController {
    static func scope(_ req: Request, requiring permission: Permission = .viewDashboard) async throws -> TenantScope {
        let (organisation, scope) = try await APIController.scope(req, requiring: permission)
        guard organisation.kind == .municipality else { throw Abort(.notFound) }
        return scope
    }

    static func repo(_ req: Request) -> ResilienceRepository { ResilienceRepository(db: req.db) }

    struct StageDTO: Content {
        var kind: String
        var due: Date?
        var provisional: Bool
        var submittedAt: Date?
        var status: String
    }

    struct IncidentDTO: Content {
        var id: UUID
        var title: String
        var description: String
        var severity: String
        var status: String
        var awareAt: Date
        var significance: String?
        var significanceDecidedAt: Date?
        var stages: [StageDTO]
        var lessons: String

        init(_ i: IncidentRecord, now: Date) {
            id = i.id
            title = i.title
            description = i.description
            severity = i.severity
            status = i.status
            awareAt = i.awareAt
            switch i.significance {
            case .significant(let at): (significance, significanceDecidedAt) = ("significant", at)
            case .notSignificant(let at, _): (significance, significanceDecidedAt) = ("not_significant", at)
            case nil: (significance, significanceDecidedAt) = (nil, nil)
            }
            stages = i.stages(now: now).map { StageDTO(kind: $0.kind.rawValue, due: $0.due, provisional: $0.provisional, submittedAt: $0.submittedAt, status: $0.status.rawValue) }
            lessons = i.lessons
        }
    }

    struct TimelineEntryDTO: Content {
        var at: Date
        var recordedAt: Date
        var text: String
        var automatic: Bool
    }

    struct IncidentDetailDTO: Content {
        var incident: IncidentDTO
        var timeline: [TimelineEntryDTO]
    }

    @Sendable static func incidents(req: Request) async throws -> [IncidentDTO] {
        let scope = try await scope(req)
        return try await IncidentRepository(db: req.db).incidents(in: scope).map { IncidentDTO($0, now: req.now) }
    }

    @Sendable static func incident(req: Request) async throws -> IncidentDetailDTO {
        let scope = try await scope(req)
        let id = try req.uuidParameter()
        let repo = IncidentRepository(db: req.db)
        let incident = try await repo.incident(id, in: scope)
        return IncidentDetailDTO(incident: IncidentDTO(incident, now: req.now), timeline: try await repo.timeline(id, in: scope).map {
            TimelineEntryDTO(at: $0.at, recordedAt: $0.recordedAt, text: $0.text, automatic: $0.automatic)
        })
    }

    struct NewIncident: Content {
        var title: String
        var description: String?
        var severity: String
        /// RFC 3339, with or without fractional seconds, any offset.
        var awareAt: String
    }

    static func rfc3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// Registers an incident (e.g. from a monitoring system); the reporting clock starts at `awareAt`.
    @Sendable static func createIncident(req: Request) async throws -> Response {
        let scope = try await scope(req, requiring: .manageSecurity)
        let input: NewIncident
        do { input = try req.content.decode(NewIncident.self) } catch { throw Abort(.badRequest, reason: "body: title, severity and awareAt (ISO 8601) are required") }
        guard let awareAt = rfc3339(input.awareAt) else { throw Abort(.badRequest, reason: "awareAt: not a date-time (RFC 3339), e.g. 2026-11-28T09:30:00Z") }
        // The lengths the document states, counted as JSON Schema counts them (code points).
        guard (1...200).contains(input.title.unicodeScalars.count) else { throw Abort(.badRequest, reason: "title: 1 to 200 characters") }
        guard (input.description ?? "").unicodeScalars.count <= 10_000 else { throw Abort(.badRequest, reason: "description: at most 10,000 characters") }
        do {
            let id = try await IncidentRepository(db: req.db).create(title: input.title, description: input.description ?? "", severity: input.severity,
                awareAt: awareAt, by: scope.userID, in: scope, now: req.now)
            try await req.audit(.incidentCreated, organisationID: scope.organisationID, actorID: scope.userID, targetType: "incident", targetID: id.uuidString)
            let detail = IncidentDetailDTO(incident: IncidentDTO(try await IncidentRepository(db: req.db).incident(id, in: scope), now: req.now),
                timeline: try await IncidentRepository(db: req.db).timeline(id, in: scope).map {
                    TimelineEntryDTO(at: $0.at, recordedAt: $0.recordedAt, text: $0.text, automatic: $0.automatic)
                })
            return try await detail.encodeResponse(status: .created, for: req)
        } catch RepositoryError.invalid(let field, let message) {
            throw Abort(.unprocessableEntity, reason: "\(field): \(message)")
        }
    }

    struct LevelDTO: Content {
        var likelihood: Int
        var impact: Int
        var level: Int
    }

    struct RiskDTO: Content {
        var id: UUID
        var title: String
        var assetId: UUID?
        var threat: String
        var vulnerability: String
        var consequence: String
        var inherent: LevelDTO
        var residual: LevelDTO
        var treatment: String
        var owner: String
        var dueOn: String?
        var acceptedAt: Date?
        var measureIds: [UUID]
    }

    @Sendable static func risks(req: Request) async throws -> [RiskDTO] {
        let scope = try await scope(req)
        return try await repo(req).risks(in: scope).map { r in
            RiskDTO(id: r.id, title: r.record.title, assetId: r.record.assetId, threat: r.record.threat, vulnerability: r.record.vulnerability,
                consequence: r.record.consequence,
                inherent: .init(likelihood: r.record.inherentLikelihood, impact: r.record.inherentImpact, level: r.inherentLevel),
                residual: .init(likelihood: r.record.residualLikelihood, impact: r.record.residualImpact, level: r.residualLevel),
                treatment: r.record.treatment, owner: r.record.owner, dueOn: r.record.dueOn.isEmpty ? nil : r.record.dueOn,
                acceptedAt: r.record.acceptedAt, measureIds: r.measureIds)
        }
    }

    struct MeasureDTO: Content {
        var id: UUID
        var catalogueRef: String
        var citation: String
        var title: String
        var description: String
        var status: String
        var owner: String
        var evidenceLink: String?
        var evidenceFiles: Int
        var reviewDue: String?
        var approvedAt: Date?
    }

    @Sendable static func measures(req: Request) async throws -> [MeasureDTO] {
        let scope = try await scope(req)
        let evidence = Dictionary(grouping: try await repo(req).evidence(in: scope), by: \.measureId)
        return try await repo(req).measures(in: scope).map { m in
            MeasureDTO(id: m.id, catalogueRef: m.catalogueRef, citation: MeasureCatalogue.bundled.item(ref: m.catalogueRef)?.citation ?? m.catalogueRef,
                title: m.title, description: m.description, status: m.status, owner: m.owner, evidenceLink: m.evidenceLink.isEmpty ? nil : m.evidenceLink,
                evidenceFiles: evidence[m.id]?.count ?? 0, reviewDue: m.reviewDue.isEmpty ? nil : m.reviewDue, approvedAt: m.approvedAt)
        }
    }

    struct ContactDTO: Content {
        var id: UUID
        var parentId: UUID?
        var name: String
        var role: String
        var phone: String
        var altPhone: String
    }

    struct ExerciseDTO: Content {
        var heldOn: String
        var method: String
        var targetRtoHours: Double
        var targetRpoHours: Double
        var achievedRtoHours: Double?
        var achievedRpoHours: Double?
        var targetsMet: Bool?
        var followUps: String
    }

    struct PlanDTO: Content {
        var id: UUID
        var title: String
        var assetId: UUID?
        var activation: String
        var roles: String
        var steps: [String]
        var standDown: String
        var fallbackChannel: String
        var revisedOn: String?
        var lastTestedOn: String?
    }

    struct PlanDetailDTO: Content {
        var plan: PlanDTO
        var callTree: [ContactDTO]
        var exercises: [ExerciseDTO]
    }

    static func dto(_ p: PlanRecord, exercises: [ExerciseRecord]) -> PlanDTO {
        PlanDTO(id: p.id, title: p.title, assetId: p.assetId, activation: p.activation, roles: p.roles, steps: ContinuityViews.steps(p.steps),
            standDown: p.standDown, fallbackChannel: p.fallbackChannel, revisedOn: p.revisedOn.isEmpty ? nil : p.revisedOn,
            lastTestedOn: exercises.filter { $0.planId == p.id }.map(\.heldOn).max())
    }

    @Sendable static func plans(req: Request) async throws -> [PlanDTO] {
        let scope = try await scope(req)
        let exercises = try await repo(req).exercises(in: scope)
        return try await repo(req).plans(in: scope).map { dto($0, exercises: exercises) }
    }

    @Sendable static func plan(req: Request) async throws -> PlanDetailDTO {
        let scope = try await scope(req)
        let plan = try await repo(req).plan(try req.uuidParameter(), in: scope)
        let exercises = try await repo(req).exercises(in: scope).filter { $0.planId == plan.id }
        return PlanDetailDTO(plan: dto(plan, exercises: exercises),
            callTree: try await repo(req).contacts(plan.id, in: scope).map { ContactDTO(id: $0.id, parentId: $0.parentId, name: $0.name, role: $0.role, phone: $0.phone, altPhone: $0.altPhone) },
            exercises: exercises.map { ExerciseDTO(heldOn: $0.heldOn, method: $0.method, targetRtoHours: $0.targetRtoHours, targetRpoHours: $0.targetRpoHours,
                achievedRtoHours: $0.achievedRtoHours, achievedRpoHours: $0.achievedRpoHours, targetsMet: $0.targetsMet, followUps: $0.followUps) })
    }
}
