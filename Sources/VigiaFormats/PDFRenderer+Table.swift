import CPangoCairo
import VigiaCore

/// Where a table's columns and rows go: widths, header heights, row heights, and the blocks
/// (a span and the rows it covers) whose spans were given up because they do not fit a page.
struct TableLayout {
    static let pad = 2.5
    let widths: [Double]
    let xs: [Double]
    let groupHeight: Double
    let headHeight: Double
    /// The height under a page's table header.
    let room: Double
    /// Each row's height from its own cells.
    let ownHeights: [Double]
    /// The spans starting in each row: the rows each covers and the height its text needs.
    let spans: [[(rows: Range<Int>, need: Double)]]
    var heights: [Double]
    /// First rows of the blocks whose spanning cells are drawn in that first row.
    var unspanned = Set<Int>()

    func height(_ block: Range<Int>) -> Double { block.reduce(0) { $0 + heights[$1] } }

    /// A block taller than a page cannot keep its spans: its spanning cells are drawn in its
    /// first row, which grows to hold them, and the block may then break between rows.
    mutating func unspan(_ block: Range<Int>) {
        unspanned.insert(block.lowerBound)
        for i in block { heights[i] = ownHeights[i] }
        for span in spans[block.lowerBound] { heights[block.lowerBound] = max(heights[block.lowerBound], span.need) }
    }

    /// A span's extra height goes to its last row, or the block gives up its spans.
    mutating func fitSpans(_ blocks: [Range<Int>]) {
        for block in blocks {
            var h = heights
            for span in block.flatMap({ spans[$0] }) {
                let have = span.rows.reduce(0) { $0 + h[$1] }
                if span.need > have { h[span.rows.upperBound - 1] += span.need - have }
            }
            if block.count > 1 && block.reduce(0, { $0 + h[$1] }) > room {
                unspan(block)
            } else {
                for i in block { heights[i] = h[i] }
            }
        }
    }
}

/// Tables: column widths, rows kept together with what spans them, the header repeated on
/// every page, the semáforo in % cells.
extension PDFDrawer {
    /// Column titles are a point smaller than the cells.
    var headerSize: Double { options.fontSize - 1 }

    /// Numbers, dates and % get the width their longest value needs (their title may wrap
    /// between words); text columns share the rest in proportion to their widths.
    func columnWidths(_ t: ReportTable, total available: Double, pad: Double) -> [Double] {
        var fixed: [Int: Double] = [:]
        for (k, c) in t.columnas.enumerated() where c.tipo != .texto {
            let values = t.filas.compactMap { $0.celdas.indices.contains(k) && !$0.celdas[k].cubierta ? $0.celdas[k].texto : nil }
            let words = c.titulo.split(separator: " ").map(String.init)
            let widest = max(values.map { lineWidth($0) }.max() ?? 0, words.map { lineWidth($0, bold: true, size: headerSize) }.max() ?? 0)
            fixed[k] = widest + 2 * pad + 1
        }
        let rest = max(available * 0.3, available - fixed.values.reduce(0, +))
        let textTotal = t.columnas.enumerated().filter { fixed[$0.offset] == nil }.reduce(0) { $0 + $1.element.ancho }
        var widths = t.columnas.enumerated().map { k, c in fixed[k] ?? c.ancho / max(1, textTotal) * rest }
        // A text column is never narrower than its title's longest word nor, for a list column
        // (estados), its values' words: “ABIERTO” must not break. The width it gains comes from
        // the text columns with room to spare, in proportion to that room.
        var mins = Array(repeating: 0.0, count: widths.count)
        for (k, c) in t.columnas.enumerated() where fixed[k] == nil {
            let titleWords = c.titulo.split(separator: " ").map { lineWidth(String($0), bold: true, size: headerSize) }
            let listWords = (c.lista ?? []).flatMap { $0.split(separator: " ") }.map { lineWidth(String($0)) }
            mins[k] = ((titleWords + listWords).max() ?? 0) + 2 * pad + 1
        }
        let deficit = widths.indices.reduce(0.0) { $0 + max(0, mins[$1] - widths[$1]) }
        let slack = widths.indices.filter { fixed[$0] == nil }.reduce(0.0) { $0 + max(0, widths[$1] - mins[$1]) }
        if deficit > 0 && slack > deficit {
            for k in widths.indices where fixed[k] == nil {
                widths[k] = widths[k] < mins[k] ? mins[k] : widths[k] - (widths[k] - mins[k]) / slack * deficit
            }
        }
        return widths
    }

    func cellHeight(_ s: String, _ w: Double, bold: Bool = false) -> Double {
        textHeight(s, width: w - 2 * TableLayout.pad, bold: bold) + 2 * TableLayout.pad
    }

