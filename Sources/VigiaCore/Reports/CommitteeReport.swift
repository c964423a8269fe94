import Foundation

/// One finding's figures for the comité: its state today, its actions by where they stand and
/// its latest review. Counted at the plan's latest round (`PlanEvaluator.evaluate`), vencidas at `today`.
public struct FindingStatusFigures: Sendable, Equatable {
    public var numero: Int
    public var descripcion: String
    public var estado: FindingState
    /// Actions that count (not REFORMULADA).
    public var acciones: Int
    /// CUMPLIDA or CERRADA at the latest round.
    public var cumplidas: Int
    /// Past their fecha final today and below 100 % (`Schedule.isOverdue`).
    public var vencidasHoy: Int
    public var reformuladas: Int
    public var porcentaje: Double?
    /// The latest review of eficacia and efectividad, if any.
    public var revision: FindingReviewSnapshot?

    /// Neither done nor overdue.
    public var enCurso: Int { max(0, acciones - cumplidas - vencidasHoy) }
    /// The latest review found the actions EFICACES and EFECTIVAS.
    public var efectivo: Bool { revision.map { $0.eficacia == .eficaz && $0.efectividad == .efectiva } ?? false }
    /// The latest review found them NO EFICACES or NO EFECTIVAS.
    public var inefectivo: Bool { revision.map { $0.eficacia == .noEficaz || $0.efectividad == .noEfectiva } ?? false }

    public static func of(_ plan: PlanSnapshot, evaluation: RoundEvaluation? = nil, today: LocalDate) -> [FindingStatusFigures] {
        let e = evaluation ?? PlanEvaluator.current(plan)
        return zip(plan.hallazgos, e.hallazgos).map { f, fe in
            let pairs = Array(zip(f.acciones, fe.acciones))
            let counting = pairs.filter { !$0.1.isReadOnly }
            return FindingStatusFigures(
                numero: f.numero, descripcion: f.descripcion, estado: fe.estado, acciones: counting.count,
                cumplidas: counting.filter { $0.1.estado?.isDone == true }.count,
                vencidasHoy: counting.filter { $0.1.estado?.isDone != true && Schedule.isOverdue(percent: $0.1.porcentaje, fechaFinal: $0.0.fechaFinal, at: today) }.count,
                reformuladas: pairs.count - counting.count, porcentaje: fe.avance.porcentaje, revision: f.reviews.last)
        }
    }
}

/// «Estado de los planes» for the Comité Institucional de Coordinación de Control Interno: per
/// plan of the entity, or per finding of one plan, the open and closed findings, those found
/// effective or not, the reformulated and overdue actions, with a chart.
public enum CommitteeReport {
    static let green: UInt32 = 0x2E7D32, amber: UInt32 = 0xE0A100, red: UInt32 = 0xC62828, grey: UInt32 = 0x7A8793, blue: UInt32 = 0x0B4F8A

    /// Every plan given (the caller passes those the user sees), at `today`.
    public static func entity(_ plans: [PlanSnapshot], formato: FormatHeader, today: LocalDate) -> ReportDocument {
        let columns = [
            ReportColumn("PLAN", ancho: 40), ReportColumn("ORIGEN", ancho: 22), ReportColumn("ESTADO DEL PLAN", ancho: 14),
            ReportColumn("HALLAZGOS", ancho: 11, tipo: .numero), ReportColumn("ABIERTOS", ancho: 10, tipo: .numero),
            ReportColumn("CERRADOS", ancho: 10, tipo: .numero), ReportColumn("EFICACES Y EFECTIVOS", ancho: 12, tipo: .numero),
            ReportColumn("NO EFICACES O NO EFECTIVOS", ancho: 13, tipo: .numero), ReportColumn("ACCIONES", ancho: 10, tipo: .numero),
            ReportColumn("VENCIDAS HOY", ancho: 10, tipo: .numero), ReportColumn("REFORMULADAS", ancho: 13, tipo: .numero),
            ReportColumn("% DEL PLAN", ancho: 10, tipo: .porcentaje, semaforo: true),
        ]
        var rows: [ReportRow] = []
        var totals = Array(repeating: 0, count: 8)
        for plan in plans {
            let evaluation = PlanEvaluator.current(plan)
            let figures = FindingStatusFigures.of(plan, evaluation: evaluation, today: today)
            let counts = [figures.count, figures.filter { $0.estado == .abierto }.count, figures.filter { $0.estado == .cerrado }.count,
                          figures.filter(\.efectivo).count, figures.filter(\.inefectivo).count, figures.reduce(0) { $0 + $1.acciones },
                          figures.reduce(0) { $0 + $1.vencidasHoy }, figures.reduce(0) { $0 + $1.reformuladas }]
            for i in counts.indices { totals[i] += counts[i] }
            let name = [plan.unidadAuditable.isEmpty ? "(sin unidad auditable)" : plan.unidadAuditable,
                        plan.numeroAuditoria.isEmpty ? nil : "auditoría \(plan.numeroAuditoria)"].compactMap { $0 }.joined(separator: " · ")
            rows.append(ReportRow([ReportCell(name), ReportCell(plan.origen.label), ReportCell(plan.estado.label)]
                                  + counts.map(number) + [.percent(evaluation.plan.porcentaje)]))
        }
        let n = rows.count
        rows.append(ReportRow([ReportCell("TOTAL (\(n) \(n == 1 ? "plan" : "planes"))"), ReportCell(""), ReportCell("")]
                              + totals.enumerated().map { i, v in number(v, formula: .sumAbove(column: 3 + i, rows: n)) } + [ReportCell("")],
                              total: true))
        return ReportDocument(
            formato: formato, titulo: "ESTADO DE LOS PLANES DE MEJORAMIENTO",
            subtitulo: "Informe para el Comité Institucional de Coordinación de Control Interno",
            metadatos: [ReportField("Entidad:", formato.entidad), ReportField("Fecha del informe:", today.dayFirst),
                        ReportField("Planes:", "\(n)")],
            secciones: [ReportSection(tabla: ReportTable(columnas: columns, filas: rows))],
            nota: note(today),
            nombreArchivo: "estado-de-los-planes_\(formato.entidad.fileNameSafe)_\(today.iso)",
            grafico: ReportChart(titulo: "Hallazgos cerrados y abiertos por plan", categorias: 0, series: [
                .init("Cerrados", columna: 5, color: green), .init("Abiertos", columna: 4, color: amber),
            ]))
    }

