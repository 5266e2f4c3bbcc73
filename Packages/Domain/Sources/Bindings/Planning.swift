import Foundation

/// Analysis 3: how concentrated the municipality is on each vendor — its share of the critical
/// systems, of the users and of the spend — with the lists behind each share.
public struct Concentration: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var vendor: Vendor
        /// Business-critical usages bound to the vendor (its group, products and components) or bought from it.
        public var criticalUsages: [UUID]
        public var users: Int
        public var annualSpend: Int
        public var criticalShare: Double
        public var userShare: Double
        public var spendShare: Double
    }

    public var rows: [Row]
    public var criticalTotal: Int
    public var usersTotal: Int
    public var spendTotal: Int
}

extension BindingGraph {
    /// Vendors counted at the top of their group (a subsidiary's bindings count for its ultimate parent).
    public func concentration(contracts: [Contract]) -> Concentration {
        let critical = landscape.usages.filter(\.businessCritical)
        let usersTotal = landscape.usages.filter { $0.kind == .system }.map(\.users).reduce(0, +)
        let spendTotal = contracts.compactMap(\.annualCost).reduce(0, +)
        let tops = landscape.vendors.filter { v in v.parentID == nil || ultimateParent(of: v) == nil }
        var rows: [Concentration.Row] = []
        for vendor in tops {
            let covered = covered(.vendor(vendor.id))
            let vendorIDs = Set(covered.compactMap { t -> UUID? in if case .vendor(let id) = t { id } else { nil } })
            var usageIDs = Set(blastRadius(of: .vendor(vendor.id)).bindings.map(\.from))
            let theirs = contracts.filter { $0.vendorID.map(vendorIDs.contains) ?? false }
            for c in theirs { usageIDs.formUnion(c.usages) }
            let reached = usageIDs.compactMap { usages[$0] }
            let criticalUsages = reached.filter(\.businessCritical).sorted { $0.name < $1.name }.map(\.id)
            let users = reached.filter { $0.kind == .system }.map(\.users).reduce(0, +)
            let spend = theirs.compactMap(\.annualCost).reduce(0, +)
            guard !reached.isEmpty || spend > 0 else { continue }
            func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
            rows.append(.init(vendor: vendor, criticalUsages: criticalUsages, users: users, annualSpend: spend,
                criticalShare: share(criticalUsages.count, critical.count), userShare: share(users, usersTotal), spendShare: share(spend, spendTotal)))
        }
        rows.sort { ($0.criticalShare, $0.userShare, $0.spendShare, $1.vendor.name) > ($1.criticalShare, $1.userShare, $1.spendShare, $0.vendor.name) }
        return Concentration(rows: rows, criticalTotal: critical.count, usersTotal: usersTotal, spendTotal: spendTotal)
    }
}

/// Analysis 6: the next chances to unbind — each contract's notice deadline and exit date ahead,
/// with the bindings leaving it could remove (those from the systems it covers, and those to the
/// vendor's products).
public struct ExitCalendarEntry: Sendable, Equatable {
    public var contract: Contract
    public var window: Contract.ExitWindow
    public var bindings: [Binding]
}

extension BindingGraph {
    public func exitCalendar(contracts: [Contract], now: Date, months: Int = 36) -> [ExitCalendarEntry] {
        let horizon = Contract.adding(months: months, to: now)
        var out: [ExitCalendarEntry] = []
        for c in contracts {
            // An open-ended contract past any irrevocable period can be left at any time: no deadline to watch.
            if c.expiry == nil && (c.irrevocableUntil.map { $0 <= now } ?? true) { continue }
            guard let window = c.nextExitWindow(after: now), window.exitOn <= horizon else { continue }
            var seen = Set<UUID>()
            var bindings: [Binding] = []
            let covered = Set(c.usages)
            for b in landscape.bindings where covered.contains(b.from) && seen.insert(b.id).inserted { bindings.append(b) }
            if let vendor = c.vendorID {
                for b in blastRadius(of: .vendor(vendor)).bindings where seen.insert(b.id).inserted { bindings.append(b) }
            }
            out.append(.init(contract: c, window: window, bindings: bindings))
        }
        return out.sorted { ($0.window.noticeBy, $0.contract.name) < ($1.window.noticeBy, $1.contract.name) }
    }
}

/// Analysis 7: the requirements a tender should carry so the new system does not bring back the
/// bindings found. Each requirement names the bindings (or contract terms) that call for it.
public struct TenderRequirement: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        /// Single sign-on through any standard identity provider (SAML 2.0 / OpenID Connect, SCIM).
        case idpNeutralSSO = "idp_neutral_sso"
        /// Integrations that work with any mail and office client, not an add-in for one suite.
        case noSuiteOnlyAddIns = "no_suite_only_add_ins"
        /// Documents in ODF and OOXML, archives in PDF/A; templates not tied to one word processor.
        case openDocumentFormats = "open_document_formats"
        /// A documented API and a complete export of the data in open formats.
        case documentedAPIAndExport = "documented_api_and_export"
        /// Hosting in the EU by an operator not subject to non-EU law that can compel access.
        case hostingJurisdiction = "hosting_jurisdiction"
        /// Exit assistance, data return (formats, deadline), no switching charges.
        case exitAssistance = "exit_assistance"
        /// Security tooling that takes standard log and event formats.
        case openSecurityInterfaces = "open_security_interfaces"
        /// Sold on its own, not only in a bundle with other licences.
        case noBundle = "no_bundle"
    }

    public var kind: Kind
    /// The bindings that call for it (empty for requirements every tender carries).
    public var because: [Binding]
}

