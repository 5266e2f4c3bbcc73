import Foundation

/// Analysis 5: what breaks if a component (or product, or vendor) is removed for a sub-area, with
/// the cost of removing the bindings — scenarios compared side by side.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var remove: [Target]
    /// The sub-area: only usages of these departments count; nil for the whole municipality.
    public var departments: Set<String>?
    /// The replacement speaks the open standards: bindings with an open-standard alternative lose one
    /// level of strength (hard → degraded, degraded → convenience).
    public var replacementSupportsOpenStandards: Bool

    public init(name: String, remove: [Target], departments: Set<String>? = nil, replacementSupportsOpenStandards: Bool = false) {
        self.name = name
        self.remove = remove
        self.departments = departments
        self.replacementSupportsOpenStandards = replacementSupportsOpenStandards
    }
}

public struct ScenarioResult: Sendable, Equatable {
    public struct Function: Sendable, Equatable, Hashable {
        public var usage: String
        public var function: String
        public var workaround: String
    }

    public var scenario: Scenario
    public var broken: [Function]
    public var degraded: [Function]
    public var usersHard: Int
    public var usersDegraded: Int
    /// Usages hit only through integrations (they lose a data flow or stop with their system).
    public var indirect: [String]
    public var removalCost: Int
    public var removalEffortDays: Double
    /// Bindings whose cost is not estimated yet (the total is a lower bound while this is non-empty).
    public var unestimated: Int
}

extension BindingGraph {
    public func whatIf(_ scenario: Scenario) -> ScenarioResult {
        var strongest: [UUID: Strength] = [:]
        var functions: [UUID: [(Binding, Strength)]] = [:]
        var indirect: [UUID: Strength] = [:]
        var seenBindings = Set<UUID>()
        for target in scenario.remove {
            let radius = blastRadius(of: target)
            for b in radius.bindings where seenBindings.insert(b.id).inserted {
                var strength = b.strength
                if scenario.replacementSupportsOpenStandards && b.substitutability == .openStandard {
                    strength = strength == .hard ? .degraded : .convenience
                }
                functions[b.from, default: []].append((b, strength))
                strongest[b.from] = max(strongest[b.from] ?? .convenience, strength)
            }
            for a in radius.affected where !a.isDirect {
                indirect[a.usage.id] = max(indirect[a.usage.id] ?? .convenience, a.strength)
            }
        }
        func inArea(_ id: UUID) -> Bool {
            guard let departments = scenario.departments else { return true }
            return usages[id]?.departments.contains(where: departments.contains) ?? false
        }
        var broken: [ScenarioResult.Function] = [], degraded: [ScenarioResult.Function] = []
        var cost = 0, effort = 0.0, unestimated = 0
        for (usageID, list) in functions where inArea(usageID) {
            let name = usages[usageID]?.name ?? usageID.uuidString
            for (b, strength) in list {
                let fs = b.functions.isEmpty ? ["(\(b.type.rawValue))"] : b.functions
                for f in fs {
                    let entry = ScenarioResult.Function(usage: name, function: f, workaround: b.workaround)
                    if strength == .hard { broken.append(entry) } else if strength == .degraded { degraded.append(entry) }
                }
                if let c = b.removalCost { cost += c } else { unestimated += 1 }
                effort += b.removalEffortDays ?? 0
            }
        }
        var usersHard = 0, usersDegraded = 0
        for (id, s) in strongest where inArea(id) {
            if s == .hard { usersHard += usages[id]?.users ?? 0 } else if s == .degraded { usersDegraded += usages[id]?.users ?? 0 }
        }
        let indirectNames = indirect.keys.filter { inArea($0) && strongest[$0] == nil }.compactMap { usages[$0]?.name }.sorted()
        let order: (ScenarioResult.Function, ScenarioResult.Function) -> Bool = { ($0.usage, $0.function) < ($1.usage, $1.function) }
        return ScenarioResult(scenario: scenario, broken: broken.sorted(by: order), degraded: degraded.sorted(by: order), usersHard: usersHard,
            usersDegraded: usersDegraded, indirect: indirectNames, removalCost: cost, removalEffortDays: effort, unestimated: unestimated)
    }
}

/// Analysis 4: can a department move to another office suite now, with workarounds, or is it
/// blocked — and by which bindings — with the licence money at stake.
public struct OfficeMove: Sendable, Equatable {
    public enum Verdict: String, Sendable, Comparable {
        case now, withWorkaround = "with_workaround", blocked
        var rank: Int { self == .now ? 0 : self == .withWorkaround ? 1 : 2 }
        public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
    }

    public struct Department: Sendable, Equatable {
        public var name: String
        public var verdict: Verdict
        /// "System: function" for each binding that blocks or needs a workaround.
        public var blockers: [String]
        public var users: Int
        /// Monthly licence saving (øre) if the department's users move, from the licence profiles.
        public var monthlySavingOre: Int64
    }

    public var departments: [Department]
}

extension BindingGraph {
    /// `officeSuite` is the office product (its components count); `licences` gives, per department,
    /// the users and the monthly saving their move would bring (from the Licenser profiles).
    public func officeMove(officeSuite: Target, licences: [String: (users: Int, monthlySavingOre: Int64)]) -> OfficeMove {
        let radius = blastRadius(of: officeSuite)
        var perDepartment: [String: (OfficeMove.Verdict, [String])] = [:]
        for b in radius.bindings {
            guard let usage = usages[b.from] else { continue }
            let verdict: OfficeMove.Verdict = b.strength == .hard && b.workaround.isEmpty && b.substitutability == .none ? .blocked
                : b.strength == .convenience ? .now : .withWorkaround
            let label = "\(usage.name): " + (b.functions.isEmpty ? b.type.rawValue : b.functions.joined(separator: ", "))
            for department in usage.departments {
                var entry = perDepartment[department] ?? (OfficeMove.Verdict.now, [])
                entry.0 = max(entry.0, verdict)
                if verdict != .now { entry.1.append(label) }
                perDepartment[department] = entry
            }
        }
        let names = Set(licences.keys).union(perDepartment.keys)
        return OfficeMove(departments: names.sorted().map { name in
            let (verdict, blockers) = perDepartment[name] ?? (OfficeMove.Verdict.now, [])
            return OfficeMove.Department(name: name, verdict: verdict, blockers: blockers.sorted(), users: licences[name]?.users ?? 0,
                monthlySavingOre: licences[name]?.monthlySavingOre ?? 0)
        })
    }
}
