import Foundation

/// One row of the CGR's SIRECI form F14.1 («Planes de mejoramiento – Entidades»): one action of a
/// finding, as the form lays it out, with the OCI's avance at the cut-off.
public struct F14Row: Codable, Sendable, Equatable {
    public var codigoHallazgo: String
    public var descripcionHallazgo: String
    public var causa: String
    public var efecto: String
    public var accionDeMejora: String
    public var objetivo: String
    public var descripcionActividades: String
    public var unidadDeMedida: String
    public var cantidad: Double?
    public var fechaInicio: LocalDate?
    public var fechaTerminacion: LocalDate?
    /// (terminación − inicio) / 7, rounded as the form prints it; nil without both dates.
    public var plazoSemanas: Int?
    /// The OCI's % at the latest seguimiento cut on or before the cut-off (nil: not graded).
    public var avanceFisico: Double?
    public var observaciones: String
    /// Its fecha de terminación is on or before the cut-off: it counts for cumplimiento.
    public var vencida: Bool
    /// False for an action REFORMULADA by the cut-off: listed, with its note, but left out of the
    /// cumplimiento and the avance (its successor counts).
    public var cuenta: Bool = true
}

/// The F14.1 of a plan at a semester cut-off (30/06 or 31/12) and the OCI's two figures, as the
/// CGR's evaluation sheet distinguishes them, each action weighted by its plazo en semanas:
/// **cumplimiento** = Σ (avance × plazo) of the actions already due ÷ Σ plazo of those actions;
/// **avance** = the same over every action. Actions without both dates have no plazo and do not count.
public struct F14Evaluation: Codable, Sendable, Equatable {
    public var corte: LocalDate
    /// The plan's seguimiento whose grades were read (the latest cut on or before the cut-off).
    public var seguimiento: Int?
    public var filas: [F14Row]
    public var cumplimiento: Double?
    public var avance: Double?
}

public enum F14Report {
    /// The form's «modalidad de registro» for a semester report.
    public static let modalidadSeguimiento = "2 AVANCE Ó SEGUIMIENTO DEL PLAN DE MEJORAMIENTO"

    /// Whether `day` is one of the form's cut-offs.
    public static func isSemesterCut(_ day: LocalDate) -> Bool { (day.month == 6 && day.day == 30) || (day.month == 12 && day.day == 31) }

    /// The semester cut-offs of this year and the last, the nearest first: what a CGR plan may be reported at.
    public static func recentCuts(today: LocalDate) -> [LocalDate] {
        [today.year, today.year - 1].flatMap { y in [LocalDate(year: y, month: 12, day: 31), LocalDate(year: y, month: 6, day: 30)].compactMap { $0 } }
            .sorted { abs(LocalDate.days(from: today, to: $0)) < abs(LocalDate.days(from: today, to: $1)) }
    }

    public static func plazoSemanas(_ start: LocalDate?, _ end: LocalDate?) -> Int? {
        guard let start, let end, end >= start else { return nil }
        return Int((Double(LocalDate.days(from: start, to: end)) / 7).rounded())
    }

    public static func evaluate(_ plan: PlanSnapshot, corte: LocalDate) -> F14Evaluation {
        let round = plan.seguimientos.filter { r in r.fechaCorte.map { $0 <= corte } ?? false }.max { $0.numero < $1.numero }
        let e = round.map { PlanEvaluator.evaluate(plan, round: $0.numero) }
        var rows: [F14Row] = []
        for (fi, f) in plan.hallazgos.enumerated() {
            for (ai, a) in f.acciones.enumerated() {
                // Reformulations by the cut-off's date: a successor approved after it did not exist yet.
                if let previous = a.reformulaA, let day = f.acciones.first(where: { $0.id == previous })?.approvedReformulation?.fechaDecision,
                   day > corte { continue }
                let reformulated = a.approvedReformulation?.fechaDecision.map { $0 <= corte } ?? false
                let grade = round?.calificaciones.first { $0.accion == ActionRef(hallazgo: fi, accion: ai) }
                let percent = e.flatMap { $0.hallazgos.indices.contains(fi) && $0.hallazgos[fi].acciones.indices.contains(ai) ? $0.hallazgos[fi].acciones[ai].porcentaje : nil }
                rows.append(F14Row(codigoHallazgo: (f.codigo ?? "").trimmed.isEmpty ? "\(f.numero)" : (f.codigo ?? "").trimmed, descripcionHallazgo: f.descripcion, causa: f.causa,
                                   efecto: f.efecto, accionDeMejora: a.descripcion, objetivo: (a.objetivo ?? "").trimmed, descripcionActividades: a.meta,
                                   unidadDeMedida: a.metaUnidad ?? "", cantidad: a.metaCantidad, fechaInicio: a.fechaInicial,
                                   fechaTerminacion: a.fechaFinal, plazoSemanas: plazoSemanas(a.fechaInicial, a.fechaFinal),
                                   avanceFisico: percent,
                                   observaciones: [grade?.observaciones ?? "", f.reformulationNote(action: ai, reformulated: reformulated) ?? ""]
                                       .filter { !$0.isEmpty }.joined(separator: "\n"),
                                   vencida: a.fechaFinal.map { $0 <= corte } ?? false, cuenta: !reformulated))
            }
        }
        func weighted(_ rs: [F14Row]) -> Double? {
            let counted = rs.compactMap { r in r.plazoSemanas.map { (weeks: Double($0), percent: min(100, max(0, r.avanceFisico ?? 0))) } }
            let total = counted.reduce(0) { $0 + $1.weeks }
            guard total > 0 else { return nil }
            return counted.reduce(0) { $0 + $1.weeks * $1.percent } / total
        }
        let counted = rows.filter(\.cuenta)
        return F14Evaluation(corte: corte, seguimiento: round?.numero, filas: rows, cumplimiento: weighted(counted.filter(\.vencida)), avance: weighted(counted))
    }
}