    /// One plan, finding by finding.
    public static func plan(_ plan: PlanSnapshot, today: LocalDate) -> ReportDocument {
        let columns = [
            ReportColumn("No.", ancho: 5, tipo: .numero), ReportColumn("HALLAZGO (RESUMEN)", ancho: 50), ReportColumn("ESTADO", ancho: 11),
            ReportColumn("ACCIONES", ancho: 10, tipo: .numero), ReportColumn("CUMPLIDAS O CERRADAS", ancho: 12, tipo: .numero),
            ReportColumn("EN CURSO", ancho: 9, tipo: .numero), ReportColumn("VENCIDAS HOY", ancho: 10, tipo: .numero),
            ReportColumn("REFORMULADAS", ancho: 13, tipo: .numero), ReportColumn("% DEL HALLAZGO", ancho: 10, tipo: .porcentaje, semaforo: true),
            ReportColumn("ÚLTIMA REVISIÓN DE EFICACIA Y EFECTIVIDAD", ancho: 34),
        ]
        let figures = FindingStatusFigures.of(plan, today: today)
        var rows = figures.map { f in
            ReportRow([number(f.numero), ReportCell(summary(f.descripcion)), ReportCell(f.estado.label), number(f.acciones), number(f.cumplidas),
                       number(f.enCurso), number(f.vencidasHoy), number(f.reformuladas), .percent(f.porcentaje),
                       ReportCell(f.revision.map { "\($0.fecha.dayFirst): \($0.eficacia.label), \($0.efectividad.label). \($0.decision.label)." } ?? "Sin revisión")])
        }
        let n = rows.count
        let sums = [\FindingStatusFigures.acciones, \.cumplidas, \.enCurso, \.vencidasHoy, \.reformuladas].map { k in figures.reduce(0) { $0 + $1[keyPath: k] } }
        let e = PlanEvaluator.current(plan)
        rows.append(ReportRow([ReportCell(""), ReportCell("TOTAL: \(figures.filter { $0.estado == .cerrado }.count) de \(n) hallazgos cerrados"), ReportCell("")]
                              + sums.enumerated().map { i, v in number(v, formula: .sumAbove(column: 3 + i, rows: n)) }
                              + [.percent(e.plan.porcentaje), ReportCell("")], total: true))
        let unidad = plan.unidadAuditable.isEmpty ? "plan" : plan.unidadAuditable
        return ReportDocument(
            formato: plan.formato, titulo: "ESTADO DEL PLAN DE MEJORAMIENTO",
            subtitulo: "Informe para el Comité Institucional de Coordinación de Control Interno",
            metadatos: [ReportField("Unidad auditable:", plan.unidadAuditable), ReportField("No. de la auditoría:", plan.numeroAuditoria),
                        ReportField("Origen:", plan.origen.label), ReportField("Estado del plan:", plan.estado.label),
                        ReportField("Último seguimiento:", e.numero.map { "No. \($0)" + (e.fechaCorte.map { " (corte \($0.dayFirst))" } ?? "") } ?? "ninguno"),
                        ReportField("Fecha del informe:", today.dayFirst)],
            secciones: [ReportSection(tabla: ReportTable(columnas: columns, filas: rows))],
            nota: note(today),
            firmas: plan.firmas,
            nombreArchivo: "estado-del-plan_\(unidad.fileNameSafe)_\(today.iso)",
            grafico: ReportChart(titulo: "Acciones de cada hallazgo", categorias: 0, series: [
                .init("Cumplidas o cerradas", columna: 4, color: green), .init("En curso", columna: 5, color: blue),
                .init("Vencidas hoy", columna: 6, color: red), .init("Reformuladas", columna: 7, color: grey),
            ]))
    }

    /// A finding's description cut to about 280 characters at a word (the comité reads a summary; the plan has it whole).
    static func summary(_ text: String, limit: Int = 280) -> String {
        let t = text.trimmed
        guard t.count > limit else { return t }
        let cut = t.prefix(limit)
        return String(cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut) + "…"
    }

    static func number(_ v: Int) -> ReportCell { ReportCell("\(v)", valor: Double(v)) }
    static func number(_ v: Int, formula: ReportFormula) -> ReportCell { ReportCell("\(v)", valor: Double(v), formula: formula) }

    static func note(_ today: LocalDate) -> String {
        "Estados en el último seguimiento de cada plan. Un hallazgo está CERRADO solo si una revisión de eficacia y efectividad de la OCI lo cerró; "
            + "«eficaces y efectivos» y «no eficaces o no efectivos» cuentan la última revisión de cada hallazgo. Las acciones REFORMULADAS no cuentan "
            + "entre las acciones: cuenta la que las reemplazó. «Vencidas hoy»: fecha final anterior al \(today.dayFirst) y menos del 100 % en el último seguimiento."
    }
}
