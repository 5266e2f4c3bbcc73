import Community
import FluentKit
import Foundation
import Resilience
import SQLKit

/// Something with a date the municipality must meet: a reporting stage, a review, a due risk
/// treatment, a task. The dashboard, the calendar feed and the e-mail reminders all read these.
public struct Deadline: Sendable, Equatable {
    public enum Subject: Sendable, Equatable, Hashable {
        case incident(UUID)
        case measure(UUID)
        case risk(UUID)
        case plan(UUID)
        case registration
        case task(UUID)
    }

    /// Stable across runs (the calendar's UID and the reminder log's key).
    public var key: String
    public var subject: Subject
    public var title: String
    public var due: Date
    /// Calendar days (reviews) rather than instants (reporting deadlines).
    public var allDay: Bool
    public var overdue: Bool

    public init(key: String, subject: Subject, title: String, due: Date, allDay: Bool, overdue: Bool) {
        self.key = key
        self.subject = subject
        self.title = title
        self.due = due
        self.allDay = allDay
        self.overdue = overdue
    }
}

/// The NIS2 dashboard in numbers.
public struct Nis2Status: Sendable {
    public var measuresByStatus: [String: Int]
    public var measuresApproved: Int
    public var measuresTotal: Int
    public var topRisks: [ResilienceRepository.Risk]
    /// Names of the top risks' assets.
    public var topRiskAssets: [UUID: String]
    public var risksTotal: Int
    public var risksAwaitingAcceptance: Int
    public var overdue: [Deadline]
    public var upcoming: [Deadline]
    public var untrained: [ManagementRepository.MemberTraining]
    public var managementMembers: Int
    public var openIncidents: [(incident: IncidentRecord, next: IncidentClock.Stage?)]
    public var incidentsThisYear: Int
    public var significantThisYear: Int
    public var openTasks: [TaskRecord]
    public var article21Uncovered: [String]
}

extension ResilienceRepository {
    /// Every dated obligation of the municipality, soonest first.
    public func deadlines(in scope: TenantScope, now: Date) async throws -> [Deadline] {
        try await deadlines(in: scope, now: now, incidents: try await IncidentRepository(db: db).active(in: scope), measures: try await measures(in: scope))
    }

    /// `until` (a `YYYY-MM-DD`) leaves out risk treatment dates after it (the dashboard shows only what
    /// is overdue or coming soon; the calendar wants everything).
    func deadlines(in scope: TenantScope, now: Date, incidents: [IncidentRecord], measures: [MeasureRecord], until: String? = nil) async throws -> [Deadline] {
        var out: [Deadline] = []
        let today = CalendarDay.string(now)
        func dayDeadline(_ key: String, _ subject: Deadline.Subject, _ title: String, _ day: String) {
            guard let date = CalendarDay.date(day) else { return }
            out.append(Deadline(key: key, subject: subject, title: title, due: date, allDay: true, overdue: day < today))
        }
        for incident in incidents {
            for stage in incident.stages(now: now) where stage.submittedAt == nil {
                guard let due = stage.due else { continue }
                out.append(Deadline(key: "incident-\(incident.id)-\(stage.kind.rawValue)", subject: .incident(incident.id),
                    title: "\(IncidentTexts.stageName(stage.kind).capitalizedFirst): \(incident.title)\(stage.provisional ? " (foreløbig)" : "")",
                    due: due, allDay: false, overdue: stage.status == .overdue))
            }
        }
        for m in measures where !m.reviewDue.isEmpty && m.status != "not_applicable" {
            dayDeadline("measure-\(m.id)-review", .measure(m.id), "Gennemgang af foranstaltning: \(m.title)", m.reviewDue)
        }
        var dueQuery = try sql.select().columns("id", "title", "due_on").from("risks").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .where("accepted_at", .is, SQLLiteral.null).where("due_on", .notEqual, SQLBind(""))
        if let until { dueQuery = dueQuery.where("due_on", .lessThanOrEqual, SQLBind(until)) }
        let dueRisks = try await dueQuery.all()
        for row in dueRisks {
            let r = (id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                     dueOn: try row.decode(column: "due_on", as: String.self))
            dayDeadline("risk-\(r.id)-due", .risk(r.id), "Frist for risikobehandling: \(r.title)", r.dueOn)
        }
        let exercises = try await exercises(in: scope)
        for p in try await plans(in: scope) {
            let lastTest = exercises.filter { $0.planId == p.id }.map(\.heldOn).max()
            let testDue = lastTest.flatMap { CalendarDay.adding(months: ReviewKind.continuityTest.months, to: $0) } ?? CalendarDay.string(p.createdAt)
            dayDeadline("plan-\(p.id)-test", .plan(p.id), "Test af beredskabsplan: \(p.title)", testDue)
            let revisionDue = CalendarDay.date(p.revisedOn) != nil
                ? CalendarDay.adding(months: ReviewKind.contingencyPlanRevision.months, to: p.revisedOn)! : CalendarDay.string(p.createdAt)
            dayDeadline("plan-\(p.id)-revision", .plan(p.id), "Revision af beredskabsplan: \(p.title)", revisionDue)
        }
        let registration = try await registration(in: scope)
        for (key, title, last, kind) in [("policy", "Gennemgang af informationssikkerhedspolitikken", registration?.policyReviewedOn ?? "", ReviewKind.securityPolicy),
                                         ("risk-assessment", "Gennemgang af risikovurderingen", registration?.riskAssessmentReviewedOn ?? "", ReviewKind.riskAssessment)] {
            let due = CalendarDay.date(last) != nil ? CalendarDay.adding(months: kind.months, to: last)! : today
            dayDeadline("review-\(key)", .registration, title, due)
        }
        for t in try await tasks(in: scope) where t.doneAt == nil {
            dayDeadline("task-\(t.id)", .task(t.id), t.title, t.dueOn)
        }
        return out.sorted { ($0.due, $0.key) < ($1.due, $1.key) }
    }

