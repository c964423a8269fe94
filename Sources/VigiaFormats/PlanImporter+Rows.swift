import Foundation
import VigiaCore

extension PlanReader {
    /// One row of the table: a new finding (No. filled) or a continuation with one more action.
    mutating func readDataRow(_ row: TabularText.Row, columns c: PlanColumns, currentFinding: inout Int?) throws(ImportError) {
        func fail(_ column: Int?, _ message: String) -> ImportError {
            ImportError(line: row.number, column: column, columnName: c.name(column), message: message)
        }
        let numberText = row[c.numero]
        if !numberText.isEmpty {
            guard let number = Int(String(numberText.filter { $0 != "." && $0 != " " })), number > 0 else {
                throw fail(c.numero, "«\(numberText)» no es un número de hallazgo (se espera 1, 2, 3…).")
            }
            if let dup = plan.hallazgos.first(where: { $0.numero == number }) {
                throw fail(c.numero, "el hallazgo \(dup.numero) aparece dos veces.")
            }
            plan.hallazgos.append(FindingSnapshot(
                numero: number, descripcion: row[c.descripcion], causa: row[c.causa],
                efecto: row[c.efecto], criterio: row[c.criterio]))
            currentFinding = plan.hallazgos.count - 1
            let findingState = row[c.estadoHallazgo]
            if !findingState.isEmpty {
                guard let state = FindingState(text: findingState) else {
                    throw fail(c.estadoHallazgo, "estado de hallazgo «\(findingState)» no reconocido; use ABIERTO o CERRADO.")
                }
                round.hallazgos.append(FindingGradeSnapshot(
                    hallazgo: plan.hallazgos.count - 1, estado: state,
                    justificacion: "Importado del formato (línea \(row.number))."))
            }
        } else if !row[c.descripcion].isEmpty && row[c.accion].isEmpty {
            throw fail(c.numero, "falta el número del hallazgo cuya descripción empieza «\(row[c.descripcion].prefix(40))…».")
        }
        let actionCells = [c.accion, c.responsable, c.fechaInicial, c.fechaFinal, c.meta, c.indicador].map { row[$0] }
        guard actionCells.contains(where: { !$0.isEmpty }) else { return }
        guard let findingIndex = currentFinding else {
            throw fail(c.numero, "esta fila trae una acción pero ningún hallazgo la precede: falta el No. del hallazgo.")
        }
        if row[c.accion].isEmpty {
            throw fail(c.accion, "la fila trae datos de una acción pero no su descripción.")
        }
        let start = try date(row, c.fechaInicial, c)
        let end = try date(row, c.fechaFinal, c)
        let meta = row[c.meta]
        let quantity = MetaQuantity.parse(meta)
        let action = ActionSnapshot(
            descripcion: row[c.accion], tipo: .correctiva, responsable: row[c.responsable],
            fechaInicial: start, fechaFinal: end, meta: meta, metaCantidad: quantity?.quantity,
            metaUnidad: quantity?.unit, indicador: row[c.indicador])
        plan.hallazgos[findingIndex].acciones.append(action)
        let ref = ActionRef(hallazgo: findingIndex, accion: plan.hallazgos[findingIndex].acciones.count - 1)
        try readGrade(row, c, ref: ref, isFindingRow: !numberText.isEmpty)
    }

    func date(_ row: TabularText.Row, _ column: Int?, _ c: PlanColumns) throws(ImportError) -> LocalDate? {
        let text = row[column]
        guard !text.isEmpty else { return nil }
        if let date = PlanCells.date(text) { return date }
        throw ImportError(line: row.number, column: column, columnName: c.name(column),
                          message: "la fecha «\(text)» no es válida; escríbala día primero, dd/mm/aaaa (por ejemplo 4/01/2025).")
    }

