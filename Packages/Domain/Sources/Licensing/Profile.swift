import Foundation
import Tabular

/// The profiler's output: one result per profiled user, and the summary.
public struct Profile: Sendable {
    public struct Excluded: Equatable, Sendable, Codable {
        public var deleted = 0
        public var unknown = 0
        public var unpriced = 0
    }

    public var results: [UserResult]
    public var excluded: Excluded
    public var concealedDetected: Bool
    public var asOf: Int32
    /// Distinct needs the cheapest-cover look-up was computed for.
    public var memoisedNeeds: Int
    public var warnings: [String]
    let profiler: Profiler

    public var catalogue: Catalogue { profiler.catalogue }
    public var policy: Policy { profiler.policy }

    public static let concealedWarning =
        "Brugernavnene er skjult (concealed) i rapporterne, så anbefalingerne kan ikke knyttes til personer og personfilen kan ikke bruges. Slå det fra i Microsoft 365 Administration: Settings › Org settings › Services › Reports, fjern fluebenet ved \"Display concealed user, group, and site names in all reports\" (Graph: admin/reportSettings.displayConcealedNames = false), og hent rapporterne igen."

    public func skus(_ mask: UInt64) -> String { profiler.skus(mask) }

    // MARK: users.csv

    public static let userColumns = [
        "user_principal_name", "department", "current", "current_dkk_month", "recommended", "recommended_dkk_month",
        "monthly_saving_dkk", "action", "reasons", "loses",
    ]

    /// The contract's `users.csv`: `\n` line ends, quoting only where needed, UTF-8 without BOM.
    public func usersCSV() -> String {
        var out = Self.userColumns.joined(separator: ",") + "\n"
        out.reserveCapacity(results.count * 160)
        var formatter = RowFormatter(self)
        for r in results {
            formatter.append(r, to: &out)
        }
        return out
    }

    /// Formats result rows, caching the strings of the few distinct sets, reasons and losses.
    public struct RowFormatter {
        let profile: Profile
        var skus: [UInt64: String] = [:]
        var reasons: [UInt16: String] = [:]
        var loses: [UInt32: String] = [:]
        var departments: [String: String] = [:]

        public init(_ profile: Profile) { self.profile = profile }

        mutating func skus(_ mask: UInt64) -> String {
            if let s = skus[mask] { return s }
            let s = CSVWriter.escape(profile.skus(mask))
            skus[mask] = s
            return s
        }

        public mutating func append(_ r: UserResult, to out: inout String) {
            out.append(CSVWriter.escape(r.upn))
            out.append(",")
            if let d = r.department {
                if let e = departments[d] {
                    out.append(e)
                } else {
                    let e = CSVWriter.escape(d)
                    departments[d] = e
                    out.append(e)
                }
            }
            out.append(",")
            out.append(skus(r.current))
            out.append(",")
            out.append(Money.format(r.currentOre))
            out.append(",")
            out.append(skus(r.recommended))
            out.append(",")
            out.append(Money.format(r.recommendedOre))
            out.append(",")
            out.append(Money.format(r.monthlySavingOre))
            out.append(",")
            out.append(r.action.rawValue)
            out.append(",")
            if let s = reasons[r.reasons.bits] {
                out.append(s)
            } else {
                let s = CSVWriter.escape(r.reasons.all.map { $0.code(inactivityDays: profile.policy.inactivityDays) }.joined(separator: ";"))
                reasons[r.reasons.bits] = s
                out.append(s)
            }
            out.append(",")
            if let s = loses[r.loses.bits] {
                out.append(s)
            } else {
                let s = CSVWriter.escape(r.loses.map(\.rawValue).joined(separator: ";"))
                loses[r.loses.bits] = s
                out.append(s)
            }
            out.append("\n")
        }
    }

    // MARK: Summary

    public struct Amount: Codable, Equatable, Sendable {
        public var dkk: String
        public var ore: Int64
        public init(_ ore: Int64) {
            self.ore = ore
            dkk = Money.format(ore)
        }
    }

    public struct Share: Codable, Equatable, Sendable {
        public var before: Double
        public var after: Double
    }

    public struct Figures: Codable, Equatable, Sendable {
        public var usersProfiled: Int
        public var currentMonthly: Amount
        public var recommendedMonthly: Amount
        public var monthlySaving: Amount
        public var annualSaving: Amount
        public var actions: [String: Int]
        public var heavyShare: Share

        enum CodingKeys: String, CodingKey {
            case usersProfiled = "users_profiled", currentMonthly = "current_monthly", recommendedMonthly = "recommended_monthly"
            case monthlySaving = "monthly_saving", annualSaving = "annual_saving", actions, heavyShare = "heavy_share"
        }
    }

