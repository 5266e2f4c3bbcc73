import Foundation

/// A contract's terms as far as leaving is concerned (KITOS's dates plus what exit needs).
public struct Contract: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var vendorID: UUID?
    /// The usages the contract covers.
    public var usages: [UUID]
    public var start: Date?
    /// Expiry of the current term; nil for an open-ended contract.
    public var expiry: Date?
    /// Months of notice before the exit date.
    public var noticeMonths: Int
    /// The contract cannot end before this date (KITOS: "uopsigelig til").
    public var irrevocableUntil: Date?
    /// When the term renews by itself, the length of each renewal in months.
    public var renewalMonths: Int?
    public var hasExitClause: Bool
    public var hasExitAssistance: Bool
    /// What the municipality pays a year (kroner), when known: spend concentration.
    public var annualCost: Int?
    /// How data comes back on exit (formats, deadline), as the contract says.
    public var dataReturn: String
    /// The contract charges for switching (banned by the EU Data Act from 12 January 2027).
    public var switchingCharges: Bool

    public init(
        id: UUID = UUID(), name: String, vendorID: UUID? = nil, usages: [UUID] = [], start: Date? = nil, expiry: Date? = nil, noticeMonths: Int = 0,
        irrevocableUntil: Date? = nil, renewalMonths: Int? = nil, hasExitClause: Bool = false, hasExitAssistance: Bool = false, annualCost: Int? = nil,
        dataReturn: String = "", switchingCharges: Bool = false
    ) {
        self.dataReturn = dataReturn
        self.switchingCharges = switchingCharges
        self.annualCost = annualCost
        self.id = id
        self.name = name
        self.vendorID = vendorID
        self.usages = usages
        self.start = start
        self.expiry = expiry
        self.noticeMonths = noticeMonths
        self.irrevocableUntil = irrevocableUntil
        self.renewalMonths = renewalMonths
        self.hasExitClause = hasExitClause
        self.hasExitAssistance = hasExitAssistance
    }

    /// The next chance to leave (analysis 6): the earliest date the contract can end if notice is
    /// given now or later, and the last day to give that notice. Calendar months on the Danish
    /// calendar, a missing day clamped to the month's end (as for the NIS2 final report).
    public struct ExitWindow: Sendable, Equatable {
        /// The last moment notice can be given for this exit.
        public var noticeBy: Date
        /// The date the contract ends.
        public var exitOn: Date
    }

    /// nil when the contract has expired without renewal (nothing to leave) or its dates are unknown.
    public func nextExitWindow(after now: Date) -> ExitWindow? {
        func notice(for exit: Date) -> Date { Self.adding(months: -noticeMonths, to: exit) }
        let earliestByNotice = Self.adding(months: noticeMonths, to: now)
        guard let expiry else {
            // Open-ended: any date after the notice period (and the irrevocable period).
            var exit = earliestByNotice
            if let until = irrevocableUntil, until > exit { exit = until }
            return ExitWindow(noticeBy: notice(for: exit), exitOn: exit)
        }
        var exit = expiry
        var renewals = 0
        // Walk the terms until one can still be ended by notice given now, and is not irrevocable.
        while notice(for: exit) < now || (irrevocableUntil.map { exit < $0 } ?? false) {
            guard let months = renewalMonths, months > 0, renewals < 1200 else {
                // Without renewal the contract simply ends at expiry (if still ahead).
                return expiry > now && irrevocableUntil.map({ expiry >= $0 }) ?? true ? ExitWindow(noticeBy: now, exitOn: expiry) : nil
            }
            renewals += 1
            exit = Self.adding(months: months * renewals, to: expiry)
        }
        return ExitWindow(noticeBy: notice(for: exit), exitOn: exit)
    }

    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Copenhagen")!
        return c
    }()

    /// Calendar months; Foundation clamps 31 January + 1 month to the end of February.
    static func adding(months: Int, to date: Date) -> Date {
        calendar.date(byAdding: .month, value: months, to: date)!
    }
}
