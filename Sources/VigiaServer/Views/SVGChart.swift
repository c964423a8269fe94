import Foundation
import Plot
import VigiaCore

/// Small server-rendered SVG charts, each with a title and a description for screen readers
/// (the page also shows the same figures as a table).
enum SVGChart {
    static func escape(_ s: String) -> String { HTMLEscape.text(s) }

    static func color(_ percent: Double?) -> String {
        switch RatingZone(percent: percent) {
        case .rojo: "#b3261e"
        case .amarillo: "#b08400"
        case .verde: "#1e6b34"
        case .sinDato: "#8a96a3"
        }
    }

    /// The charts as page content. The only raw HTML of the views: every text in it went
    /// through `escape` above.
    static func barsNode(title: String, items: [(label: String, value: Double?)]) -> Node<HTML.BodyContext> {
        .raw(bars(title: title, items: items))
    }

    static func heatMapNode(_ map: HeatMap) -> Node<HTML.BodyContext> {
        .raw(heatMap(map))
    }

    static func linesNode(title: String, series: [ProgressSeries]) -> Node<HTML.BodyContext> {
        .raw(lines(title: title, series: series.map { s in (s.label, s.points.map { ($0.round, $0.percent) }) }))
    }

    /// A document's stacked bar chart (`ReportDocument.grafico`), with its legend; the document's
    /// table beside it carries the same figures.
    static func stackedNode(_ doc: ReportDocument) -> Node<HTML.BodyContext> {
        guard let g = doc.grafico else { return .empty }
        let bars = doc.chartBars
        guard !bars.isEmpty else { return .empty }
        return .div(.class("chart"), .raw(stacked(g, bars)))
    }

