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
        let rated = ratingColumns(m).count
        let table = ReportTable(grupos: [.init("IDENTIFICACIÓN DEL RIESGO", columnas: 5), .init("RIESGO INHERENTE", columnas: rated),
                                         .init("CONTROLES", columnas: 2), .init("RIESGO RESIDUAL", columnas: rated),
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

    /// A rating's columns: the 2015 guide prints probabilidad, impacto, their product and the zone
    /// («3 10 30 ALTA»); Función Pública the two percentages and the zone. In the XLSX the levels are
    /// numbers, and the score and the zone formulas over them.
    static func ratingColumns(_ m: RiskMethodology) -> [ReportColumn] {
        let kind: ReportColumn.Kind = m.estilo == .producto ? .numero : .porcentaje
        return [.init("Probabilidad", ancho: 11, tipo: kind), .init("Impacto", ancho: 11, tipo: kind)]
            + (m.estilo == .producto ? [.init("Puntaje", ancho: 8, tipo: .numero)] : []) + [.init("Zona", ancho: 12)]
    }

    /// The first column of the inherent (0) or residual (1) rating.
    static func ratingStart(_ m: RiskMethodology, residual: Bool) -> Int { residual ? 5 + ratingColumns(m).count + 2 : 5 }

    static func columns(_ m: RiskMethodology) -> [ReportColumn] {
        [.init("No.", ancho: 5, tipo: .numero), .init("Proceso", ancho: 12), .init("Causas", ancho: 22), .init("Riesgo", ancho: 30),
         .init("Consecuencias", ancho: 18)] + ratingColumns(m) +
        [.init("Control", ancho: 26), .init("Tipo", ancho: 10)] + ratingColumns(m) +
        [.init("Opción de manejo", ancho: 11), .init("Acción", ancho: 26), .init("Responsable", ancho: 14),
         .init("Fecha inicio", ancho: 10, tipo: .fecha), .init("Fecha fin", ancho: 10, tipo: .fecha), .init("Indicador", ancho: 16),
         .init("% de avance", ancho: 9, tipo: .porcentaje, semaforo: true), .init("Observaciones", ancho: 24),
         .init("% del riesgo", ancho: 9, tipo: .porcentaje, semaforo: true)]
    }

    /// The risk's rows: its own cells span them; each row holds one control and one action.
    static func rows(_ r: Risk, _ m: RiskMethodology, period: Int, percent: Double?) -> [ReportRow] {
        let n = max(1, r.controles.count, r.acciones.count)
        func rating(_ x: RiskRating, residual: Bool) -> [ReportCell] {
            ratingCells(x, m, rows: n, start: ratingStart(m, residual: residual))
        }
        return (0..<n).map { k in
            var cells: [ReportCell] = []
            if k == 0 {
                cells += [ReportCell("\(r.numero)", valor: Double(r.numero), filas: n), ReportCell(r.proceso, filas: n),
                          ReportCell([r.causasInternas, r.causasExternas].filter { !$0.isEmpty }.joined(separator: "\n"), filas: n),
                          ReportCell(r.riesgo, filas: n), ReportCell(r.consecuencias, filas: n)] + rating(r.inherente, residual: false)
            } else {
                cells += Array(repeating: .covered, count: 5 + ratingColumns(m).count)
            }
            let c = r.controles.indices.contains(k) ? r.controles[k] : nil
            cells += [ReportCell(c?.descripcion ?? ""), ReportCell(c.map { $0.tipo.rawValue.capitalized } ?? "")]
            cells += k == 0 ? rating(r.residual(m), residual: true) + [ReportCell(r.opcionDeManejo?.label ?? "", filas: n)]
                : Array(repeating: .covered, count: ratingColumns(m).count + 1)
            let a = r.acciones.indices.contains(k) ? r.acciones[k] : nil
            let f = a?.followUp(period)
            cells += [ReportCell(a?.plan.descripcion ?? ""), ReportCell(a?.plan.responsable ?? ""), ReportCell(a?.plan.fechaInicio?.dayFirst ?? ""),
                      ReportCell(a?.plan.fechaFin?.dayFirst ?? ""), ReportCell(a?.plan.indicador ?? ""),
                      .percent(f?.porcentaje), ReportCell(f?.observaciones ?? "")]
            cells.append(k == 0 ? .percent(percent, filas: n) : .covered)
            return ReportRow(cells)
        }
    }

    /// One rating's cells from column `start`: the levels (text «4 Probable» or «Media (60 %)» over
    /// their value), the 2015 score as a product formula, and the zone as a lookup in the heat map.
    static func ratingCells(_ x: RiskRating, _ m: RiskMethodology, rows n: Int, start: Int) -> [ReportCell] {
        let producto = m.estilo == .producto
        guard m.contains(x) else { return Array(repeating: ReportCell("", filas: n), count: ratingColumns(m).count) }
        let p = m.probabilidades[x.probabilidad], i = m.impactos[x.impacto]
        func level(_ l: RiskMethodology.Level) -> ReportCell {
            ReportCell(producto ? "\(SpanishFormat.number(l.valor)) \(l.nombre)" : "\(l.nombre) (\(SpanishFormat.number(l.valor)) %)", valor: l.valor, filas: n)
        }
        // The sheet's keys are what it holds: the levels' values (percentages as fractions).
        let key = { (l: RiskMethodology.Level) in producto ? l.valor : l.valor / 100 }
        let table = m.probabilidades.indices.map { pi in m.impactos.indices.map { ii in m.zone(probabilidad: pi, impacto: ii)?.nombre.uppercased() ?? "" } }
        let zone = ReportCell(m.zone(probabilidad: x.probabilidad, impacto: x.impacto)?.nombre.uppercased() ?? "", filas: n,
                              formula: .lookup(rowColumn: start, columnColumn: start + 1, rowKeys: m.probabilidades.map(key),
                                               columnKeys: m.impactos.map(key), table: table))
        guard producto else { return [level(p), level(i), zone] }
        let score = m.score(x) ?? 0
        return [level(p), level(i), ReportCell(SpanishFormat.number(score), valor: score, filas: n, formula: .product(columns: [start, start + 1])), zone]
    }
}
