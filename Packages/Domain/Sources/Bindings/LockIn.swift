import Foundation

/// A data set a usage holds, and whether getting it out in an open format has been tried.
public struct DataAsset: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var usageID: UUID
    public var businessCritical: Bool
    public var exportFormats: [String]
    /// When an export was last tested end to end, and whether it came out in an open format.
    public var lastTestedExport: Date?
    public var testedExportIsOpen: Bool

    public init(id: UUID = UUID(), name: String, usageID: UUID, businessCritical: Bool = false, exportFormats: [String] = [],
                lastTestedExport: Date? = nil, testedExportIsOpen: Bool = false) {
        self.id = id
        self.name = name
        self.usageID = usageID
        self.businessCritical = businessCritical
        self.exportFormats = exportFormats
        self.lastTestedExport = lastTestedExport
        self.testedExportIsOpen = testedExportIsOpen
    }

    var hasTestedOpenExport: Bool { lastTestedExport != nil && testedExportIsOpen }
}

/// Analysis 2: how locked in the municipality is to a vendor, product or component — five
/// dimensions scored 0 (free) to 4 (locked), hard floors first, then a weighted total, in the
/// two-stage style of the EU Cloud Sovereignty Framework. Every number carries the list behind it.
public struct LockInScore: Sendable, Equatable {
    public enum Dimension: String, CaseIterable, Sendable {
        case bindings, breadth, contract, portability, jurisdiction

        public var weight: Double {
            switch self {
            case .bindings: 0.35
            case .breadth: 0.15
            case .contract: 0.2
            case .portability: 0.2
            case .jurisdiction: 0.1
            }
        }
    }

    public enum Level: String, Sendable, Comparable {
        case green, amber, red
        var rank: Int { self == .green ? 0 : self == .amber ? 1 : 2 }
        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    public var target: Target
    public var dimensions: [Dimension: Int]
    /// Why each dimension has its score (for the page and the report).
    public var reasons: [Dimension: [String]]
    /// Per binding: its contribution to the bindings dimension's raw sum.
    public var contributions: [(binding: UUID, value: Double)]
    /// Weighted 0–4.
    public var total: Double
    /// Floors that force the level whatever the total.
    public var floors: [String]
    public var level: Level

    public static func == (a: LockInScore, b: LockInScore) -> Bool {
        a.target == b.target && a.dimensions == b.dimensions && a.total == b.total && a.level == b.level && a.floors == b.floors
    }

    /// How much a binding of each type binds (a start; municipalities will argue about these).
    public static func weight(_ type: BindingType) -> Double {
        switch type {
        case .identity, .dataHosting: 1.0
        case .clientAddIn: 0.8
        case .licenceBundle, .securityTooling: 0.7
        case .documentTemplate, .fileFormat: 0.6
        case .api, .workflow: 0.5
        case .dataFlow: 0.4
        case .skills: 0.3
        }
    }

    static func factor(_ s: Strength) -> Double { s == .hard ? 1.0 : s == .degraded ? 0.5 : 0.2 }
    /// 1 − substitutability.
    static func factor(_ s: Substitutability) -> Double { s == .openStandard ? 0.2 : s == .otherVendor ? 0.5 : 1.0 }