    public struct Summary: Codable, Equatable, Sendable {
        public struct Band: Codable, Equatable, Sendable {
            public var low = 0.35
            public var high = 0.65
        }
        public struct Concealed: Codable, Equatable, Sendable {
            public var detected: Bool
        }

        public var asOf: String
        public var usersProfiled: Int
        public var usersExcluded: Excluded
        public var concealed: Concealed
        public var currentMonthly: Amount
        public var recommendedMonthly: Amount
        public var monthlySaving: Amount
        public var annualSaving: Amount
        public var actions: [String: Int]
        public var heavyShare: Share
        public var heavyBand = Band()
        public var departments: [String: Figures]
        public var warnings: [String]
        /// Users recommended to move to a frontline (F) licence: each needs Microsoft's pre-switch checks.
        public var downgradesToFrontline = 0

        enum CodingKeys: String, CodingKey {
            case asOf = "as_of", usersProfiled = "users_profiled", usersExcluded = "users_excluded", concealed
            case currentMonthly = "current_monthly", recommendedMonthly = "recommended_monthly", monthlySaving = "monthly_saving"
            case annualSaving = "annual_saving", actions, heavyShare = "heavy_share", heavyBand = "heavy_band", departments, warnings
            case downgradesToFrontline = "downgrades_to_frontline"
        }
    }

    struct Accumulator {
        var users = 0
        var current: Int64 = 0
        var recommended: Int64 = 0
        var actions: [Action: Int] = [:]
        var heavyBefore = 0
        var heavyAfter = 0

        mutating func add(_ r: UserResult, heavyBefore hb: Bool, heavyAfter ha: Bool) {
            users += 1
            current += r.currentOre
            recommended += r.recommendedOre
            actions[r.action, default: 0] += 1
            if hb { heavyBefore += 1 }
            if ha { heavyAfter += 1 }
        }

        var figures: Figures {
            let saving = current - recommended
            return Figures(
                usersProfiled: users, currentMonthly: Amount(current), recommendedMonthly: Amount(recommended),
                monthlySaving: Amount(saving), annualSaving: Amount(saving * 12),
                actions: Dictionary(uniqueKeysWithValues: Action.allCases.map { ($0.rawValue, actions[$0] ?? 0) }),
                heavyShare: Share(
                    before: users == 0 ? 0 : Double(heavyBefore) / Double(users),
                    after: users == 0 ? 0 : Double(heavyAfter) / Double(users)))
        }
    }

    public func summary() -> Summary {
        var total = Accumulator()
        var departments: [String: Accumulator] = [:]
        var spelling: [String: String] = [:]
        var heavyCache: [UInt64: Bool] = [:]
        func heavy(_ mask: UInt64) -> Bool {
            if let h = heavyCache[mask] { return h }
            let h = profiler.isHeavy(mask)
            heavyCache[mask] = h
            return h
        }
        var group: [String: String] = [:]  // department as written → the first spelling of its group
        for r in results {
            let hb = heavy(r.current)
            let ha = r.action == .remove ? false : heavy(r.recommended)
            total.add(r, heavyBefore: hb, heavyAfter: ha)
            let raw = r.department ?? "(none)"
            let name: String
            if let g = group[raw] {
                name = g
            } else {
                let key = raw.lowercased()
                if spelling[key] == nil { spelling[key] = raw }
                name = spelling[key]!
                group[raw] = name
            }
            departments[name, default: Accumulator()].add(r, heavyBefore: hb, heavyAfter: ha)
        }
        let f = total.figures
        let frontlineMask = catalogue.products.indices.filter { catalogue.products[$0].eligibility == .frontline }
            .reduce(UInt64(0)) { $0 | (1 << UInt64($1)) }
        let toFrontline = results.filter { $0.action == .downgrade && $0.recommended & frontlineMask != 0 && $0.current & frontlineMask == 0 }.count
        return Summary(
            asOf: asOf == Day.none ? "" : Day.format(asOf), usersProfiled: f.usersProfiled, usersExcluded: excluded,
            concealed: .init(detected: concealedDetected), currentMonthly: f.currentMonthly, recommendedMonthly: f.recommendedMonthly,
            monthlySaving: f.monthlySaving, annualSaving: f.annualSaving, actions: f.actions, heavyShare: f.heavyShare,
            departments: departments.mapValues(\.figures), warnings: warnings, downgradesToFrontline: toFrontline)
    }

    public static func json(_ summary: Summary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(summary)) ?? Data(), as: UTF8.self) + "\n"
    }
}
