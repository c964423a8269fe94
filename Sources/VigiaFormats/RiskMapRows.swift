import VigiaCore

/// Reads the table's rows into risks: a row with a No. (or, without that column, with a risk)
/// starts a risk; a row without continues it with another control or action.
struct RiskMapRows {
    let columns: RiskMapColumns
    let methodology: RiskMethodology
    let period: Int?
    private(set) var risks: [Risk] = []

    init(columns: RiskMapColumns, methodology: RiskMethodology, period: Int?) {
        self.columns = columns; self.methodology = methodology; self.period = period
    }

    func error(_ row: TabularText.Row, _ f: RiskMapColumns.Field, _ message: String) -> ImportError {
        ImportError(line: row.number, column: columns[f], columnName: columns.name(f), message: message)
    }

    mutating func read(_ row: TabularText.Row) throws(ImportError) {
        let numberText = row[columns[.numero]]
        let startsRisk = columns[.numero] != nil ? !numberText.isEmpty : !row[columns[.riesgo]].isEmpty
        if startsRisk {
            var numero = risks.count + 1
            if columns[.numero] != nil {
                guard let n = Int(numberText.filter { $0.isNumber }.prefix(6)), n > 0 else {
                    throw error(row, .numero, "«\(numberText)» no es el número de un riesgo.")
                }
                numero = n
            }
            if risks.contains(where: { $0.numero == numero }) { throw error(row, .numero, "el riesgo \(numero) ya apareció antes en la tabla.") }
            risks.append(try newRisk(row, numero: numero))
        } else if risks.isEmpty {
            throw error(row, columns[.numero] != nil ? .numero : .riesgo, "esta fila continúa un riesgo, pero no hay ninguno antes: escriba su número.")
        }
        var risk = risks[risks.count - 1]
        if let control = try control(row) { risk.controles.append(control) }
        if let action = try action(row) { risk.acciones.append(action) }
        if !startsRisk {
            for (f, path) in [(RiskMapColumns.Field.causas, \Risk.causasInternas), (.causasInternas, \.causasInternas),
                              (.causasExternas, \.causasExternas), (.consecuencias, \.consecuencias)] where !row[columns[f]].isEmpty {
                risk[keyPath: path] += (risk[keyPath: path].isEmpty ? "" : "\n") + row[columns[f]]
            }
        }
        if let p = period, columns[.materializado] != nil, let yes = Self.yesNo(row[columns[.materializado]]) {
            risk.materializaciones.removeAll { $0.periodo == p }
            risk.materializaciones.append(RiskMaterialisation(periodo: p, materializado: yes, descripcion: yes ? row[columns[.observaciones]] : ""))
        }
        risks[risks.count - 1] = risk
    }

    func newRisk(_ row: TabularText.Row, numero: Int) throws(ImportError) -> Risk {
        let text = row[columns[.riesgo]]
        guard !text.isEmpty else { throw error(row, .riesgo, "el riesgo \(numero) no dice cuál es el riesgo.") }
        let inherent = try rating(row, whole: .inherente, p: .inherenteProbabilidad, i: .inherenteImpacto, z: .inherenteZona)
        guard let inherent else {
            throw error(row, columns[.inherente] != nil ? .inherente : .inherenteProbabilidad, "falta la calificación del riesgo inherente.")
        }
        let residual = try rating(row, whole: .residual, p: .residualProbabilidad, i: .residualImpacto, z: .residualZona)
        var treatment: Treatment? = nil
        let option = row[columns[.opcion]].folded
        if !option.isEmpty {
            treatment = Treatment.allCases.first { option.hasPrefix($0.rawValue.folded) || option.contains($0.rawValue.folded) }
                ?? (option.contains("TRANSFERIR") ? .compartir : nil)
            guard let treatment else { throw error(row, .opcion, "«\(row[columns[.opcion]])» no es una opción de manejo: reducir, evitar o compartir.") }
            if treatment.corruptionRefusal != nil {
                throw error(row, .opcion, "un riesgo de corrupción no se puede aceptar; elija reducir, evitar o compartir.")
            }
        }
        return Risk(numero: numero, proceso: row[columns[.proceso]], objetivo: row[columns[.objetivo]],
                          causasInternas: [row[columns[.causas]], row[columns[.causasInternas]]].filter { !$0.isEmpty }.joined(separator: "\n"),
                          causasExternas: row[columns[.causasExternas]], riesgo: text, consecuencias: row[columns[.consecuencias]],
                          inherente: inherent, residualRegistrado: residual, opcionDeManejo: treatment)
    }

