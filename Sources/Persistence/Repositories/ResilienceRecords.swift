import Foundation
import Resilience

/// One row of the inventory: a system, process, piece of infrastructure or supplier. The same rows
/// are the system usages of the Bindinger module (one inventory, two views).
public struct AssetRecord: Codable, Sendable, Identifiable, Equatable {
    public static let kinds = ["system", "process", "infrastructure", "supplier"]
    public static let criticalities = ["low", "medium", "high", "critical"]

    public var id: UUID
    public var organisationId: UUID
    public var kind: String
    public var name: String
    public var description: String
    public var owner: String
    public var criticality: String
    /// KLE task number(s) where known, e.g. "27.36.08".
    public var kle: String
    public var kitosUuid: UUID?
    /// Business-impact analysis (processes): maximum tolerable period of disruption, recovery time
    /// and recovery point objectives; for systems and infrastructure the recovery they can deliver.
    public var mtpdHours: Double?
    public var rtoHours: Double?
    public var rpoHours: Double?
    public var minService: String
    public var manualFallback: String
    public var createdAt: Date
    public var updatedAt: Date
    /// Users of the system (from KITOS's expected-users interval, or entered).
    public var users: Int = 0
    /// Set when a KITOS import no longer lists the usage (the row is kept: risks and plans may point at it).
    public var kitosRemovedAt: Date? = nil

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case organisationId = "organisation_id"
        case kind
        case name
        case description
        case owner
        case criticality
        case kle
        case kitosUuid = "kitos_uuid"
        case mtpdHours = "mtpd_hours"
        case rtoHours = "rto_hours"
        case rpoHours = "rpo_hours"
        case minService = "min_service"
        case manualFallback = "manual_fallback"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case users
        case kitosRemovedAt = "kitos_removed_at"
    }
}

public struct RiskRecord: Codable, Sendable, Identifiable, Equatable {
    public static let treatments = ["accept", "reduce", "transfer", "avoid"]

    public var id: UUID
    public var organisationId: UUID
    public var assetId: UUID?
    public var matrixId: UUID
    public var title: String
    public var threat: String
    public var vulnerability: String
    public var consequence: String
    public var inherentLikelihood: Int
    public var inherentImpact: Int
    public var residualLikelihood: Int
    public var residualImpact: Int
    public var inherentLevel: Int
    public var residualLevel: Int
    public var treatment: String
    public var owner: String
    public var dueOn: String
    public var acceptedBy: UUID?
    public var acceptedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case organisationId = "organisation_id"
        case assetId = "asset_id"
        case matrixId = "matrix_id"
        case title
        case threat
        case vulnerability
        case consequence
        case inherentLikelihood = "inherent_likelihood"
        case inherentImpact = "inherent_impact"
        case residualLikelihood = "residual_likelihood"
        case residualImpact = "residual_impact"
        case inherentLevel = "inherent_level"
        case residualLevel = "residual_level"
        case treatment
        case owner
        case dueOn = "due_on"
        case acceptedBy = "accepted_by"
        case acceptedAt = "accepted_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

public struct MeasureRecord: Codable, Sendable, Identifiable, Equatable {
    public static let statuses = ["planned", "in_progress", "implemented", "not_applicable"]

