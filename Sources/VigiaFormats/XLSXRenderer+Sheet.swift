import CXLSXWriter
import VigiaCore

/// One worksheet of the workbook: the format header block, title and metadata, the tables,
/// and the trailer (note, control de cambios, signatures).
struct SheetWriter {
    let writer: WorkbookWriter
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    static let groupFill: UInt32 = 0xDDE7F2, ociFill: UInt32 = 0xEFE6D2, headFill: UInt32 = 0xE9EEF4, totalFill: UInt32 = 0xF1F4F7

    func put(_ row: Int, _ col: Int, _ text: String, _ f: UnsafeMutablePointer<lxw_format>) throws {
        try writer.check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(col), writer.cell(text), f), "celda \(XLSXRenderer.column(col))\(row + 1)")
    }

    func merge(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ text: String, _ f: UnsafeMutablePointer<lxw_format>) throws {
        if r1 == r2 && c1 == c2 { return try put(r1, c1, text, f) }
        try writer.check(worksheet_merge_range(sheet, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2), writer.cell(text), f),
                         "combinar \(XLSXRenderer.column(c1))\(r1 + 1)")
    }

    /// Lines a text needs in a cell `width` characters wide.
    static func lines(_ text: String, width: Double) -> Int {
        let w = max(4, Int(width * 1.15))
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + w - 1) / w) }
    }

    /// Writes the sheet; returns the data rows (0-based) of each table, for the chart (empty for a table without rows).
    @discardableResult
    func write(_ doc: ReportDocument, tables: [ReportSection], trailer: Bool = true) throws -> [Range<Int>] {
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
        try formatHeader(doc.formato, last: last)
        var row = try titleAndMetadata(doc, at: 3, last: last) + 1
        var dataRows: [Range<Int>] = []
        row = try sections(tables, at: row, dataRows: &dataRows)
        guard trailer else { return dataRows }
        if let nota = doc.nota {
            row += 1
            try merge(row, 0, row, last, nota, writer.format(border: false)); row += 1
        }
        if let changes = doc.controlDeCambios { row = try changeLog(changes, at: row + 1) }
        if !doc.firmas.isEmpty { try signatures(doc.firmas, at: row + 1, last: last) }
        return dataRows
    }

    /// The entity's format block on rows 1–3: entidad, proceso, nombre del formato and, when
    /// any is set, fecha, versión, código and consecutivo.
    func formatHeader(_ f: FormatHeader, last: Int) throws {
        let head = writer.format(bold: true, center: true), plain = writer.format(center: true)
        let split = max(1, last / 4)
        let hasCode = ![f.fecha, f.version, f.codigo, f.consecutivo].allSatisfy { $0.trimmed.isEmpty }
        try merge(0, 0, hasCode ? 2 : 1, min(1, last), f.entidad, head)
        try insertLogo(rows: hasCode ? 3 : 2)
        try merge(0, 2, 0, last, "PROCESO \(f.proceso)".trimmed, head)
        try merge(1, 2, 1, last, f.nombreFormato, head)
        let parts = ["FECHA \(f.fecha)", "VERSIÓN \(f.version)", "CÓDIGO \(f.codigo)", "CONSECUTIVO \(f.consecutivo)"]
        var start = 2
        for (k, part) in parts.enumerated() where hasCode {
            let end = k == parts.count - 1 ? last : min(last, start + split - 1)
            try merge(2, start, 2, end, part.trimmed, plain)
            start = end + 1
        }
    }

    /// The entity's logo at the top left of the format block, scaled to its rows' height.
    func insertLogo(rows: Int) throws {
        guard let logo = writer.options.logo, case .success(let size) = LogoImage.check(logo) else { return }
        // Default rows are 15 points = 20 pixels; leave a small margin.
        let scale = min(Double(rows) * 20 - 6, 60) / Double(size.height)
        var opts = lxw_image_options()
        opts.x_offset = 3
        opts.y_offset = 3
        opts.x_scale = scale
        opts.y_scale = scale
        opts.object_position = UInt8(LXW_OBJECT_MOVE_DONT_SIZE.rawValue)
        let bytes = [UInt8](logo)
        try writer.check(bytes.withUnsafeBufferPointer { buf in
            worksheet_insert_image_buffer_opt(sheet, 0, 0, buf.baseAddress, buf.count, &opts)
        }, "logo")
    }

    /// Title, subtitle and the metadata fields from `row`; returns the next free row.
    func titleAndMetadata(_ doc: ReportDocument, at start: Int, last: Int) throws -> Int {
        var row = start
        try merge(row, 0, row, last, doc.titulo, writer.format(bold: true, border: false, center: true, size: 12)); row += 1
        if let sub = doc.subtitulo {
            try merge(row, 0, row, last, sub, writer.format(bold: true, border: false, center: true, size: 11)); row += 1
        }
        for field in doc.metadatos {
            try merge(row, 0, row, min(2, last), field.etiqueta, writer.format(bold: true))
            try merge(row, min(3, last), row, last, field.valor, writer.format())
            row += 1
        }
        return row
    }

    /// The tables with their titles; the first table's header repeats on every printed page
    /// (and stays frozen when it is the only one). Returns the next free row.
    func sections(_ tables: [ReportSection], at start: Int, dataRows: inout [Range<Int>]) throws -> Int {
        var row = start
        var headerRows: ClosedRange<Int>? = nil
        for section in tables {
            if let title = section.titulo {
                try merge(row, 0, row, section.tabla.columnas.count - 1, title, writer.format(bold: true, fill: SheetWriter.headFill)); row += 1
            }
            let top = row
            row = try table(section.tabla, at: row)
            dataRows.append((row - section.tabla.filas.count)..<row)
            if headerRows == nil { headerRows = top...(top + (section.tabla.grupos.isEmpty ? 0 : 1)) }
        }
        if let h = headerRows {
            worksheet_repeat_rows(sheet, lxw_row_t(h.lowerBound), lxw_row_t(h.upperBound))
            if tables.count == 1 { worksheet_freeze_panes(sheet, lxw_row_t(h.upperBound + 1), 0) }
        }
        return row
    }

    /// The control de cambios table; returns the next free row.
    func changeLog(_ changes: [ChangeLogSnapshot], at start: Int) throws -> Int {
        var row = start
        try merge(row, 0, row, 3, ChangeLogSnapshot.title, writer.format(bold: true, fill: SheetWriter.headFill)); row += 1
        for (k, t) in ChangeLogSnapshot.columns.map(\.title).enumerated() {
            try put(row, k, t, writer.format(bold: true))
        }
        row += 1
        for entry in changes {
            for (k, t) in [entry.revision, entry.descripcion, entry.fechaAprobacion?.dayFirst ?? "", entry.version].enumerated() {
                try put(row, k, t, writer.format())
            }
            row += 1
        }
        return row
    }

    /// Elaborado / Revisado / Aprobado side by side, with room to sign.
    func signatures(_ firmas: [SignatureSnapshot], at row: Int, last: Int) throws {
        let width = max(2, (last + 1) / 3)
        for (k, sig) in firmas.enumerated() {
            let c1 = min(last, k * width), c2 = min(last, c1 + width - 1)
            try merge(row, c1, row, c2, "\(sig.rol.label):", writer.format(bold: true, border: false))
            try merge(row + 2, c1, row + 2, c2, sig.nombre, writer.format(bold: true, border: false))
            try merge(row + 3, c1, row + 3, c2, sig.cargo, writer.format(border: false))
        }
        worksheet_set_row(sheet, lxw_row_t(row + 1), 30, nil)
    }
}
