import Bindings
import Foundation

/// The bindings graph drawn as SVG in four columns — processes, systems, what they bind to
/// (products and components), vendors — so an architect can follow each binding left to right.
/// Rows are ordered by the average position of their neighbours (fewer crossings); edge colour
/// and dash say the strength (so it reads without colour too); every node links to its page.
enum BindingsGraphSVG {
    struct Filter: Equatable {
        var vendor: UUID?
        var target: Target?
        var department: String?
        var minimum: Strength = .convenience

        var isEmpty: Bool { vendor == nil && target == nil && department == nil && minimum == .convenience }
    }

    struct Node {
        var key: String
        var label: String
        var link: String
        var y = 0
    }

    struct Drawn {
        var svg: String
        var nodes: Int
        var edges: Int
    }

    static let row = 22
    static let columnsX = [8, 262, 612, 944]
    static let widths = [226, 240, 250, 196]

    /// The bindings the filter keeps (the graph draws them; the page lists them).
    static func shown(_ graph: BindingGraph, _ filter: Filter) -> [Binding] {
        var covered: Set<Target>?
        if let v = filter.vendor { covered = graph.covered(.vendor(v)) }
        if let t = filter.target { covered = (covered ?? graph.covered(t)).intersection(graph.covered(t)) }
        return graph.landscape.bindings.filter { b in
            guard let u = graph.usage(b.from), b.strength >= filter.minimum else { return false }
            if let covered, !covered.contains(b.to) { return false }
            if let d = filter.department, !u.departments.contains(d) { return false }
            return true
        }
    }

