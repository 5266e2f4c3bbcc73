import Community
import FluentKit
import Foundation
import Resilience
import SQLKit

/// An incident as stored, with what the reporting clock needs.
public struct IncidentRecord: Sendable, Identifiable {
    public var id: UUID
    public var title: String
    public var description: String
    public var severity: String
    public var status: String
    public var awareAt: Date
    public var significance: IncidentClock.Significance?
    public var clock: IncidentClock.Input
    /// Reasons given for stages submitted after their due time, by stage.
    public var lateReasons: [String: String]
    public var createdAt: Date
    public var suspectedMalicious: Bool?
    public var crossBorder: Bool?
    public var impact: String
    public var indicators: String
    public var rootCause: String
    public var mitigation: String
    /// Lessons learned: what the municipality changes afterwards.
    public var lessons: String

    /// The facts for the paste-ready report texts.
    public func reportFacts(municipality: String) -> IncidentReportText.Facts {
        IncidentReportText.Facts(
            municipality: municipality, title: title, description: description, awareAt: awareAt,
            suspectedUnlawfulOrMalicious: suspectedMalicious, crossBorderImpact: crossBorder, severity: severity, impact: impact,
            indicatorsOfCompromise: indicators, rootCause: rootCause, mitigation: mitigation, handlingEndedAt: clock.handlingEndedAt)
    }

    public func stages(now: Date) -> [IncidentClock.Stage] { IncidentClock.stages(clock, now: now) }

    /// The next unsubmitted stage with a known due time.
    public func nextDeadline(now: Date) -> IncidentClock.Stage? {
        stages(now: now).filter { $0.submittedAt == nil && $0.due != nil }.min { $0.due! < $1.due! }
    }
}

public struct IncidentRepository: SQLRepository {
    public static let severities = ["low", "medium", "high", "critical"]
    public static let statuses = ["open", "handling", "closed"]

    let db: any Database

    public init(db: any Database) { self.db = db }

    static let dateColumns = [
        "significance_decided_at", "early_warning_submitted_at", "notification_submitted_at", "intermediate_requested_due",
        "intermediate_submitted_at", "handling_ended_at", "progress_submitted_at", "final_submitted_at",
    ]

