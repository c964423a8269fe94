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
        public var zones: RatingZones
        public init(paper: UInt8 = 5, zones: RatingZones = .init()) { self.paper = paper; self.zones = zones }
    }

    public static func render(_ doc: ReportDocument, options: Options = .init()) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try Writer(path: path, options: options)
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
private final class Writer {
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

    func c(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        strings.append(p)
        return p
    }

    /// Formats are made once per combination and shared.
    func format(bold: Bool = false, fill: UInt32? = nil, wrap: Bool = true, border: Bool = true, percent: Bool = false,
                center: Bool = false, size: Double? = nil) -> UnsafeMutablePointer<lxw_format> {
        let key = "\(bold)\(fill ?? 0)\(wrap)\(border)\(percent)\(center)\(size ?? 0)"
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
        formats[key] = f
        return f
    }

    func check(_ e: lxw_error, _ what: String) throws {
        guard e == LXW_NO_ERROR else {
            throw RenderError("Excel: \(what): \(String(cString: lxw_strerror(e)))")
        }
    }

    func write(_ doc: ReportDocument) throws {
        var props = lxw_doc_properties()
        props.title = c(doc.titulo + (doc.subtitulo.map { " · \($0)" } ?? ""))
        props.author = c(doc.formato.entidad)
        props.company = c(doc.formato.entidad)
        workbook_set_properties(workbook, &props)
        let sheet = workbook_add_worksheet(workbook, c("Seguimiento"))!
        try Sheet(writer: self, sheet: sheet).write(doc, tables: doc.secciones)
        if let summary = doc.resumen {
            let s2 = workbook_add_worksheet(workbook, c("Resumen"))!
            try Sheet(writer: self, sheet: s2).write(doc, tables: [ReportSection(titulo: "RESUMEN", tabla: summary)], trailer: false)
        }
        try check(workbook_close(workbook), "cerrar el libro")
    }
}

private struct Sheet {
    let writer: Writer
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    static let groupFill: UInt32 = 0xDDE7F2, ociFill: UInt32 = 0xEFE6D2, headFill: UInt32 = 0xE9EEF4, totalFill: UInt32 = 0xF1F4F7