    func layout(_ t: ReportTable, widthShare: Double) -> TableLayout {
        let pad = TableLayout.pad
        let widths = columnWidths(t, total: usable * widthShare, pad: pad)
        let groupH = t.grupos.isEmpty ? 0 : t.grupos.map { g in cellHeight(g.titulo, usable * widthShare / 2, bold: true) }.max()!
        let headH = t.columnas.indices.map { textHeight(t.columnas[$0].titulo, width: widths[$0] - 2 * pad, bold: true, size: headerSize) + 2 * pad }.max() ?? 0
        let own = t.filas.map { fila in
            fila.celdas.enumerated().filter { !$0.element.cubierta && $0.element.filas == 1 && $0.offset < widths.count }
                .map { cellHeight($0.element.texto, widths[$0.offset], bold: fila.total) }.max() ?? 10
        }
        let spans = t.filas.indices.map { r in
            t.filas[r].celdas.enumerated().filter { !$0.element.cubierta && $0.element.filas > 1 && $0.offset < widths.count }
                .map { (rows: r..<min(t.filas.count, r + $0.element.filas), need: cellHeight($0.element.texto, widths[$0.offset])) }
        }
        var layout = TableLayout(widths: widths, xs: widths.indices.map { i in margin + widths[..<i].reduce(0, +) },
                                 groupHeight: groupH, headHeight: headH, room: bottom - margin - groupH - headH,
                                 ownHeights: own, spans: spans, heights: own)
        layout.fitSpans(t.blocks)
        return layout
    }

    /// Draws a table; rows that belong together (a span and what it covers) stay on one page when
    /// they fit one; a row is never cut.
    func table(_ t: ReportTable, widthShare: Double = 1) {
        var l = layout(t, widthShare: widthShare)
        if y + l.groupHeight + l.headHeight + (l.heights.first ?? 0) > bottom { newPage() }
        tableHeader(t, l)
        var rowsOnPage = 0
        for block in t.blocks {
            let blockH = l.height(block)
            if y + blockH > bottom && blockH <= l.room {
                if rowsOnPage == 0 && block.count > 1 && !l.unspanned.contains(block.lowerBound) {
                    // The first rows under a page's header: rather than leave the page empty,
                    // the block breaks between rows here.
                    l.unspan(block)
                } else {
                    newPage()
                    tableHeader(t, l)
                    rowsOnPage = 0
                }
            }
            for r in block {
                if y + l.heights[r] > bottom {
                    newPage()
                    tableHeader(t, l)
                    rowsOnPage = 0
                }
                rowsOnPage += 1
                row(t, r, of: block, l)
                y += l.heights[r]
            }
        }
    }

    /// The group row and the column titles, at the top of the table and of every page it runs onto.
    func tableHeader(_ t: ReportTable, _ l: TableLayout) {
        let pad = TableLayout.pad
        var gx = margin
        for (k, g) in t.grupos.enumerated() {
            let gw = l.widths[t.grupos[..<k].reduce(0) { $0 + $1.columnas }..<min(l.widths.count, t.grupos[...k].reduce(0) { $0 + $1.columnas })].reduce(0, +)
            box(gx, y, gw, l.groupHeight, fill: k == 0 ? (0.87, 0.91, 0.95) : (0.94, 0.9, 0.82))
            text(g.titulo, x: gx + pad, y: y + pad, width: gw - 2 * pad, bold: true, center: true)
            gx += gw
        }
        y += l.groupHeight
        for (k, c) in t.columnas.enumerated() {
            box(l.xs[k], y, l.widths[k], l.headHeight, fill: (0.91, 0.93, 0.96))
            text(c.titulo, x: l.xs[k] + pad, y: y + pad, width: l.widths[k] - 2 * pad, bold: true, size: headerSize, center: true)
        }
        y += l.headHeight
    }

    /// Row `r` at the current height: its cells (a span as tall as the rows it covers on this
    /// page) and the boxes of cells covered by a span from an earlier page.
    func row(_ t: ReportTable, _ r: Int, of block: Range<Int>, _ l: TableLayout) {
        let pad = TableLayout.pad
        let fila = t.filas[r]
        for (k, cell) in fila.celdas.enumerated() where !cell.cubierta && k < l.widths.count {
            // A span drawn across a page break is cut to what remains on this page.
            let spanRows = r..<min(t.filas.count, r + (l.unspanned.contains(r) ? 1 : cell.filas))
            var h = 0.0
            for rr in spanRows { if y + h + l.heights[rr] <= bottom || rr == r { h += l.heights[rr] } else { break } }
            let fill: (Double, Double, Double)? = fila.total ? (0.95, 0.96, 0.97) : ratingZoneFormat(t.columnas[k], cell)
            box(l.xs[k], y, l.widths[k], h, fill: fill)
            text(cell.texto, x: l.xs[k] + pad, y: y + pad, width: l.widths[k] - 2 * pad, bold: fila.total)
        }
        // Cells covered by a span that started on an earlier page get their box back.
        for (k, cell) in fila.celdas.enumerated() where cell.cubierta && k < l.widths.count
            && (r == block.lowerBound || l.unspanned.contains(block.lowerBound) || y == margin + l.groupHeight + l.headHeight) {
            box(l.xs[k], y, l.widths[k], l.heights[r])
        }
    }

    /// The cell's zone colour by the entity's `RatingZoneLimits`; nil outside a semáforo column or
    /// without a figure.
    func ratingZoneFormat(_ column: ReportColumn, _ cell: ReportCell) -> (Double, Double, Double)? {
        guard column.semaforo, let v = cell.valor, let colours = ZoneColours.colours(options.zones.zone(v)) else { return nil }
        return ZoneColours.rgb(colours.background)
    }
}
