import Foundation

/// The landscape as a graph with its indexes built once, so each analysis walks only what it
/// reaches (a regional centre holds tens of thousands of bindings).
public struct BindingGraph: Sendable {
    public let landscape: Landscape
    let usages: [UUID: Usage]
    let bindingsByTarget: [Target: [Int]]
    /// provider → the usages that consume it (data flows, interfaces, a process's systems).
    let consumers: [UUID: [UUID]]
    let productsByVendor: [UUID: [UUID]]
    let componentsByProduct: [UUID: [UUID]]
    let subsidiaries: [UUID: [UUID]]
    let vendorsByID: [UUID: Vendor]
    let productsByID: [UUID: Product]
    let componentsByID: [UUID: Component]

    public init(_ landscape: Landscape) {
        self.landscape = landscape
        usages = Dictionary(landscape.usages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byTarget: [Target: [Int]] = [:]
        for (i, b) in landscape.bindings.enumerated() { byTarget[b.to, default: []].append(i) }
        bindingsByTarget = byTarget
        var consumers: [UUID: [UUID]] = [:]
        for i in landscape.integrations { consumers[i.provider, default: []].append(i.consumer) }
        self.consumers = consumers
        productsByVendor = Dictionary(grouping: landscape.products, by: \.vendorID).mapValues { $0.map(\.id) }
        componentsByProduct = Dictionary(grouping: landscape.components, by: \.productID).mapValues { $0.map(\.id) }
        var subsidiaries: [UUID: [UUID]] = [:]
        for v in landscape.vendors { if let parent = v.parentID { subsidiaries[parent, default: []].append(v.id) } }
        self.subsidiaries = subsidiaries
        vendorsByID = Dictionary(landscape.vendors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        productsByID = Dictionary(landscape.products.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        componentsByID = Dictionary(landscape.components.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A target and everything under it: a vendor's subsidiaries, their products and components; a
    /// product's components.
    public func covered(_ target: Target) -> Set<Target> {
        var out: Set<Target> = [target]
        var vendors: [UUID] = []
        switch target {
        case .vendor(let id): vendors = [id]
        case .product(let id): for c in componentsByProduct[id] ?? [] { out.insert(.component(c)) }
        case .component: break
        }
        var seen = Set<UUID>()
        while let v = vendors.popLast() {
            guard seen.insert(v).inserted else { continue }
            out.insert(.vendor(v))
            vendors += subsidiaries[v] ?? []
            for p in productsByVendor[v] ?? [] {
                out.insert(.product(p))
                for c in componentsByProduct[p] ?? [] { out.insert(.component(c)) }
            }
        }
        return out
    }
}

/// Analysis 1: what replacing a vendor, product or component reaches.
public struct BlastRadius: Sendable, Equatable {
    public struct Affected: Sendable, Equatable {
        public var usage: Usage
        public var strength: Strength
        /// The bindings that reach it directly (empty when reached through an integration).
        public var bindings: [UUID]
        /// For an indirect hit: the usage it depends on that is hit.
        public var through: UUID?
        public var isDirect: Bool { through == nil }
    }

    public var target: Target
    /// The bindings to the target (and everything under it).
    public var bindings: [Binding]
    /// Every usage reached, strongest first, then by name.
    public var affected: [Affected]

    public var systems: [Affected] { affected.filter { $0.usage.kind == .system } }
    public var processes: [Affected] { affected.filter { $0.usage.kind == .process } }
    public var departments: [String] { Array(Set(affected.flatMap(\.usage.departments))).sorted() }

    /// Users of the reached systems and processes, by the strength they are hit with.
    public var users: [Strength: Int] {
        var out: [Strength: Int] = [:]
        for a in affected { out[a.strength, default: 0] += a.usage.users }
        return out
    }

    public func count(_ strength: Strength) -> Int { affected.filter { $0.strength == strength }.count }
}

extension BindingGraph {
    /// Direct hits are the usages bound to the target, each with its strongest binding. Hits spread
    /// to the usages that depend on a hit one through integrations: a process inherits the strength
    /// (it cannot run without its system), a system consuming another system's data is degraded at
    /// most (it runs, without that flow). Each usage counts once, at the strongest way it is reached.
    public func blastRadius(of target: Target) -> BlastRadius {
        let targets = covered(target)
        var bindingIndexes: [Int] = []
        for t in targets { bindingIndexes += bindingsByTarget[t] ?? [] }
        bindingIndexes.sort()
        let bindings = bindingIndexes.map { landscape.bindings[$0] }

        var hit: [UUID: BlastRadius.Affected] = [:]
        for b in bindings {
            guard let usage = usages[b.from] else { continue }
            if var existing = hit[b.from] {
                existing.strength = max(existing.strength, b.strength)
                existing.bindings.append(b.id)
                hit[b.from] = existing
            } else {
                hit[b.from] = .init(usage: usage, strength: b.strength, bindings: [b.id], through: nil)
            }
        }
        // Spread through integrations, strongest first, so each usage is settled at its strongest hit.
        var queue = hit.values.sorted { $0.strength > $1.strength }.map(\.usage.id)
        var head = 0
        while head < queue.count {
            let provider = queue[head]
            head += 1
            guard let source = hit[provider] else { continue }
            for consumerID in consumers[provider] ?? [] {
                guard let consumer = usages[consumerID] else { continue }
                let strength = consumer.kind == .process ? source.strength : min(source.strength, .degraded)
                if let existing = hit[consumerID], existing.strength >= strength { continue }
                hit[consumerID] = .init(usage: consumer, strength: strength, bindings: hit[consumerID]?.bindings ?? [],
                    through: hit[consumerID]?.bindings.isEmpty == false ? nil : provider)
                queue.append(consumerID)
            }
        }
        let affected = hit.values.sorted { ($0.strength, $1.usage.name, $1.usage.id.uuidString) > ($1.strength, $0.usage.name, $0.usage.id.uuidString) }
        return BlastRadius(target: target, bindings: bindings, affected: affected)
    }
}