    func put(_ row: Int, _ col: Int, _ text: String, _ f: UnsafeMutablePointer<lxw_format>) throws {
        try writer.check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(col), writer.c(text), f), "celda \(XLSXRenderer.column(col))\(row + 1)")
    }

    func merge(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ text: String, _ f: UnsafeMutablePointer<lxw_format>) throws {
        if r1 == r2 && c1 == c2 { return try put(r1, c1, text, f) }
        try writer.check(worksheet_merge_range(sheet, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2), writer.c(text), f),
                         "combinar \(XLSXRenderer.column(c1))\(r1 + 1)")
    }

    /// Lines a text needs in a cell `width` characters wide.
    static func lines(_ text: String, width: Double) -> Int {
        let w = max(4, Int(width * 1.15))
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + w - 1) / w) }
    }

    func write(_ doc: ReportDocument, tables: [ReportSection], trailer: Bool = true) throws {
        let columns = tables.first?.tabla.columnas ?? []
        let last = max(columns.count - 1, 5)
        for (i, col) in columns.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(i), lxw_col_t(i), col.ancho, nil)
        }
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, writer.options.paper)
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.5)
        worksheet_set_footer(sheet, writer.c("&CPágina &P de &N"))
        var row = 0
        // The format header block.
        let head = writer.format(bold: true, center: true), plain = writer.format(center: true)
        let f = doc.formato
        let split = max(1, last / 4)
        try merge(0, 0, [f.fecha, f.version, f.codigo, f.consecutivo].allSatisfy { $0.trimmed.isEmpty } ? 1 : 2, min(1, last), f.entidad, head)
        try merge(0, 2, 0, last, "PROCESO \(f.proceso)".trimmingTrailingSpace, head)
        try merge(1, 2, 1, last, f.nombreFormato, head)
        let parts = ["FECHA \(f.fecha)", "VERSIÓN \(f.version)", "CÓDIGO \(f.codigo)", "CONSECUTIVO \(f.consecutivo)"]
        var start = 2
        let hasCode = ![f.fecha, f.version, f.codigo, f.consecutivo].allSatisfy { $0.trimmed.isEmpty }
        for (k, part) in parts.enumerated() where hasCode {
            let end = k == parts.count - 1 ? last : min(last, start + split - 1)
            try merge(2, start, 2, end, part.trimmingTrailingSpace, plain)
            start = end + 1
        }
        row = 3
        try merge(row, 0, row, last, doc.titulo, writer.format(bold: true, border: false, center: true, size: 12)); row += 1
        if let sub = doc.subtitulo {
            try merge(row, 0, row, last, sub, writer.format(bold: true, border: false, center: true, size: 11)); row += 1
        }
        for field in doc.metadatos {
            try merge(row, 0, row, min(2, last), field.etiqueta, writer.format(bold: true))
            try merge(row, min(3, last), row, last, field.valor, writer.format())
            row += 1
        }
        row += 1
        var headerRows: ClosedRange<Int>? = nil
        for section in tables {
            if let title = section.titulo {
                try merge(row, 0, row, section.tabla.columnas.count - 1, title, writer.format(bold: true, fill: Sheet.headFill)); row += 1
            }
            let top = row
            row = try table(section.tabla, at: row)
            if headerRows == nil { headerRows = top...(top + (section.tabla.grupos.isEmpty ? 0 : 1)) }
        }
        if let h = headerRows {
            worksheet_repeat_rows(sheet, lxw_row_t(h.lowerBound), lxw_row_t(h.upperBound))
            if tables.count == 1 { worksheet_freeze_panes(sheet, lxw_row_t(h.upperBound + 1), 0) }
        }
        guard trailer else { return }
        if let nota = doc.nota {
            row += 1
            try merge(row, 0, row, last, nota, writer.format(border: false)); row += 1
        }
        if let changes = doc.controlDeCambios {
            row += 1
            try merge(row, 0, row, 3, "CONTROL DE CAMBIOS", writer.format(bold: true, fill: Sheet.headFill)); row += 1
            for (k, t) in ["No. REVISIÓN", "DESCRIPCIÓN DE LA MODIFICACIÓN", "FECHA DE APROBACIÓN", "VERSIÓN ACTUALIZADA"].enumerated() {
                try put(row, k, t, writer.format(bold: true))
            }
            row += 1
            for entry in changes {
                for (k, t) in [entry.revision, entry.descripcion, entry.fechaAprobacion?.dayFirst ?? "", entry.version].enumerated() {
                    try put(row, k, t, writer.format())
                }
                row += 1
            }
        }
        if !doc.firmas.isEmpty {
            row += 1
            let width = max(2, (last + 1) / 3)
            for (k, sig) in doc.firmas.enumerated() {
                let c1 = min(last, k * width), c2 = min(last, c1 + width - 1)
                try merge(row, c1, row, c2, "\(sig.rol.label):", writer.format(bold: true, border: false))
                try merge(row + 2, c1, row + 2, c2, sig.nombre, writer.format(bold: true, border: false))
                try merge(row + 3, c1, row + 3, c2, sig.cargo, writer.format(border: false))
            }
            worksheet_set_row(sheet, lxw_row_t(row + 1), 30, nil)
        }
    }

    /// Writes one table (group row, header row, data rows); returns the next free row.
    func table(_ t: ReportTable, at startRow: Int) throws -> Int {
        var row = startRow
        if !t.grupos.isEmpty {
            var col = 0
            for (k, g) in t.grupos.enumerated() {
                try merge(row, col, row, col + g.columnas - 1, g.titulo, writer.format(bold: true, fill: k == 0 ? Sheet.groupFill : Sheet.ociFill, center: true))
                col += g.columnas
            }
            row += 1
        }
        for (k, col) in t.columnas.enumerated() {
            try put(row, k, col.titulo, writer.format(bold: true, fill: Sheet.headFill, center: true))
        }
        worksheet_set_row(sheet, lxw_row_t(row), 15 * Double(t.columnas.map { Sheet.lines($0.titulo, width: $0.ancho) }.max() ?? 1), nil)
        row += 1
        let firstData = row
        // Row heights: each span's text shared among the rows it covers.
        var needed = Array(repeating: 1, count: t.filas.count)
        for (r, fila) in t.filas.enumerated() {
            for (k, cell) in fila.celdas.enumerated() where !cell.cubierta && k < t.columnas.count {
                let lines = Sheet.lines(cell.texto, width: t.columnas[k].ancho)
                let share = (lines + cell.filas - 1) / cell.filas
                for rr in r..<min(t.filas.count, r + cell.filas) { needed[rr] = max(needed[rr], share) }
            }
        }
        for (r, fila) in t.filas.enumerated() {
            let xr = firstData + r
            worksheet_set_row(sheet, lxw_row_t(xr), min(409, 12.5 * Double(needed[r]) + 3), nil)
            for (k, cell) in fila.celdas.enumerated() where !cell.cubierta && k < t.columnas.count {
                let col = t.columnas[k]
                let isPercent = col.tipo == .porcentaje && (cell.valor != nil || cell.formula != nil)
                let fill: UInt32? = fila.total ? Sheet.totalFill : nil
                let f = writer.format(bold: fila.total, fill: fill, percent: isPercent)
                let text = cell.texto + (cell.enlaces.isEmpty || cell.texto.contains(cell.enlaces[0]) ? "" : "\n" + cell.enlaces.joined(separator: "\n"))
                if cell.filas > 1 {
                    try merge(xr, k, xr + cell.filas - 1, k, isPercent ? "" : text, f)
                } else if !isPercent {
                    try put(xr, k, text, f)
                }
                guard isPercent else { continue }
                let value = (cell.valor ?? 0) / 100
                if let formula = cell.formula, let expr = self.formula(formula, row: xr, firstData: firstData) {
                    try writer.check(worksheet_write_formula_num(sheet, lxw_row_t(xr), lxw_col_t(k), writer.c(expr), f, value), "fórmula")
                } else if cell.valor != nil {
                    try writer.check(worksheet_write_number(sheet, lxw_row_t(xr), lxw_col_t(k), value, f), "número")
                }
            }
        }
        let lastData = firstData + t.filas.count - 1
        if lastData >= firstData {
            for (k, col) in t.columnas.enumerated() {
                if col.semaforo { try semaphore(firstData, lastData, k) }
                if let list = col.lista { try dropDown(firstData, lastData, k, list) }
            }
        }
        return lastData + 1
    }

    func formula(_ f: ReportFormula, row: Int, firstData: Int) -> String? {
        switch f {
        case let .averageDown(column, rows):
            let c = XLSXRenderer.column(column)
            return "=IFERROR(AVERAGE(\(c)\(row + 1):\(c)\(row + rows)),\"\")"
        case let .averageOfColumn(column, rowsAt):
            guard !rowsAt.isEmpty else { return nil }
            let c = XLSXRenderer.column(column)
            return "=IFERROR(AVERAGE(" + rowsAt.map { "\(c)\(firstData + $0 + 1)" }.joined(separator: ",") + "),\"\")"
        }
    }

    /// Red below the low zone, yellow in the middle, green from the high zone (the entity's
    /// `RatingZones`, as fractions); a blank cell (not graded) stays uncoloured.
    func semaphore(_ r1: Int, _ r2: Int, _ col: Int) throws {
        let z = writer.options.zones
        let cell = "\(XLSXRenderer.column(col))\(r1 + 1)"
        // TrafficLight rounds to one decimal: 59,95 % is already 60 %.
        let low = (z.lowBelow - 0.05) / 100, high = (z.highFrom - 0.05) / 100
        let rules: [(String, TrafficLight)] = [
            ("=AND(ISNUMBER(\(cell)),\(cell)<\(low))", .rojo),
            ("=AND(ISNUMBER(\(cell)),\(cell)>=\(low),\(cell)<\(high))", .amarillo),
            ("=AND(ISNUMBER(\(cell)),\(cell)>=\(high))", .verde),
        ]
        for (formula, light) in rules {
            guard let (bg, fg) = ZoneColours.colours(light) else { continue }
            let f = workbook_add_format(writer.workbook)!
            format_set_bg_color(f, bg)
            format_set_font_color(f, fg)
            var cf = lxw_conditional_format()
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            cf.value_string = writer.c(formula)
            cf.format = f
            try writer.check(worksheet_conditional_format_range(sheet, lxw_row_t(r1), lxw_col_t(col), lxw_row_t(r2), lxw_col_t(col), &cf),
                             "semáforo")
        }
    }

    func dropDown(_ r1: Int, _ r2: Int, _ col: Int, _ values: [String]) throws {
        var list: [UnsafeMutablePointer<CChar>?] = values.map { writer.c($0) } + [nil]
        try list.withUnsafeMutableBufferPointer { buffer in
            var dv = lxw_data_validation()
            dv.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            dv.value_list = buffer.baseAddress
            dv.error_title = writer.c("Estado no válido")
            dv.error_message = writer.c("Elija un estado de la lista.")
            try writer.check(worksheet_data_validation_range(sheet, lxw_row_t(r1), lxw_col_t(col), lxw_row_t(r2), lxw_col_t(col), &dv),
                             "lista de estados")
        }
    }
}

private extension String {
    var trimmingTrailingSpace: String { trimmed }
}
