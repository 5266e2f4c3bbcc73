/// What the profiler recommends for one user.
public enum Action: String, CaseIterable, Sendable, Codable {
    case remove, keep, downgrade, upgrade, change, review
}

/// Evidence codes, in the contract's order.
public enum Reason: Int, CaseIterable, Sendable {
    case noActivity, newLicence, desktopApps, sharedComputer, desktopOverride, mailboxOver2GB, mailboxOver50GB, archive,
        onedriveOver2GB, teams, frontlineEligible, educationEligible, keptUnmeasured, noCover

    public func code(inactivityDays: Int) -> String {
        switch self {
        case .noActivity: "no_activity_\(inactivityDays)d"
        case .newLicence: "new_licence"
        case .desktopApps: "desktop_apps"
        case .sharedComputer: "shared_computer"
        case .desktopOverride: "desktop_override"
        case .mailboxOver2GB: "mailbox_over_2gb"
        case .mailboxOver50GB: "mailbox_over_50gb"
        case .archive: "archive"
        case .onedriveOver2GB: "onedrive_over_2gb"
        case .teams: "teams"
        case .frontlineEligible: "frontline_eligible"
        case .educationEligible: "education_eligible"
        case .keptUnmeasured: "kept_unmeasured"
        case .noCover: "no_cover"
        }
    }
}

/// A set of reasons as a bit mask, iterated in the contract's order.
public struct Reasons: Hashable, Sendable {
    public var bits: UInt16 = 0
    public init(bits: UInt16 = 0) { self.bits = bits }
    public mutating func insert(_ r: Reason) { bits |= 1 << UInt16(r.rawValue) }
    public func contains(_ r: Reason) -> Bool { bits & (1 << UInt16(r.rawValue)) != 0 }
    public var all: [Reason] { Reason.allCases.filter(contains) }
}

/// One profiled user.
public struct UserResult: Sendable {
    /// The user's position in the usage table (the Active users report's order).
    public var userIndex: Int
    public var upn: String
    public var department: String?
    /// Catalogue index masks.
    public var current: UInt64
    public var recommended: UInt64
    public var currentOre: Int64
    public var recommendedOre: Int64
    public var action: Action
    public var reasons: Reasons
    public var loses: CapabilitySet
    public var unpricedExtras: [String]

    public var monthlySavingOre: Int64 { currentOre - recommendedOre }
}
