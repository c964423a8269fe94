import CPangoCairo
import Foundation
import VigiaCore

/// Draws a `ReportDocument` as a PDF with Cairo and Pango: landscape Legal or A4, text wrapped
/// in cells (accents and ñ shaped by Pango), row heights from the text, page breaks that never
/// cut a row nor a finding's rows when they fit a page, the table header repeated on every
/// page, “Página X de Y”, the signature block kept together, and title/author metadata.
public enum PDFRenderer {
    public enum Paper: String, Sendable { case legal, a4 }

    public struct Options: Sendable {
        public var paper: Paper
        public var fontSize: Double
        /// The entity's semáforo, as in `XLSXRenderer.Options`.
        public var zones: RatingZones
        public init(paper: Paper = .legal, fontSize: Double = 6, zones: RatingZones = .init()) {
            self.paper = paper; self.fontSize = fontSize; self.zones = zones
        }
    }

    public static func render(_ doc: ReportDocument, options: Options = .init()) throws -> Data {
        let (w, h) = options.paper == .legal ? (1008.0, 612.0) : (841.89, 595.28)
        // First pass counts the pages, the second draws them with “Página X de Y”.
        let cache = MeasureCache()
        let counter = try PDFDrawer(width: w, height: h, options: options, path: nil, cache: cache)
        let pages = counter.run(doc, totalPages: 0)
        counter.finish()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-\(UUID().uuidString).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let drawer = try PDFDrawer(width: w, height: h, options: options, path: path, cache: cache)
        drawer.metadata(title: doc.titulo + (doc.subtitulo.map { " · \($0)" } ?? ""), author: doc.formato.entidad)
        _ = drawer.run(doc, totalPages: pages)
        drawer.finish()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// Text measurements, shared by the counting and the drawing pass (same fonts, same widths).
private final class MeasureCache {
    struct Key: Hashable { let text: String; let width: Int; let bold: Bool; let size: Double }
    var heights: [Key: Double] = [:]
    var widths: [Key: Double] = [:]
}

private final class PDFDrawer {
    let surface: OpaquePointer
    let cr: OpaquePointer
    let width: Double, height: Double
    let margin = 28.0
    let options: PDFRenderer.Options
    let drawing: Bool
    var page = 1
    var totalPages = 0
    var y = 0.0
    var fonts: [String: OpaquePointer] = [:]

    let cache: MeasureCache
    /// One layout reused for every measurement (creating layouts is what costs).
    lazy var measurer: OpaquePointer = {
        let layout = pango_cairo_create_layout(cr)!
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        return layout
    }()

    init(width: Double, height: Double, options: PDFRenderer.Options, path: String?, cache: MeasureCache) throws {
        self.width = width; self.height = height; self.options = options; self.cache = cache
        drawing = path != nil
        // The counting pass measures on a PDF surface that writes nowhere.
        guard let s = path.map({ cairo_pdf_surface_create($0, width, height) }) ?? cairo_pdf_surface_create(nil, width, height),
              cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, let c = cairo_create(s) else {
            throw RenderError("No se pudo crear el PDF.")
        }
        surface = s
        cr = c
    }

    func metadata(title: String, author: String) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Vigía")
    }

    func finish() {
        g_object_unref(UnsafeMutableRawPointer(measurer))
        fonts.values.forEach { pango_font_description_free($0) }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
    }

    func font(bold: Bool, size: Double) -> OpaquePointer {
        let key = "\(bold)-\(size)"
        if let f = fonts[key] { return f }
        let f = pango_font_description_from_string("DejaVu Sans \(bold ? "Bold " : "")\(size)")!
        fonts[key] = f
        return f
    }

    func textHeight(_ text: String, width: Double, bold: Bool = false, size: Double? = nil) -> Double {
        let key = MeasureCache.Key(text: text, width: Int(width * 100), bold: bold, size: size ?? options.fontSize)
        if let h = cache.heights[key] { return h }
        pango_layout_set_font_description(measurer, font(bold: bold, size: key.size))
        pango_layout_set_width(measurer, Int32(max(1, width) * Double(PANGO_SCALE)))
        pango_layout_set_text(measurer, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(measurer, &w, &h)
        let height = Double(h) / Double(PANGO_SCALE)
        cache.heights[key] = height
        return height
    }

    func text(_ text: String, x: Double, y: Double, width: Double, bold: Bool = false, size: Double? = nil, center: Bool = false) {
        guard drawing, !text.isEmpty else { return }
        let layout = measurer
        pango_layout_set_font_description(layout, font(bold: bold, size: size ?? options.fontSize))
        pango_layout_set_width(layout, Int32(max(1, width) * Double(PANGO_SCALE)))
        pango_layout_set_alignment(layout, center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT)
        pango_layout_set_text(layout, text, -1)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
    }

    func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: (Double, Double, Double)? = nil) {
        guard drawing else { return }
        cairo_rectangle(cr, x, y, w, h)
        if let fill {
            cairo_set_source_rgb(cr, fill.0, fill.1, fill.2)
            cairo_fill_preserve(cr)
        }
        cairo_set_source_rgb(cr, 0.45, 0.5, 0.55)
        cairo_set_line_width(cr, 0.5)
        cairo_stroke(cr)
        cairo_set_source_rgb(cr, 0.1, 0.12, 0.14)
    }

    var usable: Double { width - 2 * margin }
    var bottom: Double { height - margin - 16 }

    func footer() {
        text("Página \(page) de \(totalPages)", x: margin, y: height - margin - 6, width: usable, size: 7, center: true)
    }

    func newPage() {
        footer()
        if drawing { cairo_show_page(cr) }
        page += 1
        y = margin
    }

    /// Runs the layout; returns the number of pages.
    func run(_ doc: ReportDocument, totalPages: Int) -> Int {
        self.totalPages = totalPages
        page = 1
        y = margin
        cairo_set_source_rgb(cr, 0.1, 0.12, 0.14)
        header(doc)
        for section in doc.secciones {
            if let title = section.titulo {
                let h = textHeight(title, width: usable, bold: true, size: options.fontSize + 2) + 6
                // a section title never ends a page alone
                if y + h + 60 > bottom { newPage() }
                text(title, x: margin, y: y + 2, width: usable, bold: true, size: options.fontSize + 2)
                y += h
            }
            table(section.tabla)
            y += 8
        }
        if let nota = doc.nota { paragraph(nota) }
        if let summary = doc.resumen {
            let h = textHeight("RESUMEN", width: usable, bold: true, size: options.fontSize + 2) + 6
            if y + h + 60 > bottom { newPage() }
            text("RESUMEN", x: margin, y: y + 2, width: usable, bold: true, size: options.fontSize + 2)
            y += h
            table(summary)
            y += 8
        }
        if let changes = doc.controlDeCambios {
            let t = ReportTable(columnas: [ReportColumn("No. REVISIÓN", ancho: 12), ReportColumn("DESCRIPCIÓN DE LA MODIFICACIÓN", ancho: 70),
                                           ReportColumn("FECHA DE APROBACIÓN", ancho: 16), ReportColumn("VERSIÓN ACTUALIZADA", ancho: 16)],
                                filas: changes.map { ReportRow([ReportCell($0.revision), ReportCell($0.descripcion),
                                                                ReportCell($0.fechaAprobacion?.dayFirst ?? ""), ReportCell($0.version)]) })
            if y + 40 > bottom { newPage() }
            text("CONTROL DE CAMBIOS", x: margin, y: y + 2, width: usable, bold: true)
            y += textHeight("CONTROL DE CAMBIOS", width: usable, bold: true) + 4
            table(t, widthShare: 0.6)
            y += 8
        }
        signatures(doc.firmas)
        footer()
        if drawing { cairo_show_page(cr) }
        return page
    }

    func header(_ doc: ReportDocument) {
        let f = doc.formato
        let left = usable * 0.22
        let rowH = max(textHeight(f.nombreFormato, width: usable - left - 8, bold: true), options.fontSize * 1.6) + 6
        let hasCode = ![f.fecha, f.version, f.codigo, f.consecutivo].allSatisfy { $0.trimmed.isEmpty }
        let total = rowH * (hasCode ? 3 : 2)
        box(margin, y, left, total)
        text(f.entidad, x: margin + 4, y: y + total / 2 - textHeight(f.entidad, width: left - 8, bold: true) / 2, width: left - 8, bold: true, center: true)
        let x2 = margin + left, w2 = usable - left
        box(x2, y, w2, rowH)
        text("PROCESO \(f.proceso)".trimmed, x: x2 + 4, y: y + 3, width: w2 - 8, bold: true, center: true)
        box(x2, y + rowH, w2, rowH)
        text(f.nombreFormato, x: x2 + 4, y: y + rowH + 3, width: w2 - 8, bold: true, center: true)
        let parts = ["FECHA \(f.fecha)", "VERSIÓN \(f.version)", "CÓDIGO \(f.codigo)", "CONSECUTIVO \(f.consecutivo)"]
        for (k, part) in parts.enumerated() where hasCode {
            let px = x2 + w2 / 4 * Double(k)
            box(px, y + 2 * rowH, w2 / 4, rowH)
            text(part.trimmed, x: px + 4, y: y + 2 * rowH + 3, width: w2 / 4 - 8, center: true)
        }
        y += total + 8
        let size = options.fontSize + 4
        text(doc.titulo, x: margin, y: y, width: usable, bold: true, size: size, center: true)
        y += textHeight(doc.titulo, width: usable, bold: true, size: size) + 2
        if let sub = doc.subtitulo {
            text(sub, x: margin, y: y, width: usable, bold: true, size: size - 1, center: true)
            y += textHeight(sub, width: usable, bold: true, size: size - 1) + 2
        }
        y += 4
        // Metadata: label and value pairs, several per line.
        let perLine = 3
        for start in stride(from: 0, to: doc.metadatos.count, by: perLine) {
            let chunk = doc.metadatos[start..<min(doc.metadatos.count, start + perLine)]
            let cw = usable / Double(perLine)
            var h = 0.0
            for (k, field) in chunk.enumerated() {
                let line = "\(field.etiqueta) \(field.valor.isEmpty ? "—" : field.valor)"
                text(line, x: margin + cw * Double(k), y: y, width: cw - 8)
                h = max(h, textHeight(line, width: cw - 8))
            }
            y += h + 3
        }
        y += 6
    }

    func paragraph(_ s: String) {
        let h = textHeight(s, width: usable)
        if y + h > bottom { newPage() }
        text(s, x: margin, y: y, width: usable)
        y += h + 6
    }

    /// Draws a table; rows that belong together (a span and what it covers) stay on one page when
    /// they fit one; a row is never cut.
    /// Single-line width of a text.
    var headerSize: Double { options.fontSize - 1 }

    func lineWidth(_ text: String, bold: Bool = false, size: Double? = nil) -> Double {
        let key = MeasureCache.Key(text: text, width: -1, bold: bold, size: size ?? options.fontSize)
        if let w = cache.widths[key] { return w }
        pango_layout_set_font_description(measurer, font(bold: bold, size: key.size))
        pango_layout_set_width(measurer, -1)
        pango_layout_set_text(measurer, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(measurer, &w, &h)
        let width = Double(w) / Double(PANGO_SCALE)
        cache.widths[key] = width
        return width
    }

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

    func table(_ t: ReportTable, widthShare: Double = 1) {
        let pad = 2.5
        let widths = columnWidths(t, total: usable * widthShare, pad: pad)
        let xs = widths.indices.map { i in margin + widths[..<i].reduce(0, +) }
        func cellHeight(_ s: String, _ w: Double, bold: Bool = false) -> Double { textHeight(s, width: w - 2 * pad, bold: bold) + 2 * pad }
        let groupH = t.grupos.isEmpty ? 0 : t.grupos.map { g in cellHeight(g.titulo, usable * widthShare / 2, bold: true) }.max()!
        let headH = t.columnas.indices.map { textHeight(t.columnas[$0].titulo, width: widths[$0] - 2 * pad, bold: true, size: headerSize) + 2 * pad }.max() ?? 0
        func drawHeader() {
            var gx = margin
            for (k, g) in t.grupos.enumerated() {
                let gw = widths[t.grupos[..<k].reduce(0) { $0 + $1.columnas }..<min(widths.count, t.grupos[...k].reduce(0) { $0 + $1.columnas })].reduce(0, +)
                box(gx, y, gw, groupH, fill: k == 0 ? (0.87, 0.91, 0.95) : (0.94, 0.9, 0.82))
                text(g.titulo, x: gx + pad, y: y + pad, width: gw - 2 * pad, bold: true, center: true)
                gx += gw
            }
            y += groupH
            for (k, c) in t.columnas.enumerated() {
                box(xs[k], y, widths[k], headH, fill: (0.91, 0.93, 0.96))
                text(c.titulo, x: xs[k] + pad, y: y + pad, width: widths[k] - 2 * pad, bold: true, size: headerSize, center: true)
            }
            y += headH
        }
        // Row heights: own cells; a span's height shared over its rows, the rest on its last row.
        var heights = t.filas.map { fila in
            fila.celdas.enumerated().filter { !$0.element.cubierta && $0.element.filas == 1 && $0.offset < widths.count }
                .map { cellHeight($0.element.texto, widths[$0.offset], bold: fila.total) }.max() ?? 10
        }
        let room = bottom - margin - groupH - headH
        func spanNeeds(_ r: Int) -> [(Range<Int>, Double)] {
            t.filas[r].celdas.enumerated().filter { !$0.element.cubierta && $0.element.filas > 1 && $0.offset < widths.count }
                .map { (r..<min(t.filas.count, r + $0.element.filas), cellHeight($0.element.texto, widths[$0.offset])) }
        }
        // A span's extra height goes to its last row. A block taller than a page cannot keep its
        // spans: its spanning cells are drawn in its first row, which grows to hold them, and the
        // block may then break between rows.
        var unspanned = Set<Int>()
        let baseHeights = heights
        func unspan(_ block: Range<Int>) {
            unspanned.insert(block.lowerBound)
            for i in block { heights[i] = baseHeights[i] }
            for (_, need) in spanNeeds(block.lowerBound) { heights[block.lowerBound] = max(heights[block.lowerBound], need) }
        }
        for block in t.blocks {
            var h = heights
            for (rows, need) in block.flatMap(spanNeeds) {
                let have = rows.reduce(0) { $0 + h[$1] }
                if need > have { h[rows.upperBound - 1] += need - have }
            }
            if block.count > 1 && block.reduce(0, { $0 + h[$1] }) > room {
                unspan(block)
            } else {
                for i in block { heights[i] = h[i] }
            }
        }
        if y + groupH + headH + (heights.first ?? 0) > bottom { newPage() }
        drawHeader()
        var rowsOnPage = 0
        for block in t.blocks {
            let blockH = block.reduce(0) { $0 + heights[$1] }
            if y + blockH > bottom && blockH <= room {
                if rowsOnPage == 0 && block.count > 1 && !unspanned.contains(block.lowerBound) {
                    // The first rows under a page's header: rather than leave the page empty,
                    // the block breaks between rows here.
                    unspan(block)
                } else {
                    newPage()
                    drawHeader()
                    rowsOnPage = 0
                }
            }
            for r in block {
                if y + heights[r] > bottom {
                    newPage()
                    drawHeader()
                    rowsOnPage = 0
                }
                rowsOnPage += 1
                let fila = t.filas[r]
                for (k, cell) in fila.celdas.enumerated() where !cell.cubierta && k < widths.count {
                    // A span drawn across a page break is cut to what remains on this page.
                    let spanRows = r..<min(t.filas.count, r + (unspanned.contains(r) ? 1 : cell.filas))
                    var h = 0.0
                    for rr in spanRows { if y + h + heights[rr] <= bottom || rr == r { h += heights[rr] } else { break } }
                    let fill: (Double, Double, Double)? = fila.total ? (0.95, 0.96, 0.97) : semaphore(t.columnas[k], cell)
                    box(xs[k], y, widths[k], h, fill: fill)
                    text(cell.texto, x: xs[k] + pad, y: y + pad, width: widths[k] - 2 * pad, bold: fila.total)
                }
                // Cells covered by a span that started on an earlier page get their box back.
                for (k, cell) in fila.celdas.enumerated() where cell.cubierta && k < widths.count
                    && (r == block.lowerBound || unspanned.contains(block.lowerBound) || y == margin + groupH + headH) {
                    box(xs[k], y, widths[k], heights[r])
                }
                y += heights[r]
            }
        }
    }

    /// The cell's zone colour by the entity's `RatingZones`; nil outside a semáforo column or
    /// without a figure.
    func semaphore(_ column: ReportColumn, _ cell: ReportCell) -> (Double, Double, Double)? {
        guard column.semaforo, let v = cell.valor, let colours = ZoneColours.colours(options.zones.zone(v)) else { return nil }
        return ZoneColours.rgb(colours.background)
    }

    /// The signature block, kept together on one page.
    func signatures(_ firmas: [SignatureSnapshot]) {
        guard !firmas.isEmpty else { return }
        let cw = usable / Double(max(3, firmas.count))
        let h = firmas.map { textHeight($0.nombre, width: cw - 10, bold: true) + textHeight($0.cargo, width: cw - 10) }.max()! + 60
        if y + h > bottom { newPage() }
        y += 10
        for (k, s) in firmas.enumerated() {
            let x = margin + cw * Double(k)
            text("\(s.rol.label):", x: x, y: y, width: cw - 10, bold: true)
            if drawing {
                cairo_move_to(cr, x, y + 40); cairo_line_to(cr, x + cw - 20, y + 40)
                cairo_set_line_width(cr, 0.5); cairo_stroke(cr)
            }
            text(s.nombre, x: x, y: y + 43, width: cw - 10, bold: true)
            text(s.cargo, x: x, y: y + 43 + textHeight(s.nombre, width: cw - 10, bold: true), width: cw - 10)
        }
        y += h
    }
}
