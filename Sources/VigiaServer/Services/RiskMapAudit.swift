import Foundation
import VigiaCore

/// What the audit trail keeps of a change to a map: one line per risk that changed, before and
/// after, with its ratings, its controls and, per action, its dates and each period's grade — so a
/// grade changed from 80 % to 100 %, or a deleted risk's text, can be read back.
enum RiskMapAudit {
    static func changes(_ before: RiskMap, _ after: RiskMap) -> [FieldChange] {
        let numbers = Set(before.riesgos.map(\.numero)).union(after.riesgos.map(\.numero)).sorted()
        return numbers.compactMap { n in
            let old = before.riesgos.first { $0.numero == n }, new = after.riesgos.first { $0.numero == n }
            guard old != new else { return nil }
            return FieldChange(field: "riesgo \(n)", old: old.map { summary($0, before.metodologia) }, new: new.map { summary($0, after.metodologia) })
        }
    }

    static func summary(_ r: Risk, _ m: RiskMethodology) -> String {
        var parts = ["\(r.proceso): \(r.riesgo.prefix(160))", "inherente \(m.label(r.inherente)), residual \(m.label(r.residual(m)))",
                     "opción de manejo: \(r.opcionDeManejo?.label ?? "—")"]
        parts += r.controles.enumerated().map { k, c in "control \(k + 1): \(c.descripcion.prefix(80)) (\(c.tipo.rawValue), \(c.implementacion.rawValue)\(c.puntaje.map { ", \(SpanishFormat.number($0)) puntos" } ?? ""))" }
        parts += r.acciones.enumerated().map { k, a in
            let grades = a.seguimientos.map { "periodo \($0.periodo): \(SpanishFormat.percent($0.porcentaje))" + ($0.observaciones.isEmpty ? "" : " «\($0.observaciones.prefix(120))»") }
            return "acción \(k + 1): \(a.plan.descripcion.prefix(80)) — \(a.plan.responsable), \(a.plan.fechaInicio?.dayFirst ?? "—") a \(a.plan.fechaFin?.dayFirst ?? "—")"
                + (grades.isEmpty ? "" : "; " + grades.joined(separator: "; "))
        }
        parts += r.materializaciones.filter(\.materializado).map { "se materializó en el periodo \($0.periodo): \($0.descripcion.prefix(160))" }
        return parts.joined(separator: " · ")
    }
}
