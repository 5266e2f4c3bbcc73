import Foundation

/// Danish and English names of the NIS2 register's stored values (docs/glossary.md), one table
/// instead of a switch per value set.
enum RegisterText {
    static let names: [String: (da: String, en: String)] = [
        // Asset kinds
        "system": ("System", "System"), "process": ("Proces", "Process"), "infrastructure": ("Infrastruktur", "Infrastructure"),
        "supplier": ("Leverandør", "Supplier"),
        // Criticality, and an incident's severity
        "low": ("lav", "low"), "medium": ("middel", "medium"), "high": ("høj", "high"), "critical": ("kritisk", "critical"),
        // Incident status
        "open": ("åben", "open"), "handling": ("håndteres", "being handled"), "closed": ("afsluttet", "closed"),
        // Risk treatment
        "accept": ("accepter", "accept"), "reduce": ("reducér", "reduce"), "transfer": ("overfør", "transfer"), "avoid": ("undgå", "avoid"),
        // Measure status
        "planned": ("planlagt", "planned"), "in_progress": ("i gang", "in progress"), "implemented": ("gennemført", "implemented"),
        "not_applicable": ("ikke relevant", "not applicable"),
        // Exercise methods
        "tabletop": ("skrivebordsøvelse", "tabletop exercise"), "walkthrough": ("gennemgang", "walkthrough"),
        "simulation": ("simulering", "simulation"), "full": ("fuld øvelse", "full-scale exercise"),
    ]

    static func name(_ value: String, _ lang: Lang) -> String {
        guard let n = names[value] else { return value }
        return lang == .da ? n.da : n.en
    }

    static func options(_ values: [String], _ lang: Lang) -> [(value: String, label: String)] {
        values.map { ($0, name($0, lang)) }
    }

    /// "4 t" / "1,5 t" / "–".
    static func hours(_ value: Double?, _ lang: Lang) -> String {
        guard let value else { return "–" }
        let text = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        return (lang == .da ? text.replacingOccurrences(of: ".", with: ",") : text) + (lang == .da ? " t" : " h")
    }

    /// A form value for an hours field.
    static func hoursInput(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Parses an hours field: empty is nil, a comma is a decimal point.
    static func parseHours(_ text: String?, field: String) throws -> Double? {
        let t = (text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if t.isEmpty { return nil }
        guard let v = Double(t) else { throw FormError(field: field) }
        return v
    }

    /// A form field that needs a number; `expected` says what (hours, by default).
    struct FormError: Error {
        var field: String
        var expected: (da: String, en: String) = ("et tal (timer)", "a number (hours)")
    }
}