    /// A rating from its one cell or from its probabilidad / impacto / zona cells; nil when they are all blank.
    func rating(_ row: TabularText.Row, whole: RiskMapColumns.Field, p: RiskMapColumns.Field, i: RiskMapColumns.Field,
                z: RiskMapColumns.Field) throws(ImportError) -> RiskRating? {
        if columns[whole] != nil, !row[columns[whole]].isEmpty {
            switch RiskRatingText.rating(row[columns[whole]], in: methodology) {
            case .success(let r): return r
            case .failure(let e): throw error(row, whole, e.message)
            }
        }
        guard columns[p] != nil, !(row[columns[p]].isEmpty && row[columns[i]].isEmpty) else { return nil }
        let zone = row[columns[z]]
        switch RiskRatingText.rating(probabilidad: row[columns[p]], impacto: row[columns[i]], zona: zone.isEmpty ? nil : zone, in: methodology) {
        case .success(let r): return r
        case .failure(let e): throw error(row, e.message.hasPrefix("el impacto") ? i : (e.message.hasPrefix("la zona") ? z : p), e.message)
        }
    }

    func control(_ row: TabularText.Row) throws(ImportError) -> Control? {
        let text = row[columns[.control]]
        guard !text.isEmpty else { return nil }
        let kind = row[columns[.controlTipo]].folded
        let tipo = kind.isEmpty ? Control.Tipo.preventivo : Control.Tipo.allCases.first { kind.hasPrefix($0.rawValue.folded.prefix(6)) }
        guard let tipo else { throw error(row, .controlTipo, "«\(row[columns[.controlTipo]])» no es un tipo de control: preventivo, detectivo o correctivo.") }
        let how = row[columns[.controlImplementacion]].folded
        return Control(descripcion: text, responsable: row[columns[.controlResponsable]], tipo: tipo,
                           implementacion: how.hasPrefix("AUTOMATIC") ? .automatica : .manual, evidencia: row[columns[.controlEvidencia]])
    }

    func action(_ row: TabularText.Row) throws(ImportError) -> RiskAction? {
        let text = row[columns[.accion]]
        guard !text.isEmpty else { return nil }
        func date(_ f: RiskMapColumns.Field) throws(ImportError) -> LocalDate? {
            let cell = row[columns[f]]
            guard !cell.isEmpty, !cell.folded.hasPrefix("PERMANENTE") else { return nil }
            guard let d = PlanCells.date(cell) else { throw error(row, f, "«\(cell)» no es una fecha (dd/mm/aaaa).") }
            return d
        }
        let plan = RiskActionPlan(descripcion: text, responsable: row[columns[.responsable]], fechaInicio: try date(.fechaInicio),
                                  fechaFin: try date(.fechaFin), indicador: row[columns[.indicador]],
                                  registro: row[columns[.registro]])
        var followUps: [RiskFollowUp] = []
        if let p = period, columns[.avance] != nil {
            let pct = PlanCells.percent(row[columns[.avance]])
            if let problem = pct.importProblem { throw error(row, .avance, problem) }
            followUps.append(RiskFollowUp(periodo: p, porcentaje: pct.value, observaciones: row[columns[.observaciones]]))
        }
        return RiskAction(plan: plan, seguimientos: followUps)
    }

    /// «Sí», «SI.», «Sí, se trasladó…» → true; «No», «No se materializó» → false; «Sin …» or anything else → nil.
    static func yesNo(_ text: String) -> Bool? {
        let first = RiskRatingText.wordsOnly(text.folded).split(separator: " ").first.map(String.init)
        if first == "SI" { return true }
        if first == "NO" { return false }
        return nil
    }
}