extension F14Report {
    /// The F14.1 as a `ReportDocument`: one row per action in the form's column order (the plazo en
    /// semanas a formula over the two dates in the XLSX), and the OCI's cumplimiento and avance.
    public static func build(_ plan: PlanSnapshot, corte: LocalDate, formato: FormatHeader) -> ReportDocument {
        let e = evaluate(plan, corte: corte)
        let columns: [ReportColumn] = [
            .init("(1) No.", ancho: 6, tipo: .numero), .init("FILA", ancho: 9), .init("MODALIDAD DE REGISTRO", ancho: 22),
            .init("CÓDIGO HALLAZGO", ancho: 12), .init("DESCRIPCIÓN DEL HALLAZGO", ancho: 36), .init("CAUSA DEL HALLAZGO", ancho: 26),
            .init("EFECTO DEL HALLAZGO", ancho: 22), .init("ACCIÓN DE MEJORA", ancho: 30), .init("OBJETIVO", ancho: 24), .init("ACTIVIDADES / DESCRIPCIÓN", ancho: 30),
            .init("ACTIVIDADES / UNIDAD DE MEDIDA", ancho: 14), .init("ACTIVIDADES / CANTIDADES UNIDAD DE MEDIDA", ancho: 11, tipo: .numero),
            .init("ACTIVIDADES / FECHA DE INICIO", ancho: 11, tipo: .fecha), .init("ACTIVIDADES / FECHA DE TERMINACIÓN", ancho: 11, tipo: .fecha),
            .init("ACTIVIDADES / PLAZO EN SEMANAS", ancho: 9, tipo: .numero), .init("ACTIVIDADES / AVANCE FÍSICO DE EJECUCIÓN", ancho: 10, tipo: .porcentaje),
            .init("OBSERVACIONES", ancho: 30),
        ]
        let rows = e.filas.enumerated().map { k, r in
            ReportRow([ReportCell("\(k + 1)", valor: Double(k + 1)), ReportCell("FILA_\(k + 1)"), ReportCell(modalidadSeguimiento),
                       ReportCell(r.codigoHallazgo), ReportCell(r.descripcionHallazgo), ReportCell(r.causa), ReportCell(r.efecto),
                       ReportCell(r.accionDeMejora), ReportCell(r.objetivo), ReportCell(r.descripcionActividades), ReportCell(r.unidadDeMedida),
                       ReportCell(r.cantidad.map { SpanishFormat.number($0) } ?? "", valor: r.cantidad),
                       ReportCell(r.fechaInicio?.dayFirst ?? ""), ReportCell(r.fechaTerminacion?.dayFirst ?? ""),
                       ReportCell(r.plazoSemanas.map(String.init) ?? "", valor: r.plazoSemanas.map(Double.init), formula: .weeksBetween(start: 12, end: 13)),
                       .percent(r.avanceFisico), ReportCell(r.observaciones)])
        }
        let summary = ReportTable(columnas: [.init("Indicador", ancho: 30), .init("Resultado", ancho: 12, tipo: .porcentaje, semaforo: true),
                                             .init("Cómo se calcula", ancho: 70)],
                                  filas: [ReportRow([ReportCell("Cumplimiento del plan"), .percent(e.cumplimiento),
                                                     ReportCell("Acciones con fecha de terminación hasta el corte: Σ (avance × plazo en semanas) ÷ Σ plazo en semanas.")]),
                                          ReportRow([ReportCell("Avance del plan"), .percent(e.avance),
                                                     ReportCell("Todas las acciones: Σ (avance × plazo en semanas) ÷ Σ plazo en semanas.")])])
        let corteText = "\(corte.year)/\(corte.month < 10 ? "0" : "")\(corte.month)/\(corte.day < 10 ? "0" : "")\(corte.day)"
        return ReportDocument(
            formato: FormatHeader(entidad: formato.entidad.isEmpty ? plan.formato.entidad : formato.entidad, proceso: "EVALUACIÓN INDEPENDIENTE",
                                  nombreFormato: "F14.1: PLANES DE MEJORAMIENTO - ENTIDADES"),
            titulo: "F14.1 PLANES DE MEJORAMIENTO - ENTIDADES (SIRECI)",
            subtitulo: "Corte \(corte.dayFirst) · \(plan.unidadAuditable)",
            metadatos: [ReportField("Entidad", formato.entidad.isEmpty ? plan.formato.entidad : formato.entidad), ReportField("Fecha", corteText),
                        ReportField("Periodicidad", "6 SEMESTRAL"), ReportField("Plan", [plan.unidadAuditable, plan.numeroAuditoria].filter { !$0.isEmpty }.joined(separator: " · ")),
                        ReportField("Seguimiento de la OCI usado", e.seguimiento.map { "\($0)" } ?? "ninguno con corte hasta esa fecha"),
                        ReportField("Cumplimiento", SpanishFormat.percent(e.cumplimiento)), ReportField("Avance", SpanishFormat.percent(e.avance))],
            secciones: [ReportSection(tabla: ReportTable(columnas: columns, filas: rows)), ReportSection(titulo: "Evaluación de la OCI", tabla: summary)],
            nota: "Avance físico = % de la OCI en su último seguimiento con corte hasta \(corte.dayFirst). Plazo en semanas = (terminación − inicio) ÷ 7, redondeado.",
            nombreArchivo: "F14.1_\(plan.unidadAuditable.fileNameSafe)_\(corte.iso)")
    }
}