public enum TenderRequirements {
    /// For the bindings found in a sub-area (or for one system being replaced): the requirements
    /// that prevent them. Exit assistance and the open export are always in.
    public static func requirements(for bindings: [Binding]) -> [TenderRequirement] {
        var by: [TenderRequirement.Kind: [Binding]] = [:]
        for b in bindings {
            let kinds: [TenderRequirement.Kind]
            switch b.type {
            case .identity: kinds = [.idpNeutralSSO]
            case .clientAddIn: kinds = [.noSuiteOnlyAddIns]
            case .documentTemplate, .fileFormat: kinds = [.openDocumentFormats]
            case .api, .dataFlow, .workflow: kinds = [.documentedAPIAndExport]
            case .dataHosting: kinds = [.hostingJurisdiction, .documentedAPIAndExport]
            case .licenceBundle: kinds = [.noBundle]
            case .securityTooling: kinds = [.openSecurityInterfaces]
            case .skills: kinds = []
            }
            for k in kinds { by[k, default: []].append(b) }
        }
        return TenderRequirement.Kind.allCases.compactMap { kind in
            let because = by[kind] ?? []
            let always = kind == .exitAssistance || kind == .documentedAPIAndExport
            return because.isEmpty && !always ? nil : TenderRequirement(kind: kind, because: because)
        }
    }
}

/// An exit plan's feasibility against the contract (DORA-style exit plans): can the plan be done
/// before the next exit window closes, or does it miss the window.
public enum ExitFeasibility: Sendable, Equatable {
    /// Notice can be given in time and the plan finishes by the exit date.
    case feasible(window: Contract.ExitWindow)
    /// The plan finishes after the next exit date: the next window after that is the realistic one.
    case missesWindow(window: Contract.ExitWindow, next: Contract.ExitWindow?)
    /// No contract or no known dates: feasibility cannot be judged.
    case unknown

    public static func judge(contract: Contract?, plannedDone: Date?, now: Date) -> ExitFeasibility {
        guard let contract, let plannedDone, let window = contract.nextExitWindow(after: now) else { return .unknown }
        if plannedDone <= window.exitOn { return .feasible(window: window) }
        // The first window whose exit date is on or after the plan is done.
        var probe = window
        var steps = 0
        while probe.exitOn < plannedDone, steps < 200 {
            steps += 1
            guard let next = contract.nextExitWindow(after: probe.noticeBy.addingTimeInterval(86_400)), next.exitOn > probe.exitOn else {
                return .missesWindow(window: window, next: nil)
            }
            probe = next
        }
        return .missesWindow(window: window, next: probe.exitOn >= plannedDone ? probe : nil)
    }
}

/// Roles a vendor plays, unified from what KITOS scatters over systems, contracts and data-processing
/// registrations.
public enum VendorRole: String, CaseIterable, Sendable {
    case rightsHolder = "rights_holder"
    case supplier
    case reseller
    case hosting
    case dataProcessor = "data_processor"
    case subProcessor = "sub_processor"
    case archiveSupplier = "archive_supplier"
}

extension BindingGraph {
    /// The vendor behind a target: the vendor itself, or the one that makes the product or component.
    public func vendor(of target: Target) -> Vendor? {
        if case .vendor(let id) = target { return vendorsByID[id] }
        return owningVendors(of: target).first
    }

    /// The top of a vendor's group (the vendor itself when it has no parent).
    public func group(of vendor: Vendor) -> Vendor { ultimateParent(of: vendor) ?? vendor }

    /// Lock-in per system (analysis 2 seen from a system usage): the vendor groups it is bought from
    /// or bound to, each with its lock-in score, most locked first.
    public func vendorLockIn(of usage: UUID, contracts: [Contract], dataAssets: [DataAsset], now: Date) -> [(vendor: Vendor, score: LockInScore)] {
        var groups: [UUID: Vendor] = [:]
        for c in contracts where c.usages.contains(usage) {
            if let id = c.vendorID, let v = vendorsByID[id] { let g = group(of: v); groups[g.id] = g }
        }
        for b in landscape.bindings where b.from == usage {
            if let v = vendor(of: b.to) { let g = group(of: v); groups[g.id] = g }
        }
        return groups.values.map { ($0, lockIn(of: .vendor($0.id), contracts: contracts, dataAssets: dataAssets, now: now)) }
            .sorted { ($0.score.level, $0.score.total, $1.vendor.name) > ($1.score.level, $1.score.total, $0.vendor.name) }
    }
}

extension BindingGraph {
    /// A target's display name: "Microsoft 365 › Outlook".
    public func name(of target: Target) -> String {
        switch target {
        case .vendor(let id): return vendorsByID[id]?.name ?? "?"
        case .product(let id): return productsByID[id]?.name ?? "?"
        case .component(let id):
            guard let c = componentsByID[id] else { return "?" }
            return (productsByID[c.productID].map { $0.name + " › " } ?? "") + c.name
        }
    }

    public func usage(_ id: UUID) -> Usage? { usages[id] }

    public func exists(_ target: Target) -> Bool {
        switch target {
        case .vendor(let id): vendorsByID[id] != nil
        case .product(let id): productsByID[id] != nil
        case .component(let id): componentsByID[id] != nil
        }
    }
}