    static func record(_ row: any SQLRow) throws -> IncidentRecord {
        func date(_ c: String) throws -> Date? { try row.decode(column: c, as: Date?.self) }
        let aware = try row.decode(column: "aware_at", as: Date.self)
        var significance: IncidentClock.Significance?
        if let decided = try date("significance_decided_at") {
            switch try row.decode(column: "significance", as: String?.self) {
            case "significant": significance = .significant(decidedAt: decided)
            case "not_significant":
                significance = .notSignificant(decidedAt: decided, justification: try row.decode(column: "significance_justification", as: String?.self) ?? "")
            default: significance = nil
            }
        }
        var clock = IncidentClock.Input(awareAt: aware, significance: significance)
        clock.earlyWarningSubmittedAt = try date("early_warning_submitted_at")
        clock.notificationSubmittedAt = try date("notification_submitted_at")
        clock.intermediateRequestedDue = try date("intermediate_requested_due")
        clock.intermediateSubmittedAt = try date("intermediate_submitted_at")
        clock.handlingEndedAt = try date("handling_ended_at")
        clock.progressReportSubmittedAt = try date("progress_submitted_at")
        clock.finalReportSubmittedAt = try date("final_submitted_at")
        let reasons = (try? JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "late_reasons", as: String.self).utf8))) ?? [:]
        return IncidentRecord(
            id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
            description: try row.decode(column: "description", as: String.self), severity: try row.decode(column: "severity", as: String.self),
            status: try row.decode(column: "status", as: String.self), awareAt: aware, significance: significance, clock: clock,
            lateReasons: reasons, createdAt: try row.decode(column: "created_at", as: Date.self),
            suspectedMalicious: try row.decode(column: "suspected_malicious", as: Bool?.self),
            crossBorder: try row.decode(column: "cross_border", as: Bool?.self), impact: try row.decode(column: "impact", as: String.self),
            indicators: try row.decode(column: "indicators", as: String.self), rootCause: try row.decode(column: "root_cause", as: String.self),
            mitigation: try row.decode(column: "mitigation", as: String.self), lessons: try row.decode(column: "lessons", as: String.self))
    }

    public func incidents(in scope: TenantScope) async throws -> [IncidentRecord] {
        try await sql.select().column(SQLLiteral.all).from("incidents").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .orderBy("aware_at", .descending).all().map(Self.record)
    }

    /// Incidents that are open or still owe a report: what the dashboard, calendar and reminders need
    /// (closed incidents whose final report is in, or that were not significant, are history).
    public func active(in scope: TenantScope) async throws -> [IncidentRecord] {
        try await sql.select().column(SQLLiteral.all).from("incidents").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .where { $0.where("status", .notEqual, SQLBind("closed"))
                .orWhere { $0.where("significance", .equal, SQLBind("significant")).where("final_submitted_at", .is, SQLLiteral.null) } }
            .orderBy("aware_at", .descending).all().map(Self.record)
    }

    /// How many incidents the municipality became aware of since `since`, and how many were significant.
    public func counts(in scope: TenantScope, since: Date) async throws -> (total: Int, significant: Int) {
        let rows = try await sql.select().column("significance").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("incidents")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).where("aware_at", .greaterThanOrEqual, SQLBind(since))
            .groupBy("significance").all()
        var total = 0, significant = 0
        for r in rows {
            let n = try r.decode(column: "n", as: Int.self)
            total += n
            if try r.decode(column: "significance", as: String?.self) == "significant" { significant += n }
        }
        return (total, significant)
    }

    public func incident(_ id: UUID, in scope: TenantScope) async throws -> IncidentRecord {
        guard let row = try await sql.select().column(SQLLiteral.all).from("incidents").where("id", .equal, SQLBind(id))
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).first()
        else { throw RepositoryError.notFound }
        return try Self.record(row)
    }

    public func create(
        title: String, description: String, severity: String, awareAt: Date, by userID: UUID, in scope: TenantScope, now: Date, id: UUID = UUID()
    ) async throws -> UUID {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else { throw RepositoryError.invalid(field: "title", message: "1–200 characters") }
        guard Self.severities.contains(severity) else { throw RepositoryError.invalid(field: "severity", message: "unknown severity") }
        guard awareAt <= now else { throw RepositoryError.invalid(field: "aware_at", message: "in the future") }
        try await db.transaction { tx in
            let sql = try IncidentRepository(db: tx).sql
            try await sql.insert(into: "incidents")
                .columns("id", "organisation_id", "title", "description", "severity", "status", "aware_at", "late_reasons", "created_at", "created_by")
                .values(SQLBind(id), SQLBind(scope.organisationID), SQLBind(title), SQLBind(String(description.prefix(10_000))), SQLBind(severity),
                    SQLBind("open"), SQLBind(awareAt), SQLBind("{}"), SQLBind(now), SQLBind(userID))
                .run()
            try await IncidentRepository(db: tx).appendTimeline(id, text: "Hændelsen registreret (bevidst om den \(Self.local(awareAt)))", at: now,
                automatic: true, by: userID, in: scope, now: now)
        }
        return id
    }

    static func local(_ date: Date) -> String { IncidentClock.wallClock(date, date: .numeric) }

    func appendTimeline(_ id: UUID, text: String, at: Date, automatic: Bool, by userID: UUID?, in scope: TenantScope, now: Date) async throws {
        try await sql.insert(into: "incident_timeline")
            .columns("id", "incident_id", "organisation_id", "at", "recorded_at", "text", "automatic", "author_id")
            .values(SQLBind(UUID()), SQLBind(id), SQLBind(scope.organisationID), SQLBind(at), SQLBind(now), SQLBind(text), SQLBind(automatic), SQLBind(userID))
            .run()
    }

    /// Adds a timeline entry; never in the future, never edited afterwards (specs/nis2.md rule 12).
    public func addTimelineEntry(_ id: UUID, text: String, at: Date, by userID: UUID, in scope: TenantScope, now: Date) async throws {
        let incident = try await incident(id, in: scope)
        var timeline = Timeline(status: incident.status, severity: incident.severity)
        do {
            try timeline.add(text, at: at, now: now)
        } catch .inTheFuture {
            throw RepositoryError.invalid(field: "at", message: "in the future")
        } catch {
            throw RepositoryError.invalid(field: "text", message: "empty")
        }
        try await appendTimeline(id, text: String(text.prefix(5000)), at: at, automatic: false, by: userID, in: scope, now: now)
    }

    public func timeline(_ id: UUID, in scope: TenantScope) async throws -> [Timeline.Entry] {
        _ = try await incident(id, in: scope)
        return try await sql.select().columns("at", "recorded_at", "text", "automatic").from("incident_timeline")
            .where("incident_id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID))
            .orderBy("at").orderBy("recorded_at").all().map {
                Timeline.Entry(at: try $0.decode(column: "at", as: Date.self), recordedAt: try $0.decode(column: "recorded_at", as: Date.self),
                    text: try $0.decode(column: "text", as: String.self), automatic: try $0.decode(column: "automatic", as: Bool.self))
            }
    }

    /// Records the significance decision (rule 6); once recorded it stands.
    public func decideSignificance(_ id: UUID, significant: Bool, justification: String, by userID: UUID, in scope: TenantScope, now: Date) async throws {
        let incident = try await incident(id, in: scope)
        guard incident.significance == nil else { throw RepositoryError.invalid(field: "significance", message: "already decided") }
        let justification = justification.trimmingCharacters(in: .whitespacesAndNewlines)
        if !significant && justification.isEmpty {
            throw RepositoryError.invalid(field: "justification", message: "a decision that the incident is not significant needs a justification")
        }
        try await db.transaction { tx in
            let repo = IncidentRepository(db: tx)
            try await repo.sql.update("incidents").set("significance", to: SQLBind(significant ? "significant" : "not_significant"))
                .set("significance_decided_at", to: SQLBind(now)).set("significance_justification", to: SQLBind(justification))
                .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            try await repo.appendTimeline(id, text: significant ? "Vurderet væsentlig (NIS2 art. 23, stk. 3)" : "Vurderet ikke væsentlig: \(justification)",
                at: now, automatic: true, by: userID, in: scope, now: now)
        }
    }

    /// Marks a reporting stage as submitted on virk.dk at `at`; a late submission needs a reason (rule 5).
    public func markSubmitted(
        _ id: UUID, stage: IncidentClock.Kind, at: Date, lateReason: String, by userID: UUID, in scope: TenantScope, now: Date
    ) async throws {
        let incident = try await incident(id, in: scope)
        guard at <= now else { throw RepositoryError.invalid(field: "submitted_at", message: "in the future") }
        guard let s = incident.stages(now: now).first(where: { $0.kind == stage }) else {
            throw RepositoryError.invalid(field: "stage", message: "no such reporting stage for this incident")
        }
        guard s.submittedAt == nil else { throw RepositoryError.invalid(field: "stage", message: "already submitted") }
        let late = s.due.map { at > $0 } ?? false
        let reason = lateReason.trimmingCharacters(in: .whitespacesAndNewlines)
        if late && reason.isEmpty { throw RepositoryError.invalid(field: "late_reason", message: "submitted after the deadline; give the reason") }
        let column: String = switch stage {
        case .earlyWarning: "early_warning_submitted_at"
        case .notification: "notification_submitted_at"
        case .intermediate: "intermediate_submitted_at"
        case .progress: "progress_submitted_at"
        case .final: "final_submitted_at"
        }
        var reasons = incident.lateReasons
        if late { reasons[stage.rawValue] = String(reason.prefix(2000)) }
        let reasonsJSON = String(decoding: try JSONEncoder().encode(reasons), as: UTF8.self)
        try await db.transaction { tx in
            let repo = IncidentRepository(db: tx)
            try await repo.sql.update("incidents").set(SQLIdentifier(column), to: SQLBind(at)).set("late_reasons", to: SQLBind(reasonsJSON))
                .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            try await repo.appendTimeline(id, text: "Indberettet: \(IncidentTexts.stageName(stage))\(late ? " (for sent: \(reason))" : "")", at: now,
                automatic: true, by: userID, in: scope, now: now)
        }
    }

    /// What the reports must say: malicious?, cross-border?, impact, indicators, cause, mitigation.
    public func updateReportFacts(
        _ id: UUID, suspectedMalicious: Bool?, crossBorder: Bool?, impact: String, indicators: String, rootCause: String, mitigation: String,
        lessons: String? = nil, by userID: UUID, in scope: TenantScope, now: Date
    ) async throws {
        let incident = try await incident(id, in: scope)
        let values = [impact, indicators, rootCause, mitigation, lessons ?? incident.lessons].map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(5000)) }
        try await db.transaction { tx in
            let repo = IncidentRepository(db: tx)
            try await repo.sql.update("incidents")
                .set("suspected_malicious", to: SQLBind(suspectedMalicious)).set("cross_border", to: SQLBind(crossBorder))
                .set("impact", to: SQLBind(values[0])).set("indicators", to: SQLBind(values[1]))
                .set("root_cause", to: SQLBind(values[2])).set("mitigation", to: SQLBind(values[3])).set("lessons", to: SQLBind(values[4]))
                .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            try await repo.appendTimeline(id, text: "Oplysninger til indberetningen opdateret", at: now, automatic: true, by: userID, in: scope, now: now)
        }
    }

    /// Status, severity and the end of handling; each change adds a timeline entry by itself.
    public func update(
        _ id: UUID, status: String, severity: String, handlingEndedAt: Date?, requestedIntermediateDue: Date?, by userID: UUID,
        in scope: TenantScope, now: Date
    ) async throws {
        let incident = try await incident(id, in: scope)
        guard Self.statuses.contains(status) else { throw RepositoryError.invalid(field: "status", message: "unknown status") }
        guard Self.severities.contains(severity) else { throw RepositoryError.invalid(field: "severity", message: "unknown severity") }
        if let end = handlingEndedAt, end > now || end < incident.awareAt {
            throw RepositoryError.invalid(field: "handling_ended_at", message: "must be between awareness and now")
        }
        var timeline = Timeline(status: incident.status, severity: incident.severity)
        timeline.setStatus(status, now: now)
        timeline.setSeverity(severity, now: now)
        let automatic = timeline.entries
        try await db.transaction { tx in
            let repo = IncidentRepository(db: tx)
            try await repo.sql.update("incidents").set("status", to: SQLBind(status)).set("severity", to: SQLBind(severity))
                .set("handling_ended_at", to: SQLBind(handlingEndedAt ?? incident.clock.handlingEndedAt))
                .set("intermediate_requested_due", to: SQLBind(requestedIntermediateDue ?? incident.clock.intermediateRequestedDue))
                .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            for entry in automatic {
                try await repo.appendTimeline(id, text: entry.text, at: now, automatic: true, by: userID, in: scope, now: now)
            }
            if let end = handlingEndedAt, incident.clock.handlingEndedAt == nil {
                try await repo.appendTimeline(id, text: "Håndteringen afsluttet \(Self.local(end))", at: now, automatic: true, by: userID, in: scope, now: now)
            }
            if let due = requestedIntermediateDue, incident.clock.intermediateRequestedDue == nil {
                try await repo.appendTimeline(id, text: "Myndigheden har bedt om en mellemrapport senest \(Self.local(due))", at: now, automatic: true,
                    by: userID, in: scope, now: now)
            }
        }
    }
}

/// Danish names of reporting stages (shared by the timeline and the pages).
public enum IncidentTexts {
    public static func stageName(_ kind: IncidentClock.Kind) -> String {
        switch kind {
        case .earlyWarning: "tidlig varsling (24 timer)"
        case .notification: "hændelsesanmeldelse (72 timer)"
        case .intermediate: "mellemrapport"
        case .progress: "statusrapport"
        case .final: "endelig rapport (1 måned)"
        }
    }
}
