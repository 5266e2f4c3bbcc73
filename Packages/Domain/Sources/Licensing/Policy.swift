import Foundation

/// The thresholds of the profiler. Every key is optional; the defaults are the contract's.
public struct Policy: Equatable, Sendable {
    /// An exact fraction, so threshold comparisons need no floating point.
    public struct Fraction: Equatable, Sendable {
        public var numerator: Int64
        public var denominator: Int64

        public init(numerator: Int64, denominator: Int64) {
            self.numerator = numerator
            self.denominator = denominator
        }

        /// `value > self × bytes`, exactly.
        public func isExceeded(by value: Int64, of bytes: Int64) -> Bool {
            // value × den > num × bytes, in 128 bits.
            let lhs = value.multipliedFullWidth(by: denominator)
            let rhs = numerator.multipliedFullWidth(by: bytes)
            return (lhs.high, lhs.low) > (rhs.high, rhs.low)
        }

        public var description: String {
            var s = String(Double(numerator) / Double(denominator))
            if s.hasSuffix(".0") { s.removeLast(2) }
            return s
        }
    }

    public var inactivityDays = 90
    public var graceDays = 30
    public var headroom = Fraction(numerator: 9, denominator: 10)
    public var maxProducts = 3
    public var requiredCapabilities = CapabilitySet()
    public var keepIfHeld = CapabilitySet([
        .windowsEnterprise, .intune, .entraP1, .entraP2, .teamsPhone, .audioConferencing, .powerBIPro,
        .defenderEndpointP2, .defenderOfficeP1, .defenderOfficeP2, .ediscoveryPremium,
    ])
    /// Lower-cased department names.
    public var frontlineDepartments: Set<String> = []
    public var educationDepartments: Set<String> = []

    public init() {}

    static let keys: Set<String> = [
        "inactivity_days", "grace_days", "headroom", "max_products", "required_capabilities", "keep_if_held",
        "frontline_departments", "education_departments",
    ]

    /// Parses the policy JSON; an unknown key or a wrong type is an error naming the key.
    public static func parse(_ data: Data, file: String) throws(InputError) -> Policy {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InputError(file: file, message: "not valid JSON (\(Self.jsonError(error)))")
        }
        guard let dict = object as? [String: Any] else { throw InputError(file: file, message: "must be a JSON object") }
        var p = Policy()
        for key in dict.keys.sorted() where !keys.contains(key) {
            throw InputError(file: file, columnName: key, message: "unknown key \"\(key)\"; known keys: \(keys.sorted().joined(separator: ", "))")
        }
        func fail(_ key: String, _ message: String) -> InputError { InputError(file: file, columnName: key, message: message) }
        func integer(_ key: String, min: Int, max: Int) throws(InputError) -> Int? {
            guard let v = dict[key] else { return nil }
            guard let n = v as? NSNumber, !(v is Bool), n.doubleValue == n.doubleValue.rounded(),
                let i = Int(exactly: n.doubleValue), i >= min, i <= max
            else { throw fail(key, "must be a whole number from \(min) to \(max)") }
            return i
        }
        func capabilities(_ key: String) throws(InputError) -> CapabilitySet? {
            guard let v = dict[key] else { return nil }
            guard let list = v as? [String] else { throw fail(key, "must be a list of capability names") }
            var set = CapabilitySet()
            for name in list {
                guard let c = Capability(rawValue: name) else { throw fail(key, "unknown capability \"\(name)\"") }
                set.insert(c)
            }
            return set
        }
        func names(_ key: String) throws(InputError) -> Set<String>? {
            guard let v = dict[key] else { return nil }
            guard let list = v as? [String] else { throw fail(key, "must be a list of department names") }
            return Set(list.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        }
        if let v = try integer("inactivity_days", min: 1, max: 3650) { p.inactivityDays = v }
        if let v = try integer("grace_days", min: 0, max: 3650) { p.graceDays = v }
        if let v = try integer("max_products", min: 1, max: 10) { p.maxProducts = v }
        if let v = dict["headroom"] {
            guard let n = v as? NSNumber, !(v is Bool), let f = fraction(n.doubleValue), n.doubleValue > 0, n.doubleValue <= 1 else {
                throw fail("headroom", "must be a number above 0 and at most 1, e.g. 0.9")
            }
            p.headroom = f
        }
        if let v = try capabilities("required_capabilities") { p.requiredCapabilities = v }
        if let v = try capabilities("keep_if_held") { p.keepIfHeld = v }
        if let v = try names("frontline_departments") { p.frontlineDepartments = v }
        if let v = try names("education_departments") { p.educationDepartments = v }
        return p
    }

    /// The exact decimal a JSON number was written as (the shortest round-trip form of the double).
    static func fraction(_ value: Double) -> Fraction? {
        guard value.isFinite else { return nil }
        let text = "\(value)"
        guard !text.contains("e") else { return nil }
        let parts = text.split(separator: ".")
        let whole = Int64(parts[0]) ?? 0
        var frac = parts.count > 1 ? String(parts[1]) : ""
        while frac.hasSuffix("0") { frac.removeLast() }
        guard frac.count <= 9 else { return nil }
        var den: Int64 = 1
        for _ in 0..<frac.count { den *= 10 }
        return Fraction(numerator: whole * den + (Int64(frac) ?? 0), denominator: den)
    }

    static func jsonError(_ error: any Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    /// The policy as JSON, every key written out (the web editor shows and exports this).
    public func json() -> String {
        func list(_ s: CapabilitySet) -> String { "[" + s.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + "]" }
        func names(_ s: Set<String>) -> String {
            "[" + s.sorted().map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
                .joined(separator: ", ") + "]"
        }
        return """
            {
              "inactivity_days": \(inactivityDays),
              "grace_days": \(graceDays),
              "headroom": \(headroom.description),
              "max_products": \(maxProducts),
              "required_capabilities": \(list(requiredCapabilities)),
              "keep_if_held": \(list(keepIfHeld)),
              "frontline_departments": \(names(frontlineDepartments)),
              "education_departments": \(names(educationDepartments))
            }

            """
    }
}