    static func stacked(_ g: ReportChart, _ bars: [(categoria: String, valores: [Double])]) -> String {
        let rowH = 24.0, labelW = 260.0, barW = 440.0, top = 28.0
        let height = top + Double(bars.count) * rowH + 8, width = labelW + barW + 60
        let maxTotal = max(1, bars.map { $0.valores.reduce(0, +) }.max() ?? 1)
        func hex(_ c: UInt32) -> String { String(format: "#%06X", c & 0xFFFFFF) }
        let id = "g-\(abs(g.titulo.hashValue))"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t\(id) d\(id)\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">"
        svg += "<title id=\"t\(id)\">\(escape(g.titulo))</title>"
        svg += "<desc id=\"d\(id)\">" + escape(bars.map { bar in
            bar.categoria + ": " + zip(g.series, bar.valores).map { "\($0.nombre.lowercased()) \(SpanishFormat.number($1))" }.joined(separator: ", ")
        }.joined(separator: "; ")) + "</desc>"
        var x = labelW
        for s in g.series {
            svg += "<rect x=\"\(x)\" y=\"6\" width=\"10\" height=\"10\" fill=\"\(hex(s.color))\"/>"
            svg += "<text x=\"\(x + 14)\" y=\"15\" font-size=\"11\" fill=\"#1b1f24\">\(escape(s.nombre))</text>"
            x += 24 + Double(s.nombre.count) * 6.5
        }
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowH
            svg += "<text x=\"\(labelW - 6)\" y=\"\(y + 13)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\">\(escape(String(bar.categoria.prefix(38))))</text>"
            var x = labelW
            for (k, v) in bar.valores.enumerated() where v > 0 && k < g.series.count {
                let w = barW * v / maxTotal
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"18\" fill=\"\(hex(g.series[k].color))\"/>"
                if w > 18 {
                    // Dark text on the light fills, white on the dark ones.
                    let c = g.series[k].color
                    let light = 0.299 * Double((c >> 16) & 0xFF) + 0.587 * Double((c >> 8) & 0xFF) + 0.114 * Double(c & 0xFF) > 150
                    svg += "<text x=\"\(x + w / 2)\" y=\"\(y + 13)\" text-anchor=\"middle\" font-size=\"11\" fill=\"\(light ? "#1b1f24" : "#fff")\">\(escape(SpanishFormat.number(v)))</text>"
                }
                x += w
            }
            svg += "<text x=\"\(x + 6)\" y=\"\(y + 13)\" font-size=\"12\" font-weight=\"bold\" fill=\"#1b1f24\">\(escape(SpanishFormat.number(bar.valores.reduce(0, +))))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, 0–100 %.
    static func bars(title: String, items: [(label: String, value: Double?)]) -> String {
        let rowH = 26.0, labelW = 230.0, barW = 360.0, height = Double(items.count) * rowH + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t-\(title.hashValue) d-\(title.hashValue)\" width=\"\(Int(labelW + barW + 70))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(labelW + barW + 70)) \(Int(height))\">"
        svg += "<title id=\"t-\(title.hashValue)\">\(escape(title))</title>"
        svg += "<desc id=\"d-\(title.hashValue)\">" + escape(items.map { "\($0.label): \(SpanishFormat.percent($0.value))" }.joined(separator: "; ")) + "</desc>"
        for (i, item) in items.enumerated() {
            let y = Double(i) * rowH + 6
            let w = max(1, (item.value ?? 0) / 100 * barW)
            svg += "<text x=\"\(labelW - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\">\(escape(String(item.label.prefix(34))))</text>"
            svg += "<rect x=\"\(labelW)\" y=\"\(y)\" width=\"\(barW)\" height=\"18\" fill=\"#eef0f2\"/>"
            svg += "<rect x=\"\(labelW)\" y=\"\(y)\" width=\"\(w)\" height=\"18\" fill=\"\(color(item.value))\"/>"
            svg += "<text x=\"\(labelW + barW + 6)\" y=\"\(y + 14)\" font-size=\"12\" fill=\"#1b1f24\">\(escape(SpanishFormat.percent(item.value)))</text>"
        }
        let axisY = Double(items.count) * rowH + 10
        for tick in [0, 60, 80, 100] {
            let x = labelW + Double(tick) / 100 * barW
            svg += "<line x1=\"\(x)\" y1=\"4\" x2=\"\(x)\" y2=\"\(axisY)\" stroke=\"#8a96a3\" stroke-dasharray=\"2 3\"/>"
            svg += "<text x=\"\(x)\" y=\"\(axisY + 14)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#4a5563\">\(tick) %</text>"
        }
        return svg + "</svg>"
    }

    /// Lines of % per follow-up round, one per plan.
    static func lines(title: String, series: [(label: String, points: [(round: Int, value: Double)])]) -> String {
        let w = 620.0, h = 220.0, left = 40.0, bottom = 30.0, top = 10.0
        let maxRound = max(2, series.flatMap { $0.points.map(\.round) }.max() ?? 2)
        let palette = ["#0b4f8a", "#b3261e", "#1e6b34", "#7a5a00", "#5b3a8a", "#00707a"]
        func x(_ r: Int) -> Double { left + Double(r - 1) / Double(maxRound - 1) * (w - left - 20) }
        func y(_ v: Double) -> Double { top + (1 - v / 100) * (h - top - bottom) }
        let id = "l-\(title.hashValue)"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t\(id) d\(id)\" width=\"\(Int(w))\" height=\"\(Int(h + 20 * Double(series.count)))\" viewBox=\"0 0 \(Int(w)) \(Int(h + 20 * Double(series.count)))\">"
        svg += "<title id=\"t\(id)\">\(escape(title))</title><desc id=\"d\(id)\">" + escape(series.map { s in
            s.label + ": " + s.points.map { "seguimiento \($0.round) \(SpanishFormat.percent($0.value))" }.joined(separator: ", ")
        }.joined(separator: "; ")) + "</desc>"
        for tick in [0, 20, 40, 60, 80, 100] {
            svg += "<line x1=\"\(left)\" y1=\"\(y(Double(tick)))\" x2=\"\(w - 20)\" y2=\"\(y(Double(tick)))\" stroke=\"#e1e5ea\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y(Double(tick)) + 4)\" text-anchor=\"end\" font-size=\"10\" fill=\"#4a5563\">\(tick) %</text>"
        }
        for r in 1...maxRound {
            svg += "<text x=\"\(x(r))\" y=\"\(h - 10)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#4a5563\">Seg. \(r)</text>"
        }
        for (k, s) in series.enumerated() {
            let c = palette[k % palette.count]
            let pts = s.points.map { "\(x($0.round)),\(y($0.value))" }.joined(separator: " ")
            svg += "<polyline points=\"\(pts)\" fill=\"none\" stroke=\"\(c)\" stroke-width=\"2\"/>"
            for p in s.points { svg += "<circle cx=\"\(x(p.round))\" cy=\"\(y(p.value))\" r=\"3\" fill=\"\(c)\"/>" }
            svg += "<rect x=\"\(left)\" y=\"\(h + Double(k) * 20)\" width=\"12\" height=\"12\" fill=\"\(c)\"/>"
            svg += "<text x=\"\(left + 18)\" y=\"\(h + Double(k) * 20 + 10)\" font-size=\"12\" fill=\"#1b1f24\">\(escape(String(s.label.prefix(60))))</text>"
        }
        return svg + "</svg>"
    }
}
