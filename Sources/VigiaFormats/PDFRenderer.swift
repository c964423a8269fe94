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
        public var zones: RatingZoneLimits
        /// The entity's logo (a PNG checked by `LogoImage.check`), drawn in the format block.
        public var logo: Data?
        public init(paper: Paper = .legal, fontSize: Double = 6, zones: RatingZoneLimits = .current, logo: Data? = nil) {
            self.paper = paper; self.fontSize = fontSize; self.zones = zones; self.logo = logo
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
final class MeasureCache {
    struct Key: Hashable { let text: String; let width: Int; let bold: Bool; let size: Double }
    var heights: [Key: Double] = [:]
    var widths: [Key: Double] = [:]
}

final class PDFDrawer {
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

    /// Pango's size of a text in points, wrapped at `width` (nil: on one line).
    private func measure(_ text: String, width: Double?, bold: Bool, size: Double) -> (width: Double, height: Double) {
        pango_layout_set_font_description(measurer, font(bold: bold, size: size))
        pango_layout_set_width(measurer, width.map { Int32(max(1, $0) * Double(PANGO_SCALE)) } ?? -1)
        pango_layout_set_text(measurer, text, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(measurer, &w, &h)
        return (Double(w) / Double(PANGO_SCALE), Double(h) / Double(PANGO_SCALE))
    }

    func textHeight(_ text: String, width: Double, bold: Bool = false, size: Double? = nil) -> Double {
        let key = MeasureCache.Key(text: text, width: Int(width * 100), bold: bold, size: size ?? options.fontSize)
        if let h = cache.heights[key] { return h }
        let height = measure(text, width: width, bold: bold, size: key.size).height
        cache.heights[key] = height
        return height
    }

    /// Single-line width of a text.
    func lineWidth(_ text: String, bold: Bool = false, size: Double? = nil) -> Double {
        let key = MeasureCache.Key(text: text, width: -1, bold: bold, size: size ?? options.fontSize)
        if let w = cache.widths[key] { return w }
        let width = measure(text, width: nil, bold: bold, size: key.size).width
        cache.widths[key] = width
        return width
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
            if let title = section.titulo { sectionTitle(title) }
            table(section.tabla)
            y += 8
        }
        if let nota = doc.nota { paragraph(nota) }
        chart(doc)
        if let summary = doc.resumen {
            sectionTitle("RESUMEN")
            table(summary)
            y += 8
        }
        if let changes = doc.controlDeCambios {
            let t = ReportTable(columnas: ChangeLogSnapshot.columns.map { ReportColumn($0.title, ancho: $0.width) },
                                filas: changes.map { ReportRow($0.cells.map { ReportCell($0) }) })
            if y + 40 > bottom { newPage() }
            text(ChangeLogSnapshot.title, x: margin, y: y + 2, width: usable, bold: true)
            y += textHeight(ChangeLogSnapshot.title, width: usable, bold: true) + 4
            table(t, widthShare: 0.6)
            y += 8
        }
        signatures(doc.firmas)
        footer()
        if drawing { cairo_show_page(cr) }
        return page
    }


    /// A title over a table; it never ends a page alone.
    func sectionTitle(_ title: String) {
        let h = textHeight(title, width: usable, bold: true, size: options.fontSize + 2) + 6
        if y + h + 60 > bottom { newPage() }
        text(title, x: margin, y: y + 2, width: usable, bold: true, size: options.fontSize + 2)
        y += h
    }
}
