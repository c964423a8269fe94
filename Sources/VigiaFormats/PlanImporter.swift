import Foundation
import VigiaCore

/// What an import produced: the plan and the notes on what had to be interpreted.
public struct PlanImport: Sendable {
    public var plan: PlanSnapshot
    public var notes: [ImportNote]
}

/// Reads the B-I-007 layout “Formulación y seguimiento a planes de mejoramiento” as pasted
/// from Excel (tab-separated). Columns are found by their titles, not their positions, so an
/// entity's variant of the format (an extra column, another order) still reads.
public enum PlanImporter {
    public static func importPlan(text: String) throws(ImportError) -> PlanImport {
        try importPlan(table: TabularText(text))
    }

    /// The plan in a worksheet of an .xlsx workbook (the first, or the one named); errors name
    /// the sheet, its row and its column.
    public static func importPlan(workbook: Data, sheet: String? = nil) throws(ImportError) -> PlanImport {
        try WorkbookInput.read(workbook, sheet: sheet, importPlan(table:))
    }

    static func importPlan(table: TabularText) throws(ImportError) -> PlanImport {
        try table.refuseOverlong()
        var reader = PlanReader(table: table)
        return try reader.read()
    }
}

/// Column positions, found in the title rows.
struct PlanColumns {
    var numero: Int, descripcion: Int, accion: Int
    var causa: Int?, efecto: Int?, criterio: Int?
    var responsable: Int?, fechaInicial: Int?, fechaFinal: Int?, meta: Int?, indicador: Int?
    var porcentaje: Int?, evidencias: Int?, observaciones: Int?, estadoAccion: Int?
    var porcentajeHallazgo: Int?, estadoHallazgo: Int?
    var titles: [Int: String] = [:]

    func name(_ index: Int?) -> String? { index.flatMap { titles[$0] } }
}

struct PlanReader {
    let table: TabularText
    var notes: [ImportNote] = []
    var plan = PlanSnapshot()
    var round = RoundSnapshot(numero: 1)
    var roundNumberGiven = false

    init(table: TabularText) { self.table = table }

    mutating func read() throws(ImportError) -> PlanImport {
        let rows = table.rows
        guard let headerIndex = rows.firstIndex(where: Self.isTitleRow) else {
            let first = rows.first(where: { !$0.isBlank })?.number ?? 1
            throw ImportError(line: first, message:
                "el archivo no tiene la estructura del formato de plan de mejoramiento: no se encontró la fila de títulos «No. | DESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN | … | ACCIONES CORRECTIVAS O PREVENTIVAS | RESPONSABLE | …».")
        }
        readFormatBlock(rows[..<headerIndex])
        var columns = try Self.columns(title: rows[headerIndex],
                                       sub: rows.indices.contains(headerIndex + 1) ? rows[headerIndex + 1] : nil)
        var index = headerIndex + 1
        var currentFinding: Int? = nil
        tableLoop: while index < rows.count {
            let row = rows[index]
            index += 1
            if row.isBlank || Self.isSubTitleRow(row) || Self.isGroupRow(row) { continue }
            if Self.isTitleRow(row) {
                columns = try Self.columns(title: row, sub: rows.indices.contains(index) ? rows[index] : nil)
                continue
            }
            if Self.isMetadataRow(row) { readMetadata(row); continue }
            let first = row.nonEmpty.first?.text.folded ?? ""
            // The method note under the table of a document Vigía wrote («% de hallazgo: …»).
            if row.nonEmpty.count == 1 && first.hasPrefix("% DE HALLAZGO:") { continue }
            if first.hasPrefix("CONTROL DE CAMBIOS") || first.hasPrefix("ELABORADO POR") {
                index -= 1
                break tableLoop
            }
            try readDataRow(row, columns: columns, currentFinding: &currentFinding)
        }
        readTrailer(rows[index...])
        if !round.calificaciones.isEmpty || roundNumberGiven && !round.hallazgos.isEmpty {
            plan.seguimientos = [round]
        } else if !round.hallazgos.isEmpty {
            // Finding states with no graded action and no seguimiento number: what a document
            // without a seguimiento shows (e.g. one Vigía exported), derived, not the OCI's.
            notes.append(ImportNote(line: rows[headerIndex].number, message:
                "los estados de hallazgo sin ninguna acción calificada ni número de seguimiento se tomaron como calculados, no como un seguimiento de la OCI."))
        }
        if plan.hallazgos.isEmpty {
            throw ImportError(line: rows[headerIndex].number, message:
                "el archivo tiene la fila de títulos del formato pero ningún hallazgo debajo.")
        }
        return PlanImport(plan: plan, notes: notes)
    }

    // MARK: - Recognising rows

    // These tests run on every row: they fold a cell only when they need it (lazily, stopping
    // at the first answer), as data rows carry long texts.

