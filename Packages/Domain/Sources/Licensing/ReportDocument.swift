/// The self-contained HTML report (inline CSS and SVG, no external assets) an IT chief can e-mail.
/// It holds totals only — no per-user rows — so it carries no personal data.
public enum ReportDocument {
    /// HTML escaping for text and attribute values. By Unicode scalar, not Character: a quote or `<`
    /// followed by a combining mark is one Character and would slip through a Character match.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// "1.234.567,89 kr." in Danish notation.
    public static func kroner(_ ore: Int64) -> String {
        let sign = ore < 0 ? "-" : ""
        let a = ore.magnitude
        var whole = String(a / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "." + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let cents = a % 100
        return "\(sign)\(whole)\(grouped),\(cents < 10 ? "0" : "")\(cents) kr."
    }

    public static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded())
        return "\(tenths / 10),\(tenths % 10) %"
    }

    static let actionNames: [(Action, String)] = [
        (.remove, "Fjern (ingen aktivitet)"), (.downgrade, "Billigere licens"), (.keep, "Behold"), (.upgrade, "Dyrere licens"),
        (.change, "Anden licens, samme pris"), (.review, "Gennemgå manuelt"),
    ]

    /// Horizontal bars: label, value, max.
    public static func barChart(_ rows: [(String, Double, String)], title: String, width: Int = 640) -> String {
        let maxValue = max(rows.map(\.1).max() ?? 1, 1)
        let rowHeight = 28
        let labelWidth = 230
        let height = rows.count * rowHeight + 10
        var svg = "<svg role=\"img\" aria-label=\"\(escape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(escape(title))</title>"
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight + 5
            let w = Int(Double(width - labelWidth - 120) * max(row.1, 0) / maxValue)
            svg += "<text x=\"0\" y=\"\(y + 18)\" font-size=\"14\" fill=\"#1b1f24\">\(escape(row.0))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"18\" fill=\"#0b4f6c\"/>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 18)\" font-size=\"14\" fill=\"#1b1f24\">\(escape(row.2))</text>"
        }
        return svg + "</svg>"
    }

    /// Before/after share of heavy packages against the 35–65 % band.
    public static func bandChart(before: Double, after: Double, title: String, width: Int = 640) -> String {
        let left = 90
        let span = width - left - 40
        func x(_ v: Double) -> Int { left + Int(Double(span) * min(max(v, 0), 1)) }
        var svg = "<svg role=\"img\" aria-label=\"\(escape(title))\" viewBox=\"0 0 \(width) 110\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(escape(title))</title>"
        svg += "<rect x=\"\(x(0.35))\" y=\"5\" width=\"\(x(0.65) - x(0.35))\" height=\"70\" fill=\"#fff4d6\" stroke=\"#d8b24a\"/>"
        svg += "<text x=\"\(x(0.35) + 4)\" y=\"18\" font-size=\"11\" fill=\"#4a525c\">35–65 %</text>"
        for (i, (label, v)) in [("Før", before), ("Efter", after)].enumerated() {
            let y = 28 + i * 24
            svg += "<text x=\"0\" y=\"\(y + 14)\" font-size=\"14\" fill=\"#1b1f24\">\(label)</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(x(v) - left)\" height=\"18\" fill=\"\(i == 0 ? "#6b7480" : "#0b4f6c")\"/>"
            svg += "<text x=\"\(x(v) + 6)\" y=\"\(y + 14)\" font-size=\"14\" fill=\"#1b1f24\">\(percent(v))</text>"
        }
        for tick in stride(from: 0, through: 100, by: 25) {
            svg += "<text x=\"\(x(Double(tick) / 100) - 10)\" y=\"100\" font-size=\"12\" fill=\"#4a525c\">\(tick) %</text>"
        }
        return svg + "</svg>"
    }

    public static let switchChecklist = [
        "Postkasser over 2 GB: F-licensen giver 2 GB; flyt eller ryd op først.",
        "Arkivpostkasse: indholdet skal flyttes eller bevares, før E-licensen fjernes.",
        ".pst-filer: F-licensen har ikke Outlook til skrivebordet; find og flyt lokale .pst-filer.",
        "Webinarer og livebegivenheder: F-licensen kan ikke afholde dem.",
        "Teams Phone: kontrollér telefoni-tilføjelser, før licensen skiftes.",
        "OneDrive tæt på 2 GB: F-licensen giver 2 GB OneDrive.",
        "Skift i én handling: fjern E-licensen og tildel F-licensen i samme operation, så brugeren ikke mister data.",
    ]

    /// The report's only styles, inline so the file stands alone; the web server allows exactly this
    /// text by its SHA-256 hash in the Content-Security-Policy (no 'unsafe-inline').
    public static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
        h1{font-size:1.8rem;margin-bottom:.25rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #c9d0d8;padding-bottom:.25rem}
        .muted{color:#4a525c}.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:1rem}
        .figure{border:1px solid #c9d0d8;border-radius:6px;padding:.75rem 1rem}.figure strong{display:block;font-size:1.4rem}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #c9d0d8}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.warn{background:#fff4d6;border-left:4px solid #d8b24a;padding:.5rem 1rem}
        @media print{body{margin:0;max-width:none}.figure{break-inside:avoid}h2{break-after:avoid}svg{break-inside:avoid}}
        """

    public static func html(_ profile: Profile, _ summary: Profile.Summary, title: String = "Licensprofilering") -> String {
        html(summary: summary, downgradesToFrontline: summary.downgradesToFrontline, title: title)
    }

    public static func html(summary: Profile.Summary, downgradesToFrontline: Int?, title: String = "Licensprofilering") -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(css)</style></head><body>
            <h1>\(escape(title))</h1>
            <p class="muted">Data pr. \(escape(summary.asOf)) · \(summary.usersProfiled) brugere profileret · udelukket: \(summary.usersExcluded.deleted) slettede, \(summary.usersExcluded.unknown) ukendte, \(summary.usersExcluded.unpriced) uden prissat basislicens</p>

            """
        if !summary.warnings.isEmpty {
            h += "<div class=\"warn\" role=\"note\"><p><strong>Advarsler</strong></p><ul>"
            for w in summary.warnings { h += "<li>\(escape(w))</li>" }
            h += "</ul></div>\n"
        }
        h += """
            <div class="figures">
            <div class="figure">Nuværende pr. måned<strong>\(kroner(summary.currentMonthly.ore))</strong></div>
            <div class="figure">Anbefalet pr. måned<strong>\(kroner(summary.recommendedMonthly.ore))</strong></div>
            <div class="figure">Besparelse pr. måned<strong>\(kroner(summary.monthlySaving.ore))</strong></div>
            <div class="figure">Besparelse pr. år<strong>\(kroner(summary.annualSaving.ore))</strong></div>
            </div>
            <h2>Anbefalinger</h2>

            """
        h += barChart(actionNames.map { ($0.1, Double(summary.actions[$0.0.rawValue] ?? 0), String(summary.actions[$0.0.rawValue] ?? 0)) },
            title: "Antal brugere pr. anbefaling")
        h += "\n<h2>Andel med den store pakke (skrivebords-Office)</h2>\n"
        h += bandChart(before: summary.heavyShare.before, after: summary.heavyShare.after,
            title: "Andel brugere med skrivebords-Office før og efter, mod kommunernes spænd på 35–65 %")
        h += "\n<h2>Afdelinger</h2>\n"
        let departments = summary.departments.sorted { $0.value.monthlySaving.ore > $1.value.monthlySaving.ore }
        h += barChart(departments.map { ($0.key, Double($0.value.monthlySaving.ore), kroner($0.value.monthlySaving.ore)) },
            title: "Besparelse pr. måned pr. afdeling")
        h += "<table><caption class=\"muted\">Tal pr. afdeling</caption><thead><tr><th scope=\"col\">Afdeling</th><th scope=\"col\" class=\"num\">Brugere</th><th scope=\"col\" class=\"num\">Nuværende/md.</th><th scope=\"col\" class=\"num\">Anbefalet/md.</th><th scope=\"col\" class=\"num\">Besparelse/år</th><th scope=\"col\" class=\"num\">Store pakke før → efter</th></tr></thead><tbody>"
        for (name, f) in departments {
            h += "<tr><th scope=\"row\">\(escape(name))</th><td class=\"num\">\(f.usersProfiled)</td><td class=\"num\">\(kroner(f.currentMonthly.ore))</td><td class=\"num\">\(kroner(f.recommendedMonthly.ore))</td><td class=\"num\">\(kroner(f.annualSaving.ore))</td><td class=\"num\">\(percent(f.heavyShare.before)) → \(percent(f.heavyShare.after))</td></tr>"
        }
        h += "</tbody></table>\n"
        let downgradesToF = downgradesToFrontline ?? summary.downgradesToFrontline
        h += "<h2>Før skift fra E- til F-licens</h2><p>\(downgradesToF) brugere anbefales flyttet til en frontlinjelicens. Microsoft foreskriver disse kontroller før hvert skift:</p><ol>"
        for item in switchChecklist { h += "<li>\(escape(item))</li>" }
        h += "</ol>\n<p class=\"muted\">Frontlinjelicenser (F) må kun bruges af medarbejdere, hvis primære arbejdsenhed har én skærm under 10,9\" eller deles med andre frontlinjemedarbejdere. Berettigelsen kommer fra kommunens personfil eller politik, ikke fra forbrugsdata.</p>\n"
        h += "<p class=\"muted\">Lavet med Handlefrihed. Rapporten indeholder kun totaler – ingen oplysninger om enkeltpersoner.</p>\n</body></html>\n"
        return h
    }
}