    static func render(_ graph: BindingGraph, bindings: [Binding], filter: Filter, lang: Lang, titleText: String) -> Drawn {
        let l = graph.landscape
        func usage(_ id: UUID) -> Usage? { graph.usage(id) }
        func vendorOf(_ t: Target) -> UUID? { graph.vendor(of: t)?.id }
        func label(_ t: Target) -> String { graph.name(of: t) }
        func key(_ t: Target) -> String {
            switch t {
            case .vendor(let id): "v" + id.uuidString
            case .product(let id): "p" + id.uuidString
            case .component(let id): "c" + id.uuidString
            }
        }
        // Column 3 and 4: targets grouped by vendor, then by name; vendors in that order.
        let targets = Array(Set(bindings.map(\.to))).sorted { a, b in
            let va = vendorOf(a).map { label(.vendor($0)) } ?? "", vb = vendorOf(b).map { label(.vendor($0)) } ?? ""
            return (va, label(a)) < (vb, label(b))
        }
        var targetNodes = targets.map { Node(key: key($0), label: label($0), link: SiteURL.bindingsImpact.path + "?maal=" + TargetParam.string($0)) }
        var vendorOrder: [UUID] = []
        for t in targets { if let v = vendorOf(t), !vendorOrder.contains(v) { vendorOrder.append(v) } }
        var vendorNodes = vendorOrder.map { Node(key: "V" + $0.uuidString, label: label(.vendor($0)), link: SiteURL.bindingsVendor($0).path) }

        // Column 2: systems (and processes bound directly), by the mean row of what they bind to.
        let targetRow = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1, $0) })
        var mean: [UUID: Double] = [:]
        for (id, list) in Dictionary(grouping: bindings, by: \.from) {
            mean[id] = Double(list.compactMap { targetRow[$0.to] }.reduce(0, +)) / Double(max(list.count, 1))
        }
        let systemIDs = mean.keys.sorted { (mean[$0]!, usage($0)?.name ?? "") < (mean[$1]!, usage($1)?.name ?? "") }
        var systemNodes = systemIDs.map { Node(key: "s" + $0.uuidString, label: usage($0)?.name ?? "?", link: SiteURL.bindingsSystem($0).path) }
        let systemRow = Dictionary(uniqueKeysWithValues: systemIDs.enumerated().map { ($1, $0) })

        // Column 1: processes that need a drawn system (integrations from a process).
        var needs: [UUID: [UUID]] = [:]
        for i in l.integrations where usage(i.consumer)?.kind == .process && systemRow[i.provider] != nil && mean[i.consumer] == nil {
            needs[i.consumer, default: []].append(i.provider)
        }
        if let d = filter.department { needs = needs.filter { usage($0.key)?.departments.contains(d) ?? false } }
        let processIDs = needs.keys.sorted { a, b in
            let ma = Double(needs[a]!.compactMap { systemRow[$0] }.reduce(0, +)) / Double(needs[a]!.count)
            let mb = Double(needs[b]!.compactMap { systemRow[$0] }.reduce(0, +)) / Double(needs[b]!.count)
            return (ma, usage(a)?.name ?? "") < (mb, usage(b)?.name ?? "")
        }
        var processNodes = processIDs.map { Node(key: "s" + $0.uuidString, label: usage($0)?.name ?? "?", link: SiteURL.bindingsSystem($0).path) }

        // Rows: each column centred against the tallest.
        let tallest = max(processNodes.count, systemNodes.count, targetNodes.count, vendorNodes.count, 1)
        func place(_ nodes: inout [Node]) {
            let offset = (tallest - nodes.count) * row / 2
            for i in nodes.indices { nodes[i].y = 40 + offset + i * row }
        }
        place(&processNodes); place(&systemNodes); place(&targetNodes); place(&vendorNodes)
        let height = 40 + tallest * row + 16
        let width = columnsX[3] + widths[3] + 8
        var y: [String: Int] = [:]
        for n in processNodes + systemNodes + targetNodes + vendorNodes { y[n.key] = n.y }

        var s = "<svg role=\"group\" aria-labelledby=\"graph-title\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title id=\"graph-title\">\(titleText.attributeEscaped)</title>"
        let headings = lang == .da ? ["Processer", "Systemer og processer", "Bundet til", "Leverandører"] : ["Processes", "Systems and processes", "Bound to", "Vendors"]
        for (i, h) in headings.enumerated() {
            s += "<text x=\"\(columnsX[i])\" y=\"20\" font-size=\"13\" font-weight=\"bold\" fill=\"#1b1f24\">\(h)</text>"
        }
        func curve(_ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int, _ style: String, _ title: String) -> String {
            let mx = (x1 + x2) / 2
            return "<path d=\"M\(x1) \(y1) C\(mx) \(y1) \(mx) \(y2) \(x2) \(y2)\" fill=\"none\" \(style)><title>\(title.attributeEscaped)</title></path>"
        }
        var edges = 0
        // Process → system.
        for p in processIDs {
            for sys in Set(needs[p]!) {
                guard let y1 = y["s" + p.uuidString], let y2 = y["s" + sys.uuidString] else { continue }
                s += curve(columnsX[0] + widths[0], y1, columnsX[1], y2, "stroke=\"#8a939c\" stroke-width=\"1\"",
                    "\(usage(p)?.name ?? "") → \(usage(sys)?.name ?? "")")
                edges += 1
            }
        }
        // System → target, strongest drawn last (on top).
        for b in bindings.sorted(by: { $0.strength < $1.strength }) {
            guard let y1 = y["s" + b.from.uuidString], let y2 = y[key(b.to)] else { continue }
            let style = switch b.strength {
            case .hard: "stroke=\"#b3261e\" stroke-width=\"2.2\""
            case .degraded: "stroke=\"#b06f00\" stroke-width=\"1.6\" stroke-dasharray=\"6 3\""
            case .convenience: "stroke=\"#6b7280\" stroke-width=\"1\" stroke-dasharray=\"2 3\""
            }
            let what = b.functions.isEmpty ? BindingsText.name(b.type.rawValue, lang) : b.functions.joined(separator: ", ")
            s += curve(columnsX[1] + widths[1], y1, columnsX[2], y2, style,
                "\(usage(b.from)?.name ?? "") → \(label(b.to)): \(BindingsText.short(b.strength, lang)) (\(what))")
            edges += 1
        }
        // Target → vendor.
        for t in targets {
            guard let v = vendorOf(t), let y1 = y[key(t)], let y2 = y["V" + v.uuidString] else { continue }
            s += "<line x1=\"\(columnsX[2] + widths[2])\" y1=\"\(y1)\" x2=\"\(columnsX[3])\" y2=\"\(y2)\" stroke=\"#c4cad1\" stroke-width=\"1\"/>"
        }
        for (column, nodes) in [processNodes, systemNodes, targetNodes, vendorNodes].enumerated() {
            for n in nodes {
                let x = columnsX[column], w = widths[column]
                let text = n.label.count > 38 ? String(n.label.prefix(37)) + "…" : n.label
                s += "<a href=\"\(n.link.attributeEscaped)\"><rect x=\"\(x)\" y=\"\(n.y - 9)\" width=\"\(w)\" height=\"18\" rx=\"3\" fill=\"#ffffff\" stroke=\"#5b6570\"/>"
                s += "<text x=\"\(x + 5)\" y=\"\(n.y + 4)\" font-size=\"12\" fill=\"#1b1f24\">\(text.attributeEscaped)<title>\(n.label.attributeEscaped)</title></text></a>"
            }
        }
        s += "</svg>"
        return Drawn(svg: s, nodes: processNodes.count + systemNodes.count + targetNodes.count + vendorNodes.count, edges: edges)
    }
}

/// A target in a URL: `component:UUID`, `product:UUID`, `vendor:UUID`.
enum TargetParam {
    static func string(_ t: Target) -> String {
        switch t {
        case .vendor(let id): "vendor:" + id.uuidString
        case .product(let id): "product:" + id.uuidString
        case .component(let id): "component:" + id.uuidString
        }
    }

    static func parse(_ s: String?) -> Target? {
        guard let s else { return nil }
        let parts = s.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = UUID(uuidString: String(parts[1])) else { return nil }
        switch parts[0] {
        case "vendor": return .vendor(id)
        case "product": return .product(id)
        case "component": return .component(id)
        default: return nil
        }
    }
}
