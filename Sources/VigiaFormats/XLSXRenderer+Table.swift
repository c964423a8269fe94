import CXLSXWriter
import VigiaCore

/// Tables: group and column titles, rows high enough for their text, % as numbers with live
/// AVERAGE formulas, the semáforo as conditional formatting and drop-downs for estados.
extension SheetWriter {
    /// Writes one table (group row, header row, data rows); returns the next free row.
    func table(_ t: ReportTable, at startRow: Int) throws -> Int {
        let firstData = try tableHeader(t, at: startRow)
        let needed = SheetWriter.rowLines(t)
        for (r, fila) in t.filas.enumerated() {
            worksheet_set_row(sheet, lxw_row_t(firstData + r), min(409, 12.5 * Double(needed[r]) + 3), nil)
            for (k, cell) in fila.celdas.enumerated() where !cell.cubierta && k < t.columnas.count {
                try self.cell(cell, in: t.columnas[k], total: fila.total, at: firstData + r, k, firstData: firstData)
            }
        }
        let lastData = firstData + t.filas.count - 1
        if lastData >= firstData {
            for (k, col) in t.columnas.enumerated() {
                if col.semaforo { try ratingZoneFormat(firstData, lastData, k) }
                if let list = col.lista { try dropDown(firstData, lastData, k, list) }
            }
        }
        return lastData + 1
    }

    /// The group row (when there are groups) and the column titles; returns the first data row.
    func tableHeader(_ t: ReportTable, at startRow: Int) throws -> Int {
        var row = startRow
        if !t.grupos.isEmpty {
            var col = 0
            for (k, g) in t.grupos.enumerated() {
                let fill = k == 0 ? SheetWriter.groupFill : SheetWriter.ociFill
                try merge(row, col, row, col + g.columnas - 1, g.titulo, writer.format(bold: true, fill: fill, center: true))
                col += g.columnas
            }
            row += 1
        }
        for (k, col) in t.columnas.enumerated() {
            try put(row, k, col.titulo, writer.format(bold: true, fill: SheetWriter.headFill, center: true))
        }
        worksheet_set_row(sheet, lxw_row_t(row), 15 * Double(t.columnas.map { SheetWriter.lines($0.titulo, width: $0.ancho) }.max() ?? 1), nil)
        return row + 1
    }

    /// Lines each row needs: each span's text shared among the rows it covers.
    static func rowLines(_ t: ReportTable) -> [Int] {
        var needed = Array(repeating: 1, count: t.filas.count)
        for (r, fila) in t.filas.enumerated() {
            for (k, cell) in fila.celdas.enumerated() where !cell.cubierta && k < t.columnas.count {
                let lines = SheetWriter.lines(cell.texto, width: t.columnas[k].ancho)
                let share = (lines + cell.filas - 1) / cell.filas
                for rr in r..<min(t.filas.count, r + cell.filas) { needed[rr] = max(needed[rr], share) }
            }
        }
        return needed
    }

