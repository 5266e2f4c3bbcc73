import Foundation
import Resilience

/// The risk heat map as server-drawn SVG: likelihood up the side, impact along the bottom, each cell
/// coloured by its level on the matrix and labelled with how many risks sit there.
enum HeatMap {
    /// Three bands by share of the matrix's highest level: ≤ 1/4 low, ≤ 1/2 medium, above high.
    static func band(level: Int, max: Int) -> String {
        let share = Double(level) / Double(Swift.max(max, 1))
        return share <= 0.25 ? "low" : share <= 0.5 ? "medium" : "high"
    }

    static let fill = ["low": "#d9efd9", "medium": "#fff1c2", "high": "#f6c9c4"]

    static func svg(_ matrix: RiskMatrix, counts: [[Int]], title: String, likelihoodLabel: String, impactLabel: String) -> String {
        let cell = 56, left = 44, top = 8
        let rows = matrix.likelihoods, cols = matrix.impacts
        let width = left + cols * cell + 8, height = top + rows * cell + 44
        let maxLevel = matrix.levels.flatMap { $0 }.max() ?? 1
        var s = "<svg role=\"img\" aria-label=\"\(esc(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(esc(title))</title>"
        for l in (1...rows).reversed() {
            let y = top + (rows - l) * cell
            s += "<text x=\"\(left - 10)\" y=\"\(y + cell / 2 + 5)\" font-size=\"13\" text-anchor=\"end\" fill=\"#1b1f24\">\(l)</text>"
            for i in 1...cols {
                let x = left + (i - 1) * cell
                let level = matrix.levels[l - 1][i - 1]
                let n = counts.indices.contains(l - 1) && counts[l - 1].indices.contains(i - 1) ? counts[l - 1][i - 1] : 0
                s += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(fill[band(level: level, max: maxLevel)]!)\" stroke=\"#8a939c\"/>"
                s += "<text x=\"\(x + 5)\" y=\"\(y + 15)\" font-size=\"11\" fill=\"#4a525c\">\(level)</text>"
                if n > 0 {
                    s += "<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 9)\" font-size=\"20\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#1b1f24\">\(n)</text>"
                }
            }
        }
        for i in 1...cols {
            s += "<text x=\"\(left + (i - 1) * cell + cell / 2 - 1)\" y=\"\(top + rows * cell + 16)\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1f24\">\(i)</text>"
        }
        s += "<text x=\"\(left + cols * cell / 2)\" y=\"\(top + rows * cell + 36)\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1f24\">\(esc(impactLabel)) →</text>"
        s += "<text x=\"12\" y=\"\(top + rows * cell / 2)\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1f24\" transform=\"rotate(-90 12 \(top + rows * cell / 2))\">\(esc(likelihoodLabel)) →</text>"
        return s + "</svg>"
    }

    static func esc(_ s: String) -> String { s.attributeEscaped }
}
