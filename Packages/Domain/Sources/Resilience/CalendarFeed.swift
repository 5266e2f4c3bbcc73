import Foundation

/// An iCalendar (RFC 5545) feed of deadlines that Outlook or any calendar can subscribe to.
public enum CalendarFeed {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var summary: String
        public var start: Date
        /// A whole Copenhagen calendar day rather than an instant.
        public var allDay: Bool
        public var description: String
        public var url: String?

        public init(uid: String, summary: String, start: Date, allDay: Bool, description: String = "", url: String? = nil) {
            self.uid = uid
            self.summary = summary
            self.start = start
            self.allDay = allDay
            self.description = description
            self.url = url
        }
    }

    /// The whole feed, CRLF line endings, lines folded at 75 octets.
    public static func ics(name: String, events: [Event], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Handlefrihed//NIS2//DA", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:\(escape(name))", "X-WR-TIMEZONE:Europe/Copenhagen", "REFRESH-INTERVAL;VALUE=DURATION:PT1H"]
        for e in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(escape(e.uid))@handlefrihed")
            lines.append("DTSTAMP:\(utc(stamp))")
            if e.allDay {
                let day = localDay(e.start)
                lines.append("DTSTART;VALUE=DATE:\(day.start)")
                lines.append("DTEND;VALUE=DATE:\(day.end)")
            } else {
                lines.append("DTSTART:\(utc(e.start))")
                lines.append("DTEND:\(utc(e.start.addingTimeInterval(15 * 60)))")
                // A reminder an hour before a reporting deadline.
                lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(escape(e.summary))", "TRIGGER:-PT1H", "END:VALARM"]
            }
            lines.append("SUMMARY:\(escape(e.summary))")
            if !e.description.isEmpty { lines.append("DESCRIPTION:\(escape(e.description))") }
            if let url = e.url { lines.append("URL:\(escape(url))") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {  // by scalar: "," + a combining mark is one Character
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for ch in line {
            let n = String(ch).utf8.count
            if octets + n > (parts.isEmpty ? 75 : 74) {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.append(ch)
            octets += n
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    static func localDay(_ date: Date) -> (start: String, end: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IncidentClock.copenhagen
        let next = calendar.date(byAdding: .day, value: 1, to: date)!
        func f(_ d: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: d)
            return String(format: "%04d%02d%02d", c.year!, c.month!, c.day!)
        }
        return (f(date), f(next))
    }
}