    static func band(_ value: Double, _ limits: [Double]) -> Int {
        // limits are the lower bounds of 1, 2, 3, 4.
        limits.lastIndex { value >= $0 }.map { $0 + 1 } ?? 0
    }
}

extension BindingGraph {
    public func lockIn(of target: Target, contracts: [Contract], dataAssets: [DataAsset], now: Date) -> LockInScore {
        let radius = blastRadius(of: target)
        let coveredTargets = covered(target)
        var dimensions: [LockInScore.Dimension: Int] = [:]
        var reasons: [LockInScore.Dimension: [String]] = [:]

        // Bindings: Σ weight(type) × strength × (1 − substitutability) × criticality.
        var contributions: [(UUID, Double)] = []
        for b in radius.bindings {
            let critical = usages[b.from]?.businessCritical == true ? 2.0 : 1.0
            contributions.append((b.id, LockInScore.weight(b.type) * LockInScore.factor(b.strength) * LockInScore.factor(b.substitutability) * critical))
        }
        let raw = contributions.map(\.1).reduce(0, +)
        dimensions[.bindings] = LockInScore.band(raw, [0.01, 2, 5, 10])
        reasons[.bindings] = ["\(radius.bindings.count) bindinger, vægtet sum \(String(format: "%.1f", raw))"]

        // Breadth: the share of the usages that are bound.
        let bound = Set(radius.bindings.map(\.from))
        let share = landscape.usages.isEmpty ? 0 : Double(bound.count) / Double(landscape.usages.count)
        dimensions[.breadth] = LockInScore.band(share, [0.0001, 0.1, 0.25, 0.5])
        reasons[.breadth] = ["\(bound.count) af \(landscape.usages.count) systemer og processer er bundet"]

        // Contract rigidity: months to the latest next exit among the contracts of the bound usages.
        let relevant = contracts.filter { c in c.vendorID.map { coveredTargets.contains(.vendor($0)) } ?? false || c.usages.contains(where: bound.contains) }
        if relevant.isEmpty {
            dimensions[.contract] = bound.isEmpty ? 0 : 2
            reasons[.contract] = [bound.isEmpty ? "ingen kontrakter" : "ingen kendt kontrakt (ukendte vilkår tæller som middel)"]
        } else {
            var worst = 0
            var why: [String] = []
            for c in relevant {
                var score: Int
                if let window = c.nextExitWindow(after: now) {
                    let months = Contract.calendar.dateComponents([.month], from: now, to: window.exitOn).month ?? 0
                    score = LockInScore.band(Double(months), [7, 13, 25, 37])
                    why.append("\(c.name): tidligst ude om \(months) måneder")
                } else {
                    score = 2
                    why.append("\(c.name): ingen kendt udløbsdato")
                }
                if !c.hasExitClause {
                    score = min(4, score + 1)
                    why.append("\(c.name): ingen exitklausul")
                }
                worst = max(worst, score)
            }
            dimensions[.contract] = worst
            reasons[.contract] = why
        }

        // Data portability: business-critical data without a tested open-format export.
        let data = dataAssets.filter { bound.contains($0.usageID) }
        let critical = data.filter(\.businessCritical)
        let untested = critical.filter { !$0.hasTestedOpenExport }
        let missing = data.isEmpty ? 0 : Double(data.filter { !$0.hasTestedOpenExport }.count) / Double(data.count)
        dimensions[.portability] = data.isEmpty ? 0 : LockInScore.band(missing, [0.0001, 0.25, 0.5, 0.75])
        reasons[.portability] = data.isEmpty ? ["ingen registrerede datasæt"] : data.map { "\($0.name): " + ($0.hasTestedOpenExport ? "testet åben eksport" : "ingen testet åben eksport") }

        // Jurisdiction: can non-EU law compel access (the vendor or its ultimate parent)?
        let vendors = coveredTargets.compactMap { t -> Vendor? in
            if case .vendor(let id) = t { return vendorsByID[id] }
            return nil
        } + owningVendors(of: target)
        let compellable = vendors.filter { v in v.nonEUCompellable || ultimateParent(of: v)?.nonEUCompellable == true }
        let nonEU = vendors.filter { !Self.euCountries.contains($0.country.uppercased()) }
        dimensions[.jurisdiction] = !compellable.isEmpty ? 4 : !nonEU.isEmpty ? 2 : 0
        reasons[.jurisdiction] = !compellable.isEmpty ? compellable.map { "\($0.name): ikke-EU-lovgivning kan kræve adgang" }
            : !nonEU.isEmpty ? nonEU.map { "\($0.name): uden for EU (\($0.country))" } : ["EU-leverandør(er)"]

        let total = LockInScore.Dimension.allCases.map { Double(dimensions[$0] ?? 0) * $0.weight }.reduce(0, +)
        var floors: [String] = untested.map { "Forretningskritiske data uden testet åben eksport: \($0.name)" }
        let hardCritical = radius.bindings.filter { $0.strength == .hard && $0.substitutability == .none && usages[$0.from]?.businessCritical == true }
        var level: LockInScore.Level = total >= 3 ? .red : total >= 2 ? .amber : .green
        if !floors.isEmpty { level = .red }
        if !hardCritical.isEmpty {
            floors.append("Hård binding uden alternativ fra forretningskritisk system: " + hardCritical.compactMap { usages[$0.from]?.name }.joined(separator: ", "))
            level = max(level, .amber)
        }
        return LockInScore(target: target, dimensions: dimensions, reasons: reasons, contributions: contributions, total: total, floors: floors, level: level)
    }

    static let euCountries: Set<String> = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
                                           "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]

    func ultimateParent(of vendor: Vendor) -> Vendor? {
        var current = vendor
        var seen: Set<UUID> = [vendor.id]
        while let parentID = current.parentID, let parent = vendorsByID[parentID], seen.insert(parentID).inserted {
            current = parent
        }
        return current.id == vendor.id ? nil : current
    }

    /// The vendor behind a product or component.
    func owningVendors(of target: Target) -> [Vendor] {
        let productID: UUID?
        switch target {
        case .vendor: productID = nil
        case .product(let id): productID = id
        case .component(let id): productID = componentsByID[id]?.productID
        }
        guard let productID, let product = productsByID[productID], let vendor = vendorsByID[product.vendorID] else { return [] }
        return [vendor]
    }
}

/// Analysis 8: what the register lacks.
public struct DataQuality: Sendable, Equatable {
    public var usagesWithoutContract: [Usage]
    public var contractsWithoutDates: [Contract]
    public var bindingsNeverVerified: [Binding]

    public init(_ landscape: Landscape, contracts: [Contract]) {
        let covered = Set(contracts.flatMap(\.usages))
        usagesWithoutContract = landscape.usages.filter { $0.kind == .system && !covered.contains($0.id) }.sorted { $0.name < $1.name }
        contractsWithoutDates = contracts.filter { $0.expiry == nil && $0.irrevocableUntil == nil && $0.start == nil }
        bindingsNeverVerified = landscape.bindings.filter { $0.verifiedAt == nil }
    }
}

/// Analysis 3 (part): components with many hard inbound bindings — identity, mail, file store.
extension BindingGraph {
    public func keystones(minimumHardBindings: Int = 3) -> [(component: Component, hard: Int)] {
        landscape.components.compactMap { c in
            let hard = (bindingsByTarget[.component(c.id)] ?? []).filter { landscape.bindings[$0].strength == .hard }.count
            return hard >= minimumHardBindings ? (c, hard) : nil
        }.sorted { ($0.hard, $1.component.name) > ($1.hard, $0.component.name) }
    }
}
