import Foundation

/// The mapa de riesgos de corrupción and the OCI's seguimiento of one period as a `ReportDocument`
/// (printable page, XLSX, PDF): one block of rows per risk, as many rows as its longest list of
/// controls or actions, the risk's own cells spanning them, the ratings in the methodology's
/// published style, and the period's % per action and per risk.
public enum RiskMapDocument {
    public static func build(_ map: RiskMap, period: Int, formato: FormatHeader,
                             method: RiskMapEvaluation.AggregationMethod = .promedioRiesgos) -> ReportDocument {
        let m = map.metodologia
        let e = RiskMapEvaluation(map, period: period, method: method)
        let periodo = map.periodos.first { $0.numero == period }
        let periodName = periodo?.displayName ?? "Periodo \(period)"
        let table = ReportTable(grupos: [.init("IDENTIFICACIÓN DEL RIESGO", columnas: 5), .init("RIESGO INHERENTE", columnas: 3),
                                         .init("CONTROLES", columnas: 2), .init("RIESGO RESIDUAL", columnas: 3),
                                         .init("TRATAMIENTO", columnas: 6), .init("SEGUIMIENTO OCI", columnas: 3)],
                                columnas: columns(m), filas: map.riesgos.flatMap { rows($0, m, period: period, percent: e.porRiesgo[$0.numero]) })
        // The entity's name and proceso with the document's own name (its plan format's code and version are not this document's).
        let formato = FormatHeader(entidad: formato.entidad.isEmpty ? map.entidad : formato.entidad,
                                   proceso: formato.proceso.isEmpty ? "EVALUACIÓN INDEPENDIENTE" : formato.proceso,
                                   nombreFormato: "MAPA DE RIESGOS DE CORRUPCIÓN Y SEGUIMIENTO DE LA OCI")
        let summary = ReportTable(columnas: [.init("Zona", ancho: 16), .init("Riesgo inherente", ancho: 14, tipo: .numero),
                                             .init("Riesgo residual", ancho: 14, tipo: .numero)],
                                  filas: map.risksPerZone.map { z in
                                      ReportRow([ReportCell(z.zone), ReportCell("\(z.inherent)", valor: Double(z.inherent)),
                                                 ReportCell("\(z.residual)", valor: Double(z.residual))])
                                  })
        return ReportDocument(
            formato: formato, titulo: "MAPA DE RIESGOS DE CORRUPCIÓN \(map.vigencia)",
            subtitulo: "Seguimiento de la Oficina de Control Interno · \(periodName)",
            metadatos: [ReportField("Entidad", formato.entidad), ReportField("Vigencia", "\(map.vigencia)"),
                        ReportField("Metodología", m.nombre), ReportField("Fecha de corte", periodo?.fechaCorte.dayFirst ?? ""),
                        ReportField("Avance del mapa", SpanishFormat.percent(e.porcentaje))],
            secciones: [ReportSection(tabla: table), ReportSection(titulo: "Riesgos por zona", tabla: summary)],
            nota: "Calificaciones en la escala de la metodología «\(m.nombre)» (\(m.fuente)). % del riesgo = promedio de sus acciones calificadas en el periodo; "
                + (method == .promedioRiesgos ? "% del mapa = promedio de los riesgos." : "% del mapa = promedio de todas las acciones calificadas."),
            nombreArchivo: "mapa-riesgos-corrupcion_\(periodName.fileNameSafe)")
    }

    static func columns(_ m: RiskMethodology) -> [ReportColumn] {
        [.init("No.", ancho: 5, tipo: .numero), .init("Proceso", ancho: 12), .init("Causas", ancho: 22), .init("Riesgo", ancho: 30),
         .init("Consecuencias", ancho: 18),
         .init("Probabilidad", ancho: 10), .init("Impacto", ancho: 10), .init("Zona", ancho: 14),
         .init("Control", ancho: 26), .init("Tipo", ancho: 10),
         .init("Probabilidad", ancho: 10), .init("Impacto", ancho: 10), .init("Zona", ancho: 14),
         .init("Opción de manejo", ancho: 11), .init("Acción", ancho: 26), .init("Responsable", ancho: 14),
         .init("Fecha inicio", ancho: 10, tipo: .fecha), .init("Fecha fin", ancho: 10, tipo: .fecha), .init("Indicador", ancho: 16),
         .init("% de avance", ancho: 9, tipo: .porcentaje, semaforo: true), .init("Observaciones", ancho: 24),
         .init("% del riesgo", ancho: 9, tipo: .porcentaje, semaforo: true)]
    }

    /// The risk's rows: its own cells span them; each row holds one control and one action.
    static func rows(_ r: Risk, _ m: RiskMethodology, period: Int, percent: Double?) -> [ReportRow] {
        let n = max(1, r.controles.count, r.acciones.count)
        func rating(_ x: RiskRating) -> [ReportCell] {
            guard m.contains(x) else { return [ReportCell(""), ReportCell(""), ReportCell("")] }
            let p = m.probabilidades[x.probabilidad], i = m.impactos[x.impacto]
            let style = { (l: RiskMethodology.Level) in m.estilo == .producto ? "\(SpanishFormat.number(l.valor)) \(l.nombre)" : "\(l.nombre) (\(SpanishFormat.number(l.valor)) %)" }
            let zone = m.zone(probabilidad: x.probabilidad, impacto: x.impacto)?.nombre.uppercased() ?? ""
            let score = m.estilo == .producto ? m.score(x).map { "\(SpanishFormat.number($0)) " } ?? "" : ""
            return [ReportCell(style(p), filas: n), ReportCell(style(i), filas: n), ReportCell(score + zone, filas: n)]
        }
        return (0..<n).map { k in
            var cells: [ReportCell] = []
            if k == 0 {
                cells += [ReportCell("\(r.numero)", valor: Double(r.numero), filas: n), ReportCell(r.proceso, filas: n),
                          ReportCell([r.causasInternas, r.causasExternas].filter { !$0.isEmpty }.joined(separator: "\n"), filas: n),
                          ReportCell(r.riesgo, filas: n), ReportCell(r.consecuencias, filas: n)] + rating(r.inherente)
            } else {
                cells += Array(repeating: .covered, count: 8)
            }
            let c = r.controles.indices.contains(k) ? r.controles[k] : nil
            cells += [ReportCell(c?.descripcion ?? ""), ReportCell(c.map { $0.tipo.rawValue.capitalized } ?? "")]
            cells += k == 0 ? rating(r.residual(m)) + [ReportCell(r.opcionDeManejo?.label ?? "", filas: n)] : Array(repeating: .covered, count: 4)
            let a = r.acciones.indices.contains(k) ? r.acciones[k] : nil
            let f = a?.followUp(period)
            cells += [ReportCell(a?.plan.descripcion ?? ""), ReportCell(a?.plan.responsable ?? ""), ReportCell(a?.plan.fechaInicio?.dayFirst ?? ""),
                      ReportCell(a?.plan.fechaFin?.dayFirst ?? ""), ReportCell(a?.plan.indicador ?? ""),
                      .percent(f?.porcentaje), ReportCell(f?.observaciones ?? "")]
            cells.append(k == 0 ? .percent(percent, filas: n) : .covered)
            return ReportRow(cells)
        }
    }
}