    static func isTitleRow(_ row: TabularText.Row) -> Bool {
        let cells = row.nonEmpty.lazy.map { $0.text.folded }
        guard let first = cells.first, first == "NO." || first == "NO" || first == "N°" || first == "NUMERO" else { return false }
        return cells.contains { $0.hasPrefix("DESCRIPCION DEL HALLAZGO") || $0 == "HALLAZGO" }
            && cells.contains { $0.hasPrefix("ACCION") }
    }

    static func isSubTitleRow(_ row: TabularText.Row) -> Bool {
        let cells = row.nonEmpty.lazy.map { $0.text.folded }
        return !cells.isEmpty && cells.allSatisfy { $0 == "FECHA INICIAL" || $0 == "FECHA FINAL" }
    }

    static func isGroupRow(_ row: TabularText.Row) -> Bool {
        let cells = row.nonEmpty.lazy.map { $0.text.folded }
        return !cells.isEmpty && cells.allSatisfy { $0 == "PLAN DE MEJORAMIENTO" || $0.hasPrefix("SEGUIMIENTO (") }
    }

    /// The row of the plan's data: on one row ("Unidad Auditable: … | No. de la auditoría: …"),
    /// or one label per row as Vigía's own documents write them.
    static func isMetadataRow(_ row: TabularText.Row) -> Bool {
        guard let first = row.nonEmpty.first?.text.folded, first.contains(":") else { return false }
        return ["UNIDAD AUDITABLE", "NO. DE LA AUDITORIA", "NUMERO DE LA AUDITORIA", "PERIODO DE LA AUDITORIA", "FECHA SUSCRIPCION",
                "FECHA DE SUSCRIPCION", "NO. SEGUIMIENTO", "NO. DE SEGUIMIENTO"].contains { first.hasPrefix($0) }
    }

    /// Which field a title names (folded: no accents, upper case), or nil.
    static func columnKey(_ t: String) -> String? {
        t == "NO." || t == "NO" || t == "N°" || t == "NUMERO" ? "numero" :
        t.hasPrefix("DESCRIPCION DEL HALLAZGO") || t == "HALLAZGO" ? "descripcion" :
        t.hasPrefix("CAUSA") ? "causa" :
        t.hasPrefix("EFECTO") ? "efecto" :
        t.hasPrefix("CRITERIO") ? "criterio" :
        t.hasPrefix("ACCION") ? "accion" :
        t.hasPrefix("RESPONSABLE") ? "responsable" :
        t.hasPrefix("TIEMPO PROGRAMADO") ? "tiempo" :
        t == "FECHA INICIAL" ? "fechaInicial" :
        t == "FECHA FINAL" ? "fechaFinal" :
        t.hasPrefix("META") ? "meta" :
        t.hasPrefix("INDICADOR") ? "indicador" :
        t.hasPrefix("% DE AVANCE") || t == "AVANCE" ? "porcentaje" :
        t.hasPrefix("EVIDENCIA") ? "evidencias" :
        t.hasPrefix("OBSERVACION") ? "observaciones" :
        t.hasPrefix("ESTADO DE LA ACCION") ? "estadoAccion" :
        t.hasPrefix("% DE HALLAZGO") || t.hasPrefix("% DEL HALLAZGO") ? "porcentajeHallazgo" :
        t.hasPrefix("ESTADO DE HALLAZGO") || t.hasPrefix("ESTADO DEL HALLAZGO") ? "estadoHallazgo" : nil
    }

    static func columns(title: TabularText.Row, sub: TabularText.Row?) throws(ImportError) -> PlanColumns {
        var found: [String: Int] = [:]
        var titles: [Int: String] = [:]
        for (i, text) in title.nonEmpty {
            let t = text.folded
            titles[i] = text
            let key = columnKey(t)
            if let key, found[key] == nil { found[key] = i }
        }
        if let sub, isSubTitleRow(sub) {
            for (i, text) in sub.nonEmpty {
                let key = text.folded == "FECHA INICIAL" ? "fechaInicial" : "fechaFinal"
                found[key] = i
                titles[i] = text
            }
        } else if let t = found["tiempo"], found["fechaInicial"] == nil {
            found["fechaInicial"] = t
            found["fechaFinal"] = t + 1
            titles[t] = "FECHA INICIAL"; titles[t + 1] = "FECHA FINAL"
        }
        for (key, label) in [("responsable", "RESPONSABLE"), ("fechaInicial", "FECHA INICIAL"),
                             ("fechaFinal", "FECHA FINAL"), ("meta", "META"), ("indicador", "INDICADOR")]
        where found[key] == nil {
            throw ImportError(line: title.number, message:
                "falta la columna «\(label)» en la fila de títulos; el archivo no tiene la estructura del formato de plan de mejoramiento.")
        }
        // isTitleRow found these three before this was called; the guard keeps a later change
        // of one test or the other from becoming a trap.
        guard let numero = found["numero"], let descripcion = found["descripcion"], let accion = found["accion"] else {
            throw ImportError(line: title.number, message:
                "la fila de títulos no tiene las columnas «No.», «DESCRIPCIÓN DEL HALLAZGO» y «ACCIONES»; el archivo no tiene la estructura del formato de plan de mejoramiento.")
        }
        return PlanColumns(
            numero: numero, descripcion: descripcion, accion: accion,
            causa: found["causa"], efecto: found["efecto"], criterio: found["criterio"],
            responsable: found["responsable"], fechaInicial: found["fechaInicial"], fechaFinal: found["fechaFinal"],
            meta: found["meta"], indicador: found["indicador"], porcentaje: found["porcentaje"],
            evidencias: found["evidencias"], observaciones: found["observaciones"],
            estadoAccion: found["estadoAccion"], porcentajeHallazgo: found["porcentajeHallazgo"],
            estadoHallazgo: found["estadoHallazgo"], titles: titles)
    }

