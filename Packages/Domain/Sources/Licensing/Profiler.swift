/// The rules of the contract (specs/licensing.md §2): inactivity, needs, eligibility and the
/// cheapest covering set of products, memoised per distinct need.
public struct Profiler: Sendable {
    public let catalogue: Catalogue
    public let policy: Policy
    public let people: PeopleFile

    static let gib: Int64 = 1_073_741_824

    /// One combination of one base product and some add-ons.
    struct Candidate: Sendable {
        var mask: UInt64
        var capabilities: CapabilitySet
        var mailboxGB: Int
        var onedriveGB: Int
        var cost: Int64
        var count: Int
        /// Sorted SKUs joined by `+`, for the last tie-break.
        var key: String
        var needsFrontline: Bool
        var needsEducation: Bool
    }

    struct NeedKey: Hashable {
        var capabilities: UInt32
        var mailboxGB: Int
        var onedriveGB: Int
        var frontline: Bool
        var education: Bool
    }

    let candidates: [Candidate]

    public init(catalogue: Catalogue, policy: Policy, people: PeopleFile = PeopleFile()) throws(InputError) {
        self.catalogue = catalogue
        self.policy = policy
        self.people = people
        candidates = try Self.enumerate(catalogue, maxProducts: policy.maxProducts)
    }

    static func enumerate(_ catalogue: Catalogue, maxProducts: Int) throws(InputError) -> [Candidate] {
        let products = catalogue.products
        let bases = products.indices.filter { products[$0].kind == .base }
        let addons = products.indices.filter { products[$0].kind == .addon }
        var subsets: [[Int]] = [[]]
        func extend(_ current: [Int], from: Int) throws(InputError) {
            guard current.count < maxProducts - 1 else { return }
            for i in from..<addons.count {
                let next = current + [addons[i]]
                subsets.append(next)
                if subsets.count * bases.count > 1_000_000 {
                    throw InputError(file: "policy", columnName: "max_products", message: "too many product combinations; lower max_products")
                }
                try extend(next, from: i + 1)
            }
        }
        try extend([], from: 0)
        var result: [Candidate] = []
        result.reserveCapacity(bases.count * subsets.count)
        for b in bases {
            for subset in subsets {
                let members = [b] + subset
                var c = Candidate(
                    mask: 0, capabilities: CapabilitySet(), mailboxGB: 0, onedriveGB: 0, cost: 0, count: members.count,
                    key: members.map { products[$0].sku }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                        .joined(separator: "+"),
                    needsFrontline: false, needsEducation: false)
                for m in members {
                    let p = products[m]
                    c.mask |= 1 << UInt64(m)
                    c.capabilities = c.capabilities.union(p.capabilities)
                    c.mailboxGB = max(c.mailboxGB, p.mailboxGB)
                    c.onedriveGB = max(c.onedriveGB, p.onedriveGB)
                    c.cost += p.priceOre
                    if p.eligibility == .frontline { c.needsFrontline = true }
                    if p.eligibility == .education { c.needsEducation = true }
                }
                result.append(c)
            }
        }
        return result
    }

    /// The cheapest covering candidates, best first by the tie-break (before the current-set preference).
    func cheapest(_ need: NeedKey) -> [Int] {
        var best: [Int] = []
        var bestCost = Int64.max
        let required = CapabilitySet(bits: need.capabilities)
        for (i, c) in candidates.enumerated() {
            if c.needsFrontline && !need.frontline { continue }
            if c.needsEducation && !need.education { continue }
            guard c.capabilities.isSuperset(of: required), c.mailboxGB >= need.mailboxGB, c.onedriveGB >= need.onedriveGB else { continue }
            if c.cost < bestCost {
                bestCost = c.cost
                best = [i]
            } else if c.cost == bestCost {
                best.append(i)
            }
        }
        return best.sorted { a, b in
            let x = candidates[a], y = candidates[b]
            if x.count != y.count { return x.count < y.count }
            return Array(x.key.utf8).lexicographicallyPrecedes(Array(y.key.utf8))
        }
    }

    public func cost(_ mask: UInt64) -> Int64 {
        var total: Int64 = 0
        var m = mask
        while m != 0 {
            let i = m.trailingZeroBitCount
            total += catalogue.products[i].priceOre
            m &= m - 1
        }
        return total
    }

