import Foundation
import VigiaCore

/// A risk heat map as the methodology draws it: probabilidad upwards, impacto to the right, each
/// cell in its zone's colour with the count of risks in it (not one dot per risk), and each cell
/// a link to its risks. The page shows the same figures in a table.
struct HeatMap: Sendable {
    /// Unique in the page: the SVG's title and description are named by it.
    var id: String
    var title: String
    var methodology: RiskMethodology
    var counts: [[Int]]
    /// The link of the cell (probabilidad, impacto): its risks.
    var link: @Sendable (Int, Int) -> String
}

extension SVGChart {
    static func heatMap(_ h: HeatMap) -> String {
        let m = h.methodology
        let cell = 84.0, left = 112.0, top = 8.0, bottom = 52.0
        let cols = m.impactos.count, rows = m.probabilidades.count
        let w = left + Double(cols) * cell + 8, height = top + Double(rows) * cell + bottom
        let id = h.id
        var total = 0
        var description: [String] = []
        for p in 0..<rows { for i in 0..<cols { let n = count(h, p, i); total += n
            if n > 0 { description.append("\(m.probabilidades[p].nombre) × \(m.impactos[i].nombre): \(n)") } } }
        // A group, not an image: its cells are links (an image may hold nothing the keyboard reaches).
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" role=\"group\" aria-labelledby=\"t\(id) d\(id)\" width=\"\(Int(w))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(w)) \(Int(height))\">"
        svg += "<title id=\"t\(id)\">\(escape(h.title))</title>"
        svg += "<desc id=\"d\(id)\">\(escape("\(total) riesgos. " + description.joined(separator: "; ")))</desc>"
        for p in 0..<rows {
            // The highest probabilidad on top.
            let y = top + Double(rows - 1 - p) * cell
            svg += "<text x=\"\(left - 6)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#1b1f24\">\(escape(m.probabilidades[p].nombre))</text>"
            for i in 0..<cols {
                let x = left + Double(i) * cell, n = count(h, p, i)
                let zone = m.zone(probabilidad: p, impacto: i)
                let name = "\(m.probabilidades[p].nombre) × \(m.impactos[i].nombre): \(n == 1 ? "1 riesgo" : "\(n) riesgos")"
                    + (zone.map { ", zona \($0.nombre.lowercased())" } ?? "")
                svg += "<a href=\"\(escape(h.link(p, i)))\" aria-label=\"\(escape(name))\"><rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(escape(zone?.color ?? "#eef0f2"))\" stroke=\"#1b1f24\" stroke-width=\"0.5\"/>"
                svg += "<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 2)\" text-anchor=\"middle\" font-size=\"\(n > 0 ? 22 : 12)\" font-weight=\"\(n > 0 ? 700 : 400)\" fill=\"#1b1f24\">\(n > 0 ? String(n) : "·")</text>"
                svg += "<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell - 10)\" text-anchor=\"middle\" font-size=\"9\" fill=\"#1b1f24\">\(escape(zone?.nombre ?? ""))</text></a>"
            }
        }
        for i in 0..<cols {
            let x = left + Double(i) * cell + cell / 2 - 1
            svg += "<text x=\"\(x)\" y=\"\(top + Double(rows) * cell + 14)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1b1f24\">\(escape(m.impactos[i].nombre))</text>"
        }
        svg += "<text x=\"\(left + Double(cols) * cell / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a5563\">Impacto →</text>"
        return svg + "</svg>"
    }

    private static func count(_ h: HeatMap, _ p: Int, _ i: Int) -> Int {
        h.counts.indices.contains(p) && h.counts[p].indices.contains(i) ? h.counts[p][i] : 0
    }
}
