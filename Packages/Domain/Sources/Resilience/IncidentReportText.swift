import Foundation

/// The text of each NIS2 reporting stage, ready to paste into the form on virk.dk (the report is
/// filed there; there is no API). Marked confidential. The fields follow Art. 23(4): what the
/// early warning, the notification and the final report must say.
public enum IncidentReportText {
    /// What the municipality has recorded about an incident.
    public struct Facts: Equatable, Sendable {
        public var municipality: String
        public var title: String
        public var description: String
        public var awareAt: Date
        /// nil = not yet assessed.
        public var suspectedUnlawfulOrMalicious: Bool?
        public var crossBorderImpact: Bool?
        public var severity: String
        public var impact: String
        public var indicatorsOfCompromise: String
        public var rootCause: String
        public var mitigation: String
        public var handlingEndedAt: Date?

        public init(
            municipality: String, title: String, description: String = "", awareAt: Date, suspectedUnlawfulOrMalicious: Bool? = nil,
            crossBorderImpact: Bool? = nil, severity: String = "", impact: String = "", indicatorsOfCompromise: String = "", rootCause: String = "",
            mitigation: String = "", handlingEndedAt: Date? = nil
        ) {
            self.municipality = municipality
            self.title = title
            self.description = description
            self.awareAt = awareAt
            self.suspectedUnlawfulOrMalicious = suspectedUnlawfulOrMalicious
            self.crossBorderImpact = crossBorderImpact
            self.severity = severity
            self.impact = impact
            self.indicatorsOfCompromise = indicatorsOfCompromise
            self.rootCause = rootCause
            self.mitigation = mitigation
            self.handlingEndedAt = handlingEndedAt
        }
    }

    public static let confidential = "FORTROLIGT – indeholder oplysninger om en sikkerhedshændelse. Må ikke videregives uden for indberetningen."

    /// Fields the stage needs that are not yet recorded (shown next to the text, so nobody pastes a gap).
    public static func missing(_ kind: IncidentClock.Kind, _ f: Facts) -> [String] {
        var out: [String] = []
        if f.suspectedUnlawfulOrMalicious == nil { out.append("mistanke om ulovlig eller ondsindet handling") }
        if f.crossBorderImpact == nil { out.append("grænseoverskridende virkning") }
        if kind != .earlyWarning {
            if f.severity.isEmpty { out.append("alvor") }
            if f.impact.isEmpty { out.append("virkning") }
        }
        if kind == .final || kind == .progress {
            if f.rootCause.isEmpty { out.append("trussel eller grundlæggende årsag") }
            if f.mitigation.isEmpty { out.append("afhjælpende foranstaltninger") }
        }
        return out
    }

    static func local(_ date: Date) -> String { IncidentClock.wallClock(date, date: .long) }

    static func yesNo(_ b: Bool?) -> String {
        switch b {
        case true?: "Ja"
        case false?: "Nej"
        case nil: "Ikke vurderet endnu"
        }
    }

    public static func text(_ kind: IncidentClock.Kind, _ f: Facts) -> String {
        var lines = [confidential, "", "Indberetning: \(title(kind))", "Enhed: \(f.municipality)", "Hændelse: \(f.title)",
            "Kommunen blev bekendt med hændelsen: \(local(f.awareAt)) (dansk tid)"]
        lines.append("Mistanke om ulovlig eller ondsindet handling: \(yesNo(f.suspectedUnlawfulOrMalicious))")
        lines.append("Kan have grænseoverskridende virkning: \(yesNo(f.crossBorderImpact))")
        if kind != .earlyWarning {
            lines.append("Alvor: \(f.severity.isEmpty ? "Ikke angivet" : f.severity)")
            lines.append("Virkning (tjenester, borgere, varighed): \(f.impact.isEmpty ? "Ikke angivet" : f.impact)")
            if !f.indicatorsOfCompromise.isEmpty { lines.append("Kompromitteringsindikatorer: \(f.indicatorsOfCompromise)") }
        }
        if !f.description.isEmpty { lines += ["", "Beskrivelse:", f.description] }
        if kind == .final || kind == .progress {
            lines.append("")
            lines.append("Trussel eller grundlæggende årsag: \(f.rootCause.isEmpty ? "Ikke angivet" : f.rootCause)")
            lines.append("Afhjælpende foranstaltninger (gennemført og igangværende): \(f.mitigation.isEmpty ? "Ikke angivet" : f.mitigation)")
            if kind == .final, let end = f.handlingEndedAt { lines.append("Håndteringen afsluttet: \(local(end))") }
            if kind == .progress { lines.append("Hændelsen håndteres fortsat; den endelige rapport følger senest en måned efter, at håndteringen er afsluttet.") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func title(_ kind: IncidentClock.Kind) -> String {
        switch kind {
        case .earlyWarning: "Tidlig varsling (NIS2 art. 23, stk. 4, litra a)"
        case .notification: "Hændelsesanmeldelse (NIS2 art. 23, stk. 4, litra b)"
        case .intermediate: "Mellemrapport (NIS2 art. 23, stk. 4, litra c)"
        case .progress: "Statusrapport (NIS2 art. 23, stk. 4, litra e)"
        case .final: "Endelig rapport (NIS2 art. 23, stk. 4, litra d)"
        }
    }
}
