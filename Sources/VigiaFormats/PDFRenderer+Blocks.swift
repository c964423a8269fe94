import CPangoCairo
import VigiaCore

/// The blocks around the tables: the format header with the title and metadata, paragraphs
/// and the signatures.
extension PDFDrawer {
    func header(_ doc: ReportDocument) {
        let f = doc.formato
        let left = usable * 0.22
        let rowH = max(textHeight(f.nombreFormato, width: usable - left - 8, bold: true), options.fontSize * 1.6) + 6
        let hasCode = ![f.fecha, f.version, f.codigo, f.consecutivo].allSatisfy { $0.trimmed.isEmpty }
        let total = rowH * (hasCode ? 3 : 2)
        box(margin, y, left, total)
        let logoWidth = drawLogo(x: margin + 3, y: y + 3, maxWidth: left * 0.4, maxHeight: total - 6)
        let nameX = margin + 4 + logoWidth, nameW = left - 8 - logoWidth
        text(f.entidad, x: nameX, y: y + total / 2 - textHeight(f.entidad, width: nameW, bold: true) / 2, width: nameW, bold: true, center: true)
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

    /// The entity's logo scaled into the box; returns the width it took (0 without a logo).
    func drawLogo(x: Double, y: Double, maxWidth: Double, maxHeight: Double) -> Double {
        guard let logo = options.logo, let surface = LogoImage.surface(logo) else { return 0 }
        defer { cairo_surface_destroy(surface) }
        let w = Double(cairo_image_surface_get_width(surface)), h = Double(cairo_image_surface_get_height(surface))
        guard w > 0, h > 0, maxWidth > 0, maxHeight > 0 else { return 0 }
        let scale = min(maxWidth / w, maxHeight / h)
        cairo_save(cr)
        cairo_translate(cr, x + (maxWidth - w * scale) / 2, y + (maxHeight - h * scale) / 2)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
        return maxWidth + 2
    }

    func paragraph(_ s: String) {
        let h = textHeight(s, width: usable)
        if y + h > bottom { newPage() }
        text(s, x: margin, y: y, width: usable)
        y += h + 6
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

extension PDFDrawer {
    /// The document's stacked bar chart: one bar per category, its series side by side in their
    /// colours, each segment's number written on it, the total at the end, and a legend. Bars
    /// never split across pages; a new page starts with the title again.
    func chart(_ doc: ReportDocument) {
        guard let g = doc.grafico else { return }
        let bars = doc.chartBars
        guard !bars.isEmpty else { return }
        let size = options.fontSize + 1
        let labelWidth = min(usable * 0.3, 260.0)
        let plotWidth = usable - labelWidth - 40
        let maxTotal = max(1, bars.map { $0.valores.reduce(0, +) }.max() ?? 1)
        let barHeight = max(9.0, size * 2)
        func rgb(_ c: UInt32) -> (Double, Double, Double) {
            (Double((c >> 16) & 0xFF) / 255, Double((c >> 8) & 0xFF) / 255, Double(c & 0xFF) / 255)
        }
        func title() {
            sectionTitle(g.titulo.uppercased())
            // The legend under the title.
            var x = margin
            for s in g.series {
                box(x, y + 1, 8, 8, fill: rgb(s.color))
                text(s.nombre, x: x + 11, y: y, width: 150, size: size)
                x += 16 + lineWidth(s.nombre, size: size)
            }
            y += 14
        }
        if y + 60 > bottom { newPage() }
        title()
        for bar in bars {
            let rowHeight = max(barHeight, textHeight(bar.categoria, width: labelWidth - 6, size: size)) + 4
            if y + rowHeight > bottom { newPage(); title() }
            text(bar.categoria, x: margin, y: y + 1, width: labelWidth - 6, size: size)
            var x = margin + labelWidth
            for (k, value) in bar.valores.enumerated() where value > 0 && k < g.series.count {
                let w = plotWidth * value / maxTotal
                let color = rgb(g.series[k].color)
                box(x, y, w, barHeight, fill: color)
                let label = SpanishFormat.number(value)
                if lineWidth(label, size: size) + 2 < w, drawing {
                    // White on the dark fills, dark on the light ones.
                    let light = 0.299 * color.0 + 0.587 * color.1 + 0.114 * color.2 > 0.59
                    cairo_set_source_rgb(cr, light ? 0.1 : 1, light ? 0.12 : 1, light ? 0.14 : 1)
                    text(label, x: x, y: y + (barHeight - size * 1.3) / 2, width: w, size: size, center: true)
                    cairo_set_source_rgb(cr, 0.1, 0.12, 0.14)
                }
                x += w
            }
            text(SpanishFormat.number(bar.valores.reduce(0, +)), x: x + 4, y: y + (barHeight - size * 1.3) / 2, width: 36, bold: true, size: size)
            y += rowHeight
        }
        y += 8
    }
}
