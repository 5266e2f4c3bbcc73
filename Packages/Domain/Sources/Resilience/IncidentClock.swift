import Foundation

/// The NIS2 reporting clock (Art. 23; specs/nis2.md rules 1–6). Times are UTC instants; calendar
/// months are counted on the Danish wall clock.
public enum IncidentClock {
    public static let copenhagen = TimeZone(identifier: "Europe/Copenhagen")!

    /// A date and time as people in Denmark read it: on the Copenhagen wall clock.
    public static func wallClock(_ date: Date, date style: Date.FormatStyle.DateStyle, locale: String = "da_DK") -> String {
        var format = Date.FormatStyle(date: style, time: .shortened)
        format.timeZone = copenhagen
        format.locale = Locale(identifier: locale)
        return date.formatted(format)
    }

    /// A calendar day on the Copenhagen calendar without a time: "28. nov. 2026".
    public static func wallClockDay(_ date: Date, locale: String = "da_DK") -> String {
        var format = Date.FormatStyle(date: .abbreviated, time: .omitted)
        format.timeZone = copenhagen
        format.locale = Locale(identifier: locale)
        return date.formatted(format)
    }

    public enum Significance: Equatable, Sendable {
        /// Significant per Art. 23(3).
        case significant(decidedAt: Date)
        /// Not significant, with the justification the law asks for.
        case notSignificant(decidedAt: Date, justification: String)
    }

    public struct Input: Equatable, Sendable {
        public var awareAt: Date
        public var significance: Significance?
        public var earlyWarningSubmittedAt: Date?
        public var notificationSubmittedAt: Date?
        /// Set when the authority requests an intermediate report, with its deadline.
        public var intermediateRequestedDue: Date?
        public var intermediateSubmittedAt: Date?
        public var handlingEndedAt: Date?
        public var progressReportSubmittedAt: Date?
        public var finalReportSubmittedAt: Date?

        public init(awareAt: Date, significance: Significance? = nil) {
            self.awareAt = awareAt
            self.significance = significance
        }
    }

    public enum Kind: String, CaseIterable, Sendable {
        case earlyWarning = "early_warning"
        case notification
        case intermediate
        case progress
        case final
    }

    public enum Status: String, Sendable {
        case pending, overdue, submitted, late
    }

    public struct Stage: Equatable, Sendable {
        public var kind: Kind
        /// nil when the due time is not yet known (a final report after handling that has not ended).
        public var due: Date?
        /// True for the final report's date before the notification is submitted.
        public var provisional: Bool
        public var submittedAt: Date?
        public var status: Status
    }

    /// One calendar month later on the Copenhagen wall clock; the month's last day when the day
    /// does not exist (31 January → 28 February).
    public static func addingOneMonth(to date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = copenhagen
        return calendar.date(byAdding: .month, value: 1, to: date)!
    }

    static func status(due: Date?, submittedAt: Date?, now: Date) -> Status {
        if let submittedAt {
            if let due, submittedAt > due { return .late }
            return .submitted
        }
        if let due, now > due { return .overdue }
        return .pending
    }

    /// The reporting stages of an incident at `now`. None before a significance decision, and none
    /// for an incident decided not significant.
    public static func stages(_ i: Input, now: Date) -> [Stage] {
        guard case .significant = i.significance else { return [] }
        var stages: [Stage] = []
        let earlyDue = i.awareAt.addingTimeInterval(24 * 3600)
        let notificationDue = i.awareAt.addingTimeInterval(72 * 3600)
        stages.append(Stage(kind: .earlyWarning, due: earlyDue, provisional: false, submittedAt: i.earlyWarningSubmittedAt,
            status: status(due: earlyDue, submittedAt: i.earlyWarningSubmittedAt, now: now)))
        stages.append(Stage(kind: .notification, due: notificationDue, provisional: false, submittedAt: i.notificationSubmittedAt,
            status: status(due: notificationDue, submittedAt: i.notificationSubmittedAt, now: now)))
        if let requested = i.intermediateRequestedDue {
            stages.append(Stage(kind: .intermediate, due: requested, provisional: false, submittedAt: i.intermediateSubmittedAt,
                status: status(due: requested, submittedAt: i.intermediateSubmittedAt, now: now)))
        }
        let provisional = i.notificationSubmittedAt == nil
        let finalDue = addingOneMonth(to: i.notificationSubmittedAt ?? notificationDue)
        // Still being handled when the final report falls due: a progress report then, and the final
        // report one month after handling ends.
        let stillHandled = !provisional && (i.handlingEndedAt.map { $0 > finalDue } ?? (now >= finalDue))
        if stillHandled {
            stages.append(Stage(kind: .progress, due: finalDue, provisional: false, submittedAt: i.progressReportSubmittedAt,
                status: status(due: finalDue, submittedAt: i.progressReportSubmittedAt, now: now)))
            let due = i.handlingEndedAt.map(addingOneMonth(to:))
            stages.append(Stage(kind: .final, due: due, provisional: false, submittedAt: i.finalReportSubmittedAt,
                status: status(due: due, submittedAt: i.finalReportSubmittedAt, now: now)))
        } else {
            stages.append(Stage(kind: .final, due: finalDue, provisional: provisional, submittedAt: i.finalReportSubmittedAt,
                status: status(due: provisional ? nil : finalDue, submittedAt: i.finalReportSubmittedAt, now: now)))
        }
        return stages
    }
}