    func union(_ mask: UInt64) -> (caps: CapabilitySet, mailbox: Int, onedrive: Int, frontlineBase: Bool, educationBase: Bool, heavy: Bool) {
        var caps = CapabilitySet()
        var mailbox = 0, onedrive = 0
        var frontline = false, education = false, heavy = false
        var m = mask
        while m != 0 {
            let p = catalogue.products[m.trailingZeroBitCount]
            caps = caps.union(p.capabilities)
            mailbox = max(mailbox, p.mailboxGB)
            onedrive = max(onedrive, p.onedriveGB)
            if p.kind == .base && p.eligibility == .frontline { frontline = true }
            if p.kind == .base && p.eligibility == .education { education = true }
            if p.isHeavy { heavy = true }
            m &= m - 1
        }
        return (caps, mailbox, onedrive, frontline, education, heavy)
    }

    public func isHeavy(_ mask: UInt64) -> Bool { union(mask).heavy }

    /// Profiles every user of the table, in the Active users report's order.
    public func profile(_ table: UsageTable) -> Profile {
        var memo: [NeedKey: [Int]] = [:]
        var results: [UserResult] = []
        results.reserveCapacity(table.users.count)
        var excluded = Profile.Excluded()
        excluded.unknown = table.unknownRows[.activeUsers] ?? 0
        let asOf = Int(table.asOf)
        func recent(_ d: Int32) -> Bool { d != Day.none && asOf - Int(d) <= policy.inactivityDays }
        let baseMask = catalogue.products.indices.filter { catalogue.products[$0].kind == .base }.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) }
        let appsGiven = table.given.contains(.apps)
        let activationsGiven = table.given.contains(.activations)
        let mailboxGiven = table.given.contains(.mailbox)
        let onedriveGiven = table.given.contains(.oneDriveUsage)
        var concealed = 0
        var considered = 0

        for (userIndex, u) in table.users.enumerated() {
            if u.isDeleted {
                excluded.deleted += 1
                continue
            }
            considered += 1
            if Self.isConcealed(u.upn) { concealed += 1 }
            guard u.current & baseMask != 0 else {
                excluded.unpriced += 1
                continue
            }
            let person = people.people[u.key]
            let held = union(u.current)
            let currentOre = cost(u.current)
            var result = UserResult(
                userIndex: userIndex, upn: u.upn, department: person?.department, current: u.current, recommended: u.current, currentOre: currentOre,
                recommendedOre: currentOre, action: .keep, reasons: Reasons(), loses: CapabilitySet(), unpricedExtras: u.unpricedExtras)

            if !recent(u.lastActivity) {
                if u.licensedSince != Day.none && asOf - Int(u.licensedSince) <= policy.graceDays {
                    result.reasons.insert(.newLicence)
                } else {
                    result.reasons.insert(.noActivity)
                    result.action = .remove
                    result.recommended = 0
                    result.recommendedOre = 0
                    result.loses = held.caps
                }
                results.append(result)
                continue
            }

            var need = policy.requiredCapabilities.union(policy.keepIfHeld.intersection(held.caps))
            var kept = !policy.keepIfHeld.intersection(held.caps).isEmpty
            func keepIfHeld(_ c: Capability) {
                if held.caps.contains(c) {
                    need.insert(c)
                    kept = true
                }
            }
            if appsGiven && u.appsDesktop {
                need.insert(.officeDesktop)
                result.reasons.insert(.desktopApps)
            }
            if activationsGiven && u.sharedActivations > 0 {
                need.insert(.officeDesktop)
                result.reasons.insert(.sharedComputer)
            }
            if person?.desktopOverride == true {
                need.insert(.officeDesktop)
                result.reasons.insert(.desktopOverride)
            }
            if !appsGiven { keepIfHeld(.officeDesktop) }
            if appsGiven && table.appsHasWeb {
                if u.appsWeb { need.insert(.officeWeb) }
            } else {
                keepIfHeld(.officeWeb)
            }
            if appsGiven && table.appsHasMobile {
                if u.appsMobile { need.insert(.officeMobile) }
            } else {
                keepIfHeld(.officeMobile)
            }
            if recent(u.teamsDate) || (appsGiven && u.appsTeams) {
                need.insert(.teams)
                result.reasons.insert(.teams)
            }

            var mailbox = 0
            if mailboxGiven {
                let bytes = u.mailboxBytes
                if policy.headroom.isExceeded(by: bytes, of: 50 * Self.gib) {
                    mailbox = 100
                    result.reasons.insert(.mailboxOver50GB)
                } else if policy.headroom.isExceeded(by: bytes, of: 2 * Self.gib) {
                    mailbox = 50
                    result.reasons.insert(.mailboxOver2GB)
                } else if u.hasArchive {
                    mailbox = 50
                } else if bytes > 0 || recent(u.exchangeDate) {
                    mailbox = 2
                }
                if table.mailboxHasArchive {
                    if u.hasArchive {
                        need.insert(.archive)
                        result.reasons.insert(.archive)
                    }
                } else {
                    keepIfHeld(.archive)
                }
            } else {
                mailbox = held.mailbox
                keepIfHeld(.archive)
            }

            var onedrive: Int
            if onedriveGiven {
                if policy.headroom.isExceeded(by: u.onedriveBytes, of: 2 * Self.gib) {
                    onedrive = 1024
                    result.reasons.insert(.onedriveOver2GB)
                } else {
                    onedrive = 2
                }
            } else {
                onedrive = held.onedrive
            }

            let department = person?.department?.lowercased()
            let frontline =
                person?.frontlineEligible
                ?? ((department.map { policy.frontlineDepartments.contains($0) } ?? false) || held.frontlineBase)
            let education =
                person?.educationEligible
                ?? ((department.map { policy.educationDepartments.contains($0) } ?? false) || held.educationBase)
            if frontline { result.reasons.insert(.frontlineEligible) }
            if education { result.reasons.insert(.educationEligible) }
            if kept { result.reasons.insert(.keptUnmeasured) }

            let key = NeedKey(capabilities: need.bits, mailboxGB: mailbox, onedriveGB: onedrive, frontline: frontline, education: education)
            let best: [Int]
            if let cached = memo[key] {
                best = cached
            } else {
                best = cheapest(key)
                memo[key] = best
            }
            guard let first = best.first else {
                result.action = .review
                result.reasons.insert(.noCover)
                results.append(result)
                continue
            }
            let chosen = best.first { candidates[$0].mask == u.current } ?? first
            let c = candidates[chosen]
            result.recommended = c.mask
            result.recommendedOre = c.cost
            result.loses = held.caps.subtracting(c.capabilities)
            if c.mask == u.current {
                result.action = .keep
            } else if c.cost < currentOre {
                result.action = .downgrade
            } else if c.cost > currentOre {
                result.action = .upgrade
            } else {
                result.action = .change
            }
            results.append(result)
        }
        var warnings: [String] = []
        let isConcealed = considered > 0 && concealed * 2 > considered
        if isConcealed {
            warnings.append(Profile.concealedWarning)
        }
        for file in table.unrecognisedFiles {
            warnings.append("Filen \(file) blev sprunget over: overskriftsrækken matcher ingen af de ni rapporttyper.")
        }
        for kind in ReportKind.allCases {
            if let n = table.unknownRows[kind], n > 0 {
                warnings.append("\(n) rækker i rapporten \(kind.danishName) havde brugeren (Unknown) eller ingen bruger og blev sprunget over.")
            }
        }
        return Profile(
            results: results, excluded: excluded, concealedDetected: isConcealed, asOf: table.asOf, memoisedNeeds: memo.count,
            warnings: warnings, profiler: self)
    }

    /// 32 upper-case hex characters and no `@`.
    public static func isConcealed(_ upn: String) -> Bool {
        let u = upn.utf8
        guard u.count == 32 else { return false }
        return u.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) }
    }

    /// Sorted SKUs joined by `+`.
    public func skus(_ mask: UInt64) -> String {
        var names: [String] = []
        var m = mask
        while m != 0 {
            names.append(catalogue.products[m.trailingZeroBitCount].sku)
            m &= m - 1
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.joined(separator: "+")
    }
}
