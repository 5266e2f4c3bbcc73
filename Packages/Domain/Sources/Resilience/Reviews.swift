import Foundation

/// Review clocks (specs/nis2.md rule 9).
public enum ReviewKind: String, CaseIterable, Sendable {
    /// Security policy and risk assessment: at least every 12 months.
    case securityPolicy = "security_policy"
    case riskAssessment = "risk_assessment"
    /// Continuity plans tested at least every 12 months.
    case continuityTest = "continuity_test"
    /// The beredskabsplan revised at least once per municipal election period (4 years).
    case contingencyPlanRevision = "contingency_plan_revision"

    public var months: Int {
        switch self {
        case .securityPolicy, .riskAssessment, .continuityTest: 12
        case .contingencyPlanRevision: 48
        }
    }

    /// When the next review is due after `last`, on the Copenhagen calendar.
    public func due(after last: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IncidentClock.copenhagen
        return calendar.date(byAdding: .month, value: months, to: last)!
    }

    /// Never reviewed counts as overdue.
    public func isOverdue(last: Date?, now: Date) -> Bool {
        guard let last else { return true }
        return now > due(after: last)
    }
}

/// Business-impact analysis consistency (rule 10) and exercises (rule 11).
public enum Continuity {
    public struct Process: Equatable, Sendable {
        public var id: String
        public var mtpdHours: Double
        public var rtoHours: Double
        public var rpoHours: Double
        /// Ids of the resources (systems, suppliers, premises) the process depends on.
        public var resources: [String]

        public init(id: String, mtpdHours: Double, rtoHours: Double, rpoHours: Double, resources: [String]) {
            self.id = id
            self.mtpdHours = mtpdHours
            self.rtoHours = rtoHours
            self.rpoHours = rpoHours
            self.resources = resources
        }
    }

    public struct Resource: Equatable, Sendable {
        public var id: String
        public var rtoHours: Double
        public var rpoHours: Double

        public init(id: String, rtoHours: Double, rpoHours: Double) {
            self.id = id
            self.rtoHours = rtoHours
            self.rpoHours = rpoHours
        }
    }

    public enum Warning: Equatable, Sendable {
        /// RTO longer than the maximum tolerable period of disruption.
        case rtoExceedsMTPD(process: String)
        /// A resource recovers slower than the most demanding process that depends on it.
        case resourceRTOTooLong(resource: String, limitHours: Double, process: String)
        case resourceRPOTooLong(resource: String, limitHours: Double, process: String)
        case unknownResource(process: String, resource: String)
    }

    public static func warnings(processes: [Process], resources: [Resource]) -> [Warning] {
        var out: [Warning] = []
        let byID = Dictionary(resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for p in processes where p.rtoHours > p.mtpdHours { out.append(.rtoExceedsMTPD(process: p.id)) }
        for p in processes {
            for r in p.resources where byID[r] == nil { out.append(.unknownResource(process: p.id, resource: r)) }
        }
        for r in resources {
            let dependants = processes.filter { $0.resources.contains(r.id) }
            if let strictest = dependants.min(by: { $0.rtoHours < $1.rtoHours }), r.rtoHours > strictest.rtoHours {
                out.append(.resourceRTOTooLong(resource: r.id, limitHours: strictest.rtoHours, process: strictest.id))
            }
            if let strictest = dependants.min(by: { $0.rpoHours < $1.rpoHours }), r.rpoHours > strictest.rpoHours {
                out.append(.resourceRPOTooLong(resource: r.id, limitHours: strictest.rpoHours, process: strictest.id))
            }
        }
        return out
    }

    /// An exercise's result: `targetsMet` is computed from achieved against target, never typed.
    public struct ExerciseResult: Equatable, Sendable {
        public var targetRTOHours: Double
        public var targetRPOHours: Double
        public var achievedRTOHours: Double?
        public var achievedRPOHours: Double?

        public init(targetRTOHours: Double, targetRPOHours: Double, achievedRTOHours: Double?, achievedRPOHours: Double?) {
            self.targetRTOHours = targetRTOHours
            self.targetRPOHours = targetRPOHours
            self.achievedRTOHours = achievedRTOHours
            self.achievedRPOHours = achievedRPOHours
        }

        /// nil until both achieved values are recorded.
        public var targetsMet: Bool? {
            guard let rto = achievedRTOHours, let rpo = achievedRPOHours else { return nil }
            return rto <= targetRTOHours && rpo <= targetRPOHours
        }
    }
}

/// An incident's timeline (rule 12): entries are only ever added, never dated in the future, and
/// status or severity changes add entries by themselves.
public struct Timeline: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var at: Date
        public var recordedAt: Date
        public var text: String
        public var automatic: Bool

        public init(at: Date, recordedAt: Date, text: String, automatic: Bool) {
            self.at = at
            self.recordedAt = recordedAt
            self.text = text
            self.automatic = automatic
        }
    }

    public enum Failure: Error, Equatable {
        case inTheFuture
        case empty
    }

    public private(set) var entries: [Entry] = []
    public private(set) var status: String
    public private(set) var severity: String

    public init(status: String, severity: String) {
        self.status = status
        self.severity = severity
    }

    public mutating func add(_ text: String, at: Date, now: Date) throws(Failure) {
        guard at <= now else { throw .inTheFuture }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        entries.append(Entry(at: at, recordedAt: now, text: trimmed, automatic: false))
    }

    public mutating func setStatus(_ new: String, now: Date) {
        guard new != status else { return }
        entries.append(Entry(at: now, recordedAt: now, text: "Status: \(status) → \(new)", automatic: true))
        status = new
    }

    public mutating func setSeverity(_ new: String, now: Date) {
        guard new != severity else { return }
        entries.append(Entry(at: now, recordedAt: now, text: "Alvor: \(severity) → \(new)", automatic: true))
        severity = new
    }
}
