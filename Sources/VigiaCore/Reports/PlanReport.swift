import Foundation

/// The improvement plan with one follow-up round, laid out as the B-I-007 format.
public enum PlanReport {
    public static let actionStates = ActionState.allCases.map(\.label)
    public static let findingStates = FindingState.allCases.map(\.label)

    /// The B-I-007 columns: the plan (9) and the OCI's seguimiento (6).
    static let columns = [
        ReportColumn("No.", ancho: 5, tipo: .numero),
        ReportColumn("DESCRIPCIÓN DEL HALLAZGO U OBSERVACIÓN", ancho: 60),
        ReportColumn("CAUSA", ancho: 36),
        ReportColumn("ACCIONES CORRECTIVAS O PREVENTIVAS", ancho: 38),
        ReportColumn("RESPONSABLE", ancho: 14),
        ReportColumn("FECHA INICIAL", ancho: 11, tipo: .fecha),
        ReportColumn("FECHA FINAL", ancho: 11, tipo: .fecha),
        ReportColumn("META", ancho: 24),
        ReportColumn("INDICADOR DE ACCIÓN DE CUMPLIMIENTO", ancho: 22),
        ReportColumn("% DE AVANCE", ancho: 10, tipo: .porcentaje, semaforo: true),
        ReportColumn("EVIDENCIAS", ancho: 22),
        ReportColumn("OBSERVACIONES", ancho: 24),
        ReportColumn("ESTADO DE LA ACCIÓN", ancho: 14, lista: actionStates),
        ReportColumn("% DE HALLAZGO", ancho: 11, tipo: .porcentaje, semaforo: true),
        ReportColumn("ESTADO DE HALLAZGO", ancho: 13, lista: findingStates),
    ]

    public static func build(_ plan: PlanSnapshot, round number: Int? = nil) -> ReportDocument {
        let e = PlanEvaluator.evaluate(plan, round: number)
        let round = e.numero.flatMap { n in plan.seguimientos.first { $0.numero == n } }
        var rows: [ReportRow] = []
        var findingStarts: [Int] = []
        for (f, fe) in zip(plan.hallazgos, e.hallazgos) {
            let start = rows.count
            findingStarts.append(start)
            rows += findingRows(f, fe, round: round, method: plan.metodo)
            // A REFORMULADA action (or one not yet in force) keeps its row but not its place in the
            // finding's %: Excel averages only the rows that count, as the evaluation does.
            if plan.metodo == .mean, fe.acciones.contains(where: \.isReadOnly), rows.indices.contains(start), rows[start].celdas.count > 13 {
                let counted = fe.acciones.enumerated().filter { !$0.element.isReadOnly }.map { start + $0.offset }
                rows[start].celdas[13].formula = counted.isEmpty ? nil : .averageOfColumn(column: 9, rowsAt: counted)
            }
        }
        rows.append(ReportRow(Array(repeating: ReportCell(""), count: 12) + [
            ReportCell("% DEL PLAN"), .percent(e.plan.porcentaje, formula: .averageOfColumn(column: 13, rowsAt: findingStarts)),
            ReportCell(e.semaforo.label)], total: true))
        let ociTitle = "SEGUIMIENTO" + (e.numero.map { " No. \($0)" } ?? "") + " (para diligenciamiento exclusivo de la OCI)"
        let unidad = plan.unidadAuditable.isEmpty ? "plan" : plan.unidadAuditable
        return ReportDocument(
            formato: plan.formato, titulo: plan.formato.nombreFormato.isEmpty ? "FORMULACIÓN Y SEGUIMIENTO A PLANES DE MEJORAMIENTO" : plan.formato.nombreFormato,
            metadatos: [
                ReportField("Unidad Auditable:", plan.unidadAuditable),
                ReportField("No. de la auditoría:", plan.numeroAuditoria),
                ReportField("Periodo de la auditoría:", plan.periodoAuditoria),
                ReportField("Fecha suscripción:", plan.fechaSuscripcion?.dayFirst ?? ""),
                ReportField("No. Seguimiento:", e.numero.map { "\($0)" + (e.fechaCorte.map { " (corte \($0.dayFirst))" } ?? "") } ?? ""),
            ],
            secciones: [ReportSection(tabla: ReportTable(
                grupos: [ReportColumnGroup("PLAN DE MEJORAMIENTO", columnas: 9), ReportColumnGroup(ociTitle, columnas: 6)],
                columnas: columns, filas: rows))],
            nota: "% de hallazgo: \(plan.metodo.label.lowercased()) calificadas en el seguimiento; % del plan: promedio de los hallazgos.",
            controlDeCambios: plan.controlDeCambios, firmas: plan.firmas,
            nombreArchivo: "\(plan.formato.codigo.isEmpty ? "plan" : plan.formato.codigo)_\(unidad.fileNameSafe)"
                + (e.numero.map { "_seguimiento-\($0)" } ?? "_formulacion"))
    }
    /// A finding's rows: one per action, the finding's cells spanning them (one row when it
    /// has no actions).
    static func findingRows(_ f: FindingSnapshot, _ fe: FindingEvaluation, round: RoundSnapshot?, method: AggregationMethod) -> [ReportRow] {
        let span = max(1, f.acciones.count)
        if f.acciones.isEmpty {
            return [ReportRow([ReportCell("\(f.numero)", valor: Double(f.numero)), ReportCell(f.descripcion), ReportCell(f.causa)]
                              + Array(repeating: ReportCell(""), count: 10)
                              + [.percent(nil), ReportCell(fe.estado.label)])]
        }
        return f.acciones.enumerated().map { ai, a in
            let ae = fe.acciones[ai]
            let grade = round?.grade(for: ae.ref)
            let first = ai == 0
            // Reformulations and the closing review are noted in OBSERVACIONES, after the OCI's own.
            let observaciones = [grade?.observaciones ?? "", f.reformulationNote(action: ai, reformulated: ae.estado == .reformulada, vigente: ae.vigente) ?? "",
                                 first ? FindingSnapshot.closingNote(fe.revision) ?? "" : ""]
                .filter { !$0.isEmpty }.joined(separator: "\n")
            return ReportRow(
                (first ? [ReportCell("\(f.numero)", valor: Double(f.numero), filas: span), ReportCell(f.descripcion, filas: span),
                          ReportCell(f.causa, filas: span)]
                       : [.covered, .covered, .covered])
                + [ReportCell(a.descripcion), ReportCell(a.responsable), ReportCell(a.fechaInicial?.dayFirst ?? ""),
                   ReportCell(a.fechaFinal?.dayFirst ?? ""), ReportCell(a.meta), ReportCell(a.indicador),
                   .percent(ae.porcentaje), ReportCell(grade?.evidencias ?? ""), ReportCell(observaciones),
                   ReportCell(ae.estado?.label ?? "")]
                + (first ? [.percent(fe.avance.porcentaje, filas: span,
                                     formula: method == .mean ? .averageDown(column: 9, rows: span) : nil),
                            ReportCell(fe.estado.label, filas: span)]
                         : [.covered, .covered]))
        }
    }
}

