import CXLSXWriter
import Foundation
import VigiaCore

public struct RenderError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ message: String) { description = message }
}

/// Draws a `ReportDocument` as an Excel workbook with libxlsxwriter: the format header block,
/// merged cells for spans, wrapped text, widths, frozen header, landscape print setup that
/// repeats the table header and fits the width, % as numbers (fractions, formatted 0,0 %) with
/// live AVERAGE formulas, the semáforo as conditional formatting and drop-downs for estados.
public enum XLSXRenderer {
    public struct Options: Sendable {
        /// Excel paper code: 5 = Legal, 9 = A4.
        public var paper: UInt8
        public var zones: RatingZoneLimits
        /// The entity's logo (a PNG checked by `LogoImage.check`), placed in the format block.
        public var logo: Data?
        public init(paper: UInt8 = 5, zones: RatingZoneLimits = .current, logo: Data? = nil) {
            self.paper = paper; self.zones = zones; self.logo = logo
        }
    }

    public static func render(_ doc: ReportDocument, options: Options = .init()) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try WorkbookWriter(path: path, options: options)
        try writer.write(doc)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Spreadsheet column letters: 0 → A, 26 → AA.
    public static func column(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 { s = String(UnicodeScalar(65 + (n - 1) % 26)!) + s; n = (n - 1) / 26 }
        return s
    }
}

/// One workbook being written. Keeps every C string alive until the workbook is closed.
final class WorkbookWriter {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let options: XLSXRenderer.Options
    var strings: [UnsafeMutablePointer<CChar>] = []
    var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]

    init(path: String, options: XLSXRenderer.Options) throws {
        guard let wb = workbook_new(path) else { throw RenderError("No se pudo crear el libro de Excel.") }
        workbook = wb
        self.options = options
    }

    deinit { strings.forEach { free($0) } }

    /// Excel holds at most 32,767 characters in a cell; a longer text is cut there with a note,
    /// never refused (libxlsxwriter would fail the whole workbook).
    static let maxCellCharacters = 32_767

    func cell(_ s: String) -> UnsafeMutablePointer<CChar> {
        let count = s.unicodeScalars.count
        guard count > Self.maxCellCharacters else { return c(s) }
        let note = " … [texto recortado: el original tiene \(count) caracteres]"
        let keep = Self.maxCellCharacters - note.unicodeScalars.count
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: s.unicodeScalars.prefix(keep))
        return c(String(scalars) + note)
    }

    func c(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        strings.append(p)
        return p
    }

    /// Formats are made once per combination and shared.
    func format(bold: Bool = false, fill: UInt32? = nil, wrap: Bool = true, border: Bool = true, percent: Bool = false,
                center: Bool = false, size: Double? = nil, date: Bool = false, time: Bool = false) -> UnsafeMutablePointer<lxw_format> {
        let key = "\(bold)\(fill ?? 0)\(wrap)\(border)\(percent)\(center)\(size ?? 0)\(date)\(time)"
        if let f = formats[key] { return f }
        let f = workbook_add_format(workbook)!
        format_set_font_name(f, "Arial")
        format_set_font_size(f, size ?? 9)
        if bold { format_set_bold(f) }
        if let fill { format_set_bg_color(f, fill) }
        if wrap { format_set_text_wrap(f) }
        if border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        if center { format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue)); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if percent { format_set_num_format(f, c("0.0%")); format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        if date { format_set_num_format(f, c(time ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy")) }
        formats[key] = f
        return f
    }

    func check(_ e: lxw_error, _ what: String) throws {
        guard e == LXW_NO_ERROR else {
            throw RenderError("Excel: \(what): \(String(cString: lxw_strerror(e)))")
        }
    }

    /// A native stacked bar chart on a sheet of its own, over the cells of the table (its total rows
    /// left out), so it follows the numbers when someone corrects them in Excel.
    func chart(_ g: ReportChart, of table: ReportTable, rows: Range<Int>, sheet name: String) throws {
        let data = table.filas.enumerated().filter { !$0.element.total }.map { rows.lowerBound + $0.offset }
        guard let first = data.first, let last = data.last, last - first + 1 == data.count,
              let chart = workbook_add_chart(workbook, UInt8(LXW_CHART_BAR_STACKED.rawValue)) else { return }
        func range(_ column: Int) -> String {
            let c = XLSXRenderer.column(column)
            return "='\(name)'!$\(c)$\(first + 1):$\(c)$\(last + 1)"
        }
        for s in g.series {
            guard let series = chart_add_series(chart, c(range(g.categorias)), c(range(s.columna))) else { continue }
            chart_series_set_name(series, c(s.nombre))
            var fill = lxw_chart_fill()
            fill.color = s.color
            chart_series_set_fill(series, &fill)
        }
        chart_title_set_name(chart, c(g.titulo))
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        // The first category at the top, as in the table.
        chart_axis_set_reverse(chart.pointee.y_axis)
        let sheet = workbook_add_worksheet(workbook, c("Gráfico"))!
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, options.paper)
        worksheet_fit_to_pages(sheet, 1, 1)
        var size = lxw_chart_options()
        size.x_scale = 2
        size.y_scale = max(1.2, min(8, Double(data.count) / 6))
        try check(worksheet_insert_chart_opt(sheet, 1, 1, chart, &size), "insertar el gráfico")
    }

    func write(_ doc: ReportDocument) throws {
        var props = lxw_doc_properties()
        props.title = c(doc.titulo + (doc.subtitulo.map { " · \($0)" } ?? ""))
        props.author = c(doc.formato.entidad)
        props.company = c(doc.formato.entidad)
        workbook_set_properties(workbook, &props)
        let sheet = workbook_add_worksheet(workbook, c("Seguimiento"))!
        let dataRows = try SheetWriter(writer: self, sheet: sheet).write(doc, tables: doc.secciones)
        if let chart = doc.grafico, dataRows.indices.contains(chart.seccion) {
            try self.chart(chart, of: doc.secciones[chart.seccion].tabla, rows: dataRows[chart.seccion], sheet: "Seguimiento")
        }
        if let summary = doc.resumen {
            let s2 = workbook_add_worksheet(workbook, c("Resumen"))!
            try SheetWriter(writer: self, sheet: s2).write(doc, tables: [ReportSection(titulo: "RESUMEN", tabla: summary)], trailer: false)
        }
        try check(workbook_close(workbook), "cerrar el libro")
    }
}