    /// One cell at sheet row `xr`, column `k`: text (with its links); a date as a real date
    /// (dd/mm/yyyy) and a whole number as a number, so Excel sorts, filters and computes with
    /// them; or a % as a fraction, from its formula when it has one.
    func cell(_ cell: ReportCell, in col: ReportColumn, total: Bool, at xr: Int, _ k: Int, firstData: Int) throws {
        let isPercent = col.tipo == .porcentaje && (cell.valor != nil || cell.formula != nil)
        let date = col.tipo == .fecha && cell.enlaces.isEmpty ? LocalDate(dayFirst: cell.texto) : nil
        let number = col.tipo == .numero && cell.enlaces.isEmpty ? (cell.valor ?? (cell.texto.count <= 9 ? Int(cell.texto).map(Double.init) : nil)) : nil
        let fill: UInt32? = total ? SheetWriter.totalFill : nil
        let f = writer.format(bold: total, fill: fill, percent: isPercent, date: date != nil)
        let text = cell.texto + (cell.enlaces.isEmpty || cell.texto.contains(cell.enlaces[0]) ? "" : "\n" + cell.enlaces.joined(separator: "\n"))
        if cell.filas > 1 {
            try merge(xr, k, xr + cell.filas - 1, k, isPercent ? "" : text, f)
        } else if !isPercent {
            try put(xr, k, text, f)
        }
        // A merged range holds text in its first cell: a typed value is written over it.
        if let date {
            let serial = Double(LocalDate.days(from: LocalDate(year: 1899, month: 12, day: 30)!, to: date))
            try writer.check(worksheet_write_number(sheet, lxw_row_t(xr), lxw_col_t(k), serial, f), "fecha")
        } else if let number, let formula = cell.formula, let expr = self.formula(formula, row: xr, firstData: firstData) {
            try writer.check(worksheet_write_formula_num(sheet, lxw_row_t(xr), lxw_col_t(k), writer.c(expr), f, number), "fórmula")
        } else if let number {
            try writer.check(worksheet_write_number(sheet, lxw_row_t(xr), lxw_col_t(k), number, f), "número")
        } else if !isPercent, let formula = cell.formula, let expr = self.formula(formula, row: xr, firstData: firstData) {
            // A text the sheet derives (a risk's zone): the formula, with the text as its cached result.
            try writer.check(worksheet_write_formula_str(sheet, lxw_row_t(xr), lxw_col_t(k), writer.c(expr), f, writer.c(cell.texto)), "fórmula")
        }
        guard isPercent else { return }
        let value = (cell.valor ?? 0) / 100
        if let formula = cell.formula, let expr = self.formula(formula, row: xr, firstData: firstData) {
            try writer.check(worksheet_write_formula_num(sheet, lxw_row_t(xr), lxw_col_t(k), writer.c(expr), f, value), "fórmula")
        } else if cell.valor != nil {
            try writer.check(worksheet_write_number(sheet, lxw_row_t(xr), lxw_col_t(k), value, f), "número")
        }
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
        case let .sumAbove(column, rows):
            guard rows > 0 else { return nil }
            let c = XLSXRenderer.column(column)
            return "=SUM(\(c)\(row + 1 - rows):\(c)\(row))"
        case let .weeksBetween(start, end):
            let a = "\(XLSXRenderer.column(start))\(row + 1)", b = "\(XLSXRenderer.column(end))\(row + 1)"
            return "=IF(AND(ISNUMBER(\(a)),ISNUMBER(\(b)),\(b)>=\(a)),ROUND((\(b)-\(a))/7,0),\"\")"
        case let .product(columns):
            guard !columns.isEmpty else { return nil }
            let refs = columns.map { "\(XLSXRenderer.column($0))\(row + 1)" }
            return "=IF(AND(" + refs.map { "ISNUMBER(\($0))" }.joined(separator: ",") + ")," + refs.joined(separator: "*") + ",\"\")"
        case let .lookup(rowColumn, columnColumn, rowKeys, columnKeys, table):
            guard !rowKeys.isEmpty, !columnKeys.isEmpty, table.count == rowKeys.count, table.allSatisfy({ $0.count == columnKeys.count }) else { return nil }
            func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
            func quoted(_ t: String) -> String { "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            let matrix = "{" + table.map { $0.map(quoted).joined(separator: ",") }.joined(separator: ";") + "}"
            let r = "\(XLSXRenderer.column(rowColumn))\(row + 1)", c = "\(XLSXRenderer.column(columnColumn))\(row + 1)"
            return "=IFERROR(INDEX(\(matrix),MATCH(\(r),{\(rowKeys.map(number).joined(separator: ","))},0),MATCH(\(c),{\(columnKeys.map(number).joined(separator: ","))},0)),\"\")"
        }
    }

    /// Red below the low zone, yellow in the middle, green from the high zone (the entity's
    /// `RatingZoneLimits`, as fractions); a blank cell (not graded) stays uncoloured.
    func ratingZoneFormat(_ r1: Int, _ r2: Int, _ col: Int) throws {
        let z = writer.options.zones
        let cell = "\(XLSXRenderer.column(col))\(r1 + 1)"
        // RatingZone rounds to one decimal: 59,95 % is already 60 %.
        let low = (z.lowBelow - 0.05) / 100, high = (z.highFrom - 0.05) / 100
        let rules: [(String, RatingZone)] = [
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