/// The OCI's seguimiento of an anti-corruption program for one period.
public enum ProgramReport {
    public static func build(_ program: ProgramSnapshot, period: Int, method: ProgramMethod = .meanOfComponents) -> ReportDocument {
        let e = ProgramEvaluator.evaluate(program, period: period, method: method)
        let p = program.periodos.first { $0.numero == period }
        let columns = [
            ReportColumn("SUB COMPONENTE", ancho: 22), ReportColumn("ACTIVIDADES", ancho: 36), ReportColumn("META O PRODUCTO", ancho: 28),
            ReportColumn("RESPONSABLES", ancho: 24), ReportColumn("FECHA PROGRAMADA", ancho: 12, tipo: .fecha),
            ReportColumn("% AVANCE", ancho: 10, tipo: .porcentaje, semaforo: true), ReportColumn("SEGUIMIENTO", ancho: 60),
        ]
        func row(_ a: ActivitySnapshot, sub: Bool) -> ReportRow {
            let f = a.followUp(period)
            let percent = ProgramEvaluator.percent(of: a, period: period)
            let cell: ReportCell = f?.noAplica == true && a.subitems.isEmpty ? ReportCell("N/A") : .percent(a.subitems.isEmpty ? percent : nil)
            return ReportRow([ReportCell(sub ? "" : a.subcomponente), ReportCell(a.actividad), ReportCell(a.meta),
                              ReportCell(a.responsables), ReportCell(a.fechaProgramada?.description ?? ""), cell,
                              ReportCell(f?.seguimiento ?? "", enlaces: f?.evidencias ?? [])])
        }
        let sections = program.componentes.map { c in
            ReportSection(titulo: "COMPONENTE \(c.numero): \(c.nombre)", tabla: ReportTable(
                columnas: columns, filas: c.actividades.flatMap { a in [row(a, sub: false)] + a.subitems.map { row($0, sub: true) } }))
        }
        let summary = ReportTable(
            columnas: [ReportColumn("COMPONENTE", ancho: 60), ReportColumn("ACTIVIDADES", ancho: 12, tipo: .numero),
                       ReportColumn("APLICAN", ancho: 10, tipo: .numero), ReportColumn("CUMPLIDAS (100 %)", ancho: 12, tipo: .numero),
                       ReportColumn("% AVANCE", ancho: 10, tipo: .porcentaje, semaforo: true), ReportColumn("ZONA", ancho: 12)],
            filas: e.componentes.map { c in
                ReportRow([ReportCell("\(c.numero). \(c.nombre)"), ReportCell("\(c.actividades)", valor: Double(c.actividades)),
                           ReportCell("\(c.aplican)", valor: Double(c.aplican)), ReportCell("\(c.cumplidas)", valor: Double(c.cumplidas)),
                           .percent(c.porcentaje), ReportCell(c.zona.label)])
            } + [ReportRow([ReportCell("TOTAL PROGRAMA (\(method.label.lowercased()))"), ReportCell("\(e.actividades)", valor: Double(e.actividades)),
                            ReportCell(""), ReportCell("\(e.cumplidas)", valor: Double(e.cumplidas)), .percent(e.porcentaje),
                            ReportCell(e.zona.label)], total: true)])
        let periodName = p?.nombre ?? "PERIODO \(period) \(program.vigencia)"
        return ReportDocument(
            formato: FormatHeader(entidad: program.entidad, proceso: "EVALUACIÓN INDEPENDIENTE", nombreFormato: program.titulo),
            titulo: program.titulo.isEmpty ? ProgramTemplate.paacV2.titulo : program.titulo,
            subtitulo: periodName.uppercased(),
            metadatos: [ReportField("Vigencia:", "\(program.vigencia)"), ReportField("Fecha de corte:", p?.fechaCorte.dayFirst ?? ""),
                        ReportField("Publicar a más tardar:", p?.fechaLimitePublicacion.dayFirst ?? "")],
            secciones: sections,
            nota: "% de componente: promedio de sus actividades que aplican (N/A excluidas); % del programa: \(method.label.lowercased()).",
            resumen: summary, firmas: program.firmas,
            nombreArchivo: "seguimiento-\(program.titulo.contains("TRANSPARENCIA") ? "ptep" : "paac")-\(program.vigencia)-periodo-\(period)")
    }
}