    public var id: UUID
    public var organisationId: UUID
    /// `art21:a`, `iso:5.1` or `eu2690:3` — an item of the bundled catalogue.
    public var catalogueRef: String
    public var title: String
    public var description: String
    public var status: String
    public var owner: String
    public var evidenceLink: String
    /// Next review, `YYYY-MM-DD`.
    public var reviewDue: String
    public var approvedBy: UUID?
    public var approvedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case organisationId = "organisation_id"
        case catalogueRef = "catalogue_ref"
        case title
        case description
        case status
        case owner
        case evidenceLink = "evidence_link"
        case reviewDue = "review_due"
        case approvedBy = "approved_by"
        case approvedAt = "approved_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

public struct EvidenceInfo: Codable, Sendable, Identifiable, Equatable {
    public var id: UUID
    public var measureId: UUID
    public var filename: String
    public var contentType: String
    public var size: Int64
    public var uploadedAt: Date

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case measureId = "measure_id"
        case filename
        case contentType = "content_type"
        case size
        case uploadedAt = "uploaded_at"
    }
}

public struct PlanRecord: Codable, Sendable, Identifiable, Equatable {
    public var id: UUID
    public var organisationId: UUID
    public var assetId: UUID?
    public var title: String
    public var activation: String
    public var roles: String
    public var steps: String
    public var standDown: String
    public var fallbackChannel: String
    /// Last revision, `YYYY-MM-DD` (rule 9: at least once per election period).
    public var revisedOn: String
    public var createdAt: Date
    public var updatedAt: Date

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case organisationId = "organisation_id"
        case assetId = "asset_id"
        case title
        case activation
        case roles
        case steps
        case standDown = "stand_down"
        case fallbackChannel = "fallback_channel"
        case revisedOn = "revised_on"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// One person in a plan's call tree; `parentId` is the person who calls them.
public struct ContactRecord: Codable, Sendable, Identifiable, Equatable {
    public var id: UUID
    public var organisationId: UUID
    public var planId: UUID
    public var parentId: UUID?
    public var position: Int
    public var name: String
    public var role: String
    public var phone: String
    public var altPhone: String

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case organisationId = "organisation_id"
        case planId = "plan_id"
        case parentId = "parent_id"
        case position
        case name
        case role
        case phone
        case altPhone = "alt_phone"
    }
}

public struct ExerciseRecord: Codable, Sendable, Identifiable, Equatable {
    public static let methods = ["tabletop", "walkthrough", "simulation", "full"]

    public var id: UUID
    public var organisationId: UUID
    public var planId: UUID
    public var heldOn: String
    public var method: String
    public var successCriteria: String
    public var result: String
    public var targetRtoHours: Double
    public var targetRpoHours: Double
    public var achievedRtoHours: Double?
    public var achievedRpoHours: Double?
    public var followUps: String
    public var createdAt: Date

    /// Computed from achieved against target (rule 11), never typed.
    public var targetsMet: Bool? {
        Continuity.ExerciseResult(targetRTOHours: targetRtoHours, targetRPOHours: targetRpoHours,
            achievedRTOHours: achievedRtoHours, achievedRPOHours: achievedRpoHours).targetsMet
    }

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case organisationId = "organisation_id"
        case planId = "plan_id"
        case heldOn = "held_on"
        case method
        case successCriteria = "success_criteria"
        case result
        case targetRtoHours = "target_rto_hours"
        case targetRpoHours = "target_rpo_hours"
        case achievedRtoHours = "achieved_rto_hours"
        case achievedRpoHours = "achieved_rpo_hours"
        case followUps = "follow_ups"
        case createdAt = "created_at"
    }
}

/// NIS2 law § 10 registration data, plus the dates of the last policy and risk-assessment reviews.
public struct RegistrationRecord: Codable, Sendable, Equatable {
    public var id: UUID
    public var organisationId: UUID
    public var name: String
    public var address: String
    public var email: String
    public var phone: String
    public var ipRanges: String
    public var sector: String
    public var policyReviewedOn: String
    public var riskAssessmentReviewedOn: String
    public var updatedAt: Date

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case organisationId = "organisation_id"
        case name
        case address
        case email
        case phone
        case ipRanges = "ip_ranges"
        case sector
        case policyReviewedOn = "policy_reviewed_on"
        case riskAssessmentReviewedOn = "risk_assessment_reviewed_on"
        case updatedAt = "updated_at"
    }
}

public struct TaskRecord: Codable, Sendable, Identifiable, Equatable {
    public var id: UUID
    public var organisationId: UUID
    public var kind: String
    public var title: String
    public var dueOn: String
    public var doneAt: Date?
    public var createdAt: Date

    /// Column names (snake_case) spelled out: decoding rows is on the hot path, key conversion is not free.
    enum CodingKeys: String, CodingKey {
        case id
        case organisationId = "organisation_id"
        case kind
        case title
        case dueOn = "due_on"
        case doneAt = "done_at"
        case createdAt = "created_at"
    }
}

/// `YYYY-MM-DD` calendar days as the forms send them.
public enum CalendarDay {
    /// The instant noon UTC of a valid day, else nil (so "2026-02-30" is refused).
    public static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IncidentClock.copenhagen
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d, hour: 12)),
              calendar.component(.day, from: date) == d else { return nil }
        return date
    }

    /// Today (or any instant) as a Copenhagen calendar day.
    public static func string(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IncidentClock.copenhagen
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    public static func adding(months: Int = 0, days: Int = 0, to day: String) -> String? {
        guard let date = date(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IncidentClock.copenhagen
        return string(calendar.date(byAdding: DateComponents(month: months, day: days), to: date)!)
    }
}