    /// The OCI columns of one action row.
    mutating func readGrade(_ row: TabularText.Row, _ c: PlanColumns, ref: ActionRef, isFindingRow: Bool) throws(ImportError) {
        var grade = GradeSnapshot(accion: ref)
        let percent = PlanCells.percent(row[c.porcentaje])
        if let problem = percent.importProblem {
            throw ImportError(line: row.number, column: c.porcentaje, columnName: c.name(c.porcentaje), message: problem)
        }
        grade.porcentaje = percent.value
        grade.evidencias = row[c.evidencias]
        grade.observaciones = row[c.observaciones]
        var stateText = row[c.estadoAccion]
        var stateColumn = c.estadoAccion
        // A state in the finding's column on a continuation row cannot be the finding's (that
        // cell is merged over the finding's first row): it belongs to the action, shifted.
        if stateText.isEmpty, !isFindingRow, !row[c.estadoHallazgo].isEmpty {
            stateText = row[c.estadoHallazgo]
            stateColumn = c.estadoHallazgo
            notes.append(ImportNote(line: row.number, message:
                "«\(stateText)» está en la columna \(c.name(c.estadoHallazgo) ?? "ESTADO DE HALLAZGO") de una fila de acción; se tomó como estado de la acción."))
        }
        if !stateText.isEmpty {
            guard let state = ActionState(text: stateText) else {
                throw ImportError(line: row.number, column: stateColumn, columnName: c.name(stateColumn), message:
                    "estado «\(stateText)» no reconocido; use SIN INICIAR, EN EJECUCIÓN, CUMPLIDA, VENCIDA, INCUMPLIDA o CERRADA.")
            }
            grade.estado = state
            grade.justificacion = "Importado del formato (línea \(row.number))."
        }
        if grade != GradeSnapshot(accion: ref) { round.calificaciones.append(grade) }
    }

    // MARK: - Control de cambios and signatures

    mutating func readTrailer(_ rows: ArraySlice<TabularText.Row>) {
        var inChangeLog = false
        var signatureRows: [TabularText.Row] = []
        for row in rows {
            guard let first = row.nonEmpty.first?.text.folded else { continue }
            if first.hasPrefix("CONTROL DE CAMBIOS") { inChangeLog = true; continue }
            if first.hasPrefix("NO. REVISION") || first.hasPrefix("REVISION") { continue }
            if row.nonEmpty.contains(where: { $0.text.folded.hasSuffix("POR:") || $0.text.folded.hasSuffix(" POR") }) {
                inChangeLog = false
            }
            if inChangeLog {
                let cells = row.nonEmpty.map(\.text)
                plan.controlDeCambios.append(ChangeLogSnapshot(
                    revision: cells.first ?? "", descripcion: cells.count > 1 ? cells[1] : "",
                    fechaAprobacion: cells.count > 2 ? LocalDate(dayFirst: cells[2]) : nil,
                    version: cells.count > 3 ? cells[3] : ""))
            } else {
                signatureRows.append(row)
            }
        }
        plan.firmas = Self.signatures(signatureRows)
    }

    /// The signature block is laid out in columns: each column lists its labels (“Elaborado
    /// por:”, “Revisado por:”, “Aprobado por:”) and, below, a name and a cargo per label, in order.
    static func signatures(_ rows: [TabularText.Row]) -> [SignatureSnapshot] {
        var labels: [Int: [SignatureRole]] = [:]
        var texts: [Int: [String]] = [:]
        for row in rows {
            for (i, text) in row.nonEmpty {
                let t = text.folded
                if t.hasPrefix("ELABORADO") { labels[i, default: []].append(.elaborado) }
                else if t.hasPrefix("REVISADO") { labels[i, default: []].append(.revisado) }
                else if t.hasPrefix("APROBADO") { labels[i, default: []].append(.aprobado) }
                else { texts[i, default: []].append(text) }
            }
        }
        var result: [SignatureSnapshot] = []
        for (column, roles) in labels.sorted(by: { $0.key < $1.key }) {
            let lines = texts[column] ?? []
            for (k, role) in roles.enumerated() {
                let name = 2 * k < lines.count ? lines[2 * k] : ""
                let cargo = 2 * k + 1 < lines.count ? lines[2 * k + 1] : ""
                result.append(SignatureSnapshot(rol: role, nombre: name, cargo: cargo))
            }
        }
        // One signature per role (the format has one of each): a repeated block keeps the first.
        var seen = Set<SignatureRole>()
        result = result.filter { seen.insert($0.rol).inserted }
        let order = SignatureRole.allCases
        return result.sorted { (order.firstIndex(of: $0.rol) ?? 0) < (order.firstIndex(of: $1.rol) ?? 0) }
    }
}
