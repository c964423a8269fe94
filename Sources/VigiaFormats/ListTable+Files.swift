import CXLSXWriter
import Foundation
import VigiaCore

extension ListTable {
    /// CSV as Excel in Colombia opens it with a double click: UTF-8 with BOM, `;` between
    /// fields (the list separator where the decimal mark is a comma), CRLF line ends, fields
    /// quoted when needed. Numbers and % keep the decimal comma, dates dd/mm/aaaa. A text that
    /// a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
    /// apostrophe, so a downloaded list never executes what a user typed.
    public func csv() -> Data {
        var out = "\u{FEFF}"
        func field(_ s: String) -> String {
            let needsQuotes = s.contains(where: { $0 == ";" || $0 == "\"" || $0.isNewline })
            let escaped = s.replacingOccurrences(of: "\"", with: "\"\"")
            return needsQuotes ? "\"\(escaped)\"" : escaped
        }
        func cell(_ v: Value) -> String {
            if case .text(let s) = v, let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { return field("'" + s) }
            return field(Self.text(v))
        }
        out += columns.map { field($0.title) }.joined(separator: ";") + "\r\n"
        for row in rows { out += row.map(cell).joined(separator: ";") + "\r\n" }
        return Data(out.utf8)
    }

    /// An XLSX workbook: the title and subtitle, a bold header row with a filter, frozen under
    /// it; numbers as numbers, % as fractions formatted 0,0 %, dates and instants as real dates
    /// (dd/mm/yyyy, dd/mm/yyyy hh:mm), so Excel sorts, filters and computes with them.
    public func xlsx() throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigia-list-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try WorkbookWriter(path: path, options: .init())
        try ListSheet(writer: writer, table: self).write()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// One list written into a workbook by `WorkbookWriter`.
struct ListSheet {
    let writer: WorkbookWriter
    let table: ListTable

    /// Excel's sheet names: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ title: String) -> String {
        let cleaned = String(title.filter { !"[]:*?/\\'".contains($0) && !$0.isNewline }.prefix(31))
        return cleaned.isEmpty ? "Lista" : cleaned
    }

    func write() throws {
        guard let sheet = workbook_add_worksheet(writer.workbook, writer.c(Self.sheetName(table.title))) else {
            throw RenderError("No se pudo crear la hoja de Excel.")
        }
        let header = writer.format(bold: true, fill: 0xD9E1F2)
        let datetime = writer.format(wrap: false, date: true, time: true)
        try writer.check(worksheet_write_string(sheet, 0, 0, writer.cell(table.title), writer.format(bold: true, wrap: false, border: false, size: 12)), "título")
        try writer.check(worksheet_write_string(sheet, 1, 0, writer.cell(table.subtitle), writer.format(wrap: false, border: false)), "subtítulo")
        for (k, col) in table.columns.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(k), lxw_col_t(k), col.width, nil)
            try writer.check(worksheet_write_string(sheet, 3, lxw_col_t(k), writer.cell(col.title), header), "títulos")
        }
        for (i, row) in table.rows.enumerated() {
            for (k, value) in row.prefix(table.columns.count).enumerated() {
                try write(value, sheet: sheet, row: lxw_row_t(4 + i), col: lxw_col_t(k), datetime: datetime)
            }
        }
        if !table.columns.isEmpty {
            worksheet_autofilter(sheet, 3, 0, lxw_row_t(3 + table.rows.count), lxw_col_t(table.columns.count - 1))
        }
        worksheet_freeze_panes(sheet, 4, 0)
        worksheet_set_landscape(sheet)
        worksheet_repeat_rows(sheet, 3, 3)
        try writer.check(workbook_close(writer.workbook), "cerrar el libro")
    }

    private func write(_ value: ListTable.Value, sheet: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t, col: lxw_col_t,
                       datetime: UnsafeMutablePointer<lxw_format>) throws {
        let plain = writer.format()
        if case .instant(let i?) = value, let t = ColombiaClock.wallClock(i) {
            // An instant is written as the day's serial plus the fraction of the day.
            let serial = Self.serial(t.day) + (Double(t.hour) * 60 + Double(t.minute)) / 1440
            return try writer.check(worksheet_write_number(sheet, row, col, serial, datetime), "fecha y hora")
        }
        switch value {
        case .text(let s):
            // A CR would show as `_x000D_`; every line end becomes one LF, as Excel writes them.
            let lines = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            try writer.check(worksheet_write_string(sheet, row, col, writer.cell(lines), plain), "texto")
        case .number(let n) where n.isFinite:
            try writer.check(worksheet_write_number(sheet, row, col, n, plain), "número")
        case .percent(let p?) where p.isFinite:
            try writer.check(worksheet_write_number(sheet, row, col, p / 100, writer.format(percent: true)), "porcentaje")
        case .date(let d?):
            try writer.check(worksheet_write_number(sheet, row, col, Self.serial(d), writer.format(date: true)), "fecha")
        default:
            try writer.check(worksheet_write_blank(sheet, row, col, plain), "celda vacía")
        }
    }

    static func serial(_ d: LocalDate) -> Double {
        Double(LocalDate.days(from: LocalDate(year: 1899, month: 12, day: 30)!, to: d))
    }
}