    // MARK: - The format block and the plan's metadata

    mutating func readFormatBlock(_ rows: ArraySlice<TabularText.Row>) {
        var expectingName = false
        for row in rows where !row.isBlank {
            let cells = row.nonEmpty
            if Self.isMetadataRow(row) { readMetadata(row); continue }
            // A lone name under the entity's row, when no «NOMBRE DEL FORMATO» label names it.
            if cells.count == 1, plan.formato.nombreFormato.isEmpty, !plan.formato.proceso.isEmpty, !expectingName,
               !cells[0].text.folded.hasPrefix("NOMBRE DEL FORMATO"), !cells[0].text.folded.hasPrefix("FECHA") {
                plan.formato.nombreFormato = cells[0].text
                continue
            }
            for (i, text) in cells {
                let t = text.folded
                if expectingName && !t.hasPrefix("NOMBRE DEL FORMATO") {
                    plan.formato.nombreFormato = text
                    expectingName = false
                    continue
                }
                if t.hasPrefix("PROCESO") {
                    plan.formato.proceso = Self.after(prefixWords: 1, text)
                    if i > 0, let entity = cells.first, entity.index < i { plan.formato.entidad = entity.text }
                } else if t.hasPrefix("NOMBRE DEL FORMATO") {
                    let rest = Self.after(prefixWords: 3, text)
                    if rest.isEmpty { expectingName = true } else { plan.formato.nombreFormato = rest }
                } else if t.hasPrefix("FECHA") {
                    plan.formato.fecha = Self.after(prefixWords: 1, text)
                } else if t.hasPrefix("VERSION") {
                    plan.formato.version = Self.after(prefixWords: 1, text)
                } else if t.hasPrefix("CODIGO") {
                    plan.formato.codigo = Self.after(prefixWords: 1, text)
                } else if t.hasPrefix("CONSECUTIVO") {
                    plan.formato.consecutivo = Self.after(prefixWords: 1, text)
                }
            }
        }
    }

    /// “Unidad Auditable: | valor | No. de la auditoría: | valor …”: a value sits in the label's
    /// own cell after the colon, or in the next cells before the next label.
    mutating func readMetadata(_ row: TabularText.Row) {
        let cells = row.nonEmpty
        for (k, cell) in cells.enumerated() {
            guard let colon = cell.text.firstIndex(of: ":") else { continue }
            let label = String(cell.text[..<colon]).folded
            var value = String(cell.text[cell.text.index(after: colon)...]).trimmed
            if value.isEmpty, k + 1 < cells.count, !cells[k + 1].text.contains(":") || LocalDate(dayFirst: cells[k + 1].text) != nil {
                value = cells[k + 1].text
            }
            guard !value.isEmpty else { continue }
            if label.hasPrefix("UNIDAD AUDITABLE") { plan.unidadAuditable = value }
            else if label.hasPrefix("NO. DE LA AUDITORIA") || label.hasPrefix("NUMERO DE LA AUDITORIA") { plan.numeroAuditoria = value }
            else if label.hasPrefix("PERIODO") { plan.periodoAuditoria = value }
            else if label.hasPrefix("FECHA SUSCRIPCION") || label.hasPrefix("FECHA DE SUSCRIPCION") {
                if let date = LocalDate(dayFirst: value) { plan.fechaSuscripcion = date }
                else { notes.append(ImportNote(line: row.number, message: "la fecha de suscripción «\(value)» no se entiende; quedó en blanco.")) }
            } else if label.hasPrefix("NO. SEGUIMIENTO") || label.hasPrefix("NO. DE SEGUIMIENTO") {
                if let n = Int(value) { round.numero = n; roundNumberGiven = true }
            }
        }
    }

    /// Everything after the first `n` words of a cell: “VERSIÓN 11” → “11”.
    static func after(prefixWords n: Int, _ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).dropFirst(n).joined(separator: " ").trimmed
    }
}