    /// How far ahead the dashboard lists coming deadlines.
    public static let upcomingDays = 60

    public func status(in scope: TenantScope, now: Date) async throws -> Nis2Status {
        let measures = try await measures(in: scope)
        let topRisks = try await risks(in: scope, limit: 5, withMeasures: false)
        let riskCount = try await riskCount(in: scope)
        let incidents = try await IncidentRepository(db: db).active(in: scope)
        let horizon = CalendarDay.adding(days: Self.upcomingDays, to: CalendarDay.string(now))!
        let deadlines = try await deadlines(in: scope, now: now, incidents: incidents, measures: measures, until: horizon)
        let members = try await ManagementRepository(db: db).members(in: scope)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IncidentClock.copenhagen
        let startOfYear = calendar.date(from: DateComponents(year: calendar.component(.year, from: now), month: 1, day: 1))!
        let thisYear = try await IncidentRepository(db: db).counts(in: scope, since: startOfYear)
        let assetIDs = topRisks.compactMap(\.record.assetId)
        var assetNames: [UUID: String] = [:]
        if !assetIDs.isEmpty {
            for row in try await sql.select().columns("id", "name").from("assets").where("organisation_id", .equal, SQLBind(scope.organisationID))
                .where("id", .in, SQLBind.group(assetIDs)).all() {
                assetNames[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        let catalogue = MeasureCatalogue.bundled
        let uncovered = catalogue.nis2Article21.filter { item in
            !measures.contains { m in
                m.status != "not_applicable" && (m.catalogueRef == "art21:\(item.id)" || item.iso27001.contains { "iso:\($0)" == m.catalogueRef }
                    || catalogue.regulation2024_2690.contains { $0.article21.contains(item.id) && "eu2690:\($0.id)" == m.catalogueRef })
            }
        }.map(\.id)
        return Nis2Status(
            measuresByStatus: Dictionary(grouping: measures, by: \.status).mapValues(\.count), measuresApproved: measures.filter { $0.approvedAt != nil }.count,
            measuresTotal: measures.count, topRisks: topRisks, topRiskAssets: assetNames, risksTotal: riskCount.total,
            risksAwaitingAcceptance: riskCount.awaitingAcceptance,
            overdue: deadlines.filter(\.overdue), upcoming: Array(deadlines.filter { !$0.overdue && $0.due <= CalendarDay.date(horizon)! }.prefix(8)),
            untrained: members.filter { $0.lastTraining == nil }, managementMembers: members.count,
            openIncidents: incidents.filter { $0.status != "closed" }.map { ($0, $0.nextDeadline(now: now)) },
            incidentsThisYear: thisYear.total, significantThisYear: thisYear.significant, 
            openTasks: try await tasks(in: scope).filter { $0.doneAt == nil }, article21Uncovered: uncovered)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
