import Foundation

/// The checks of an anti-corruption program, each naming the component and activity.
public enum ProgramChecks {
    /// `asOf`: the date against which “past its date” is judged (the period's cut-off), by the
    /// same rule as a plan's actions (`Schedule.isOverdue`).
    public static func run(_ program: ProgramSnapshot, period: Int, asOf: LocalDate?) -> [CheckResult] {
        var out: [CheckResult] = []
        func add(_ code: String, _ sev: CheckResult.Severity, _ c: Int, _ a: Int, _ text: String) {
            out.append(CheckResult(codigo: code, severidad: sev, hallazgo: c, accion: a,
                                   mensaje: "Componente \(c), actividad \(a): \(text)"))
        }
        for component in program.componentes {
            for (i, activity) in component.actividades.enumerated() {
                let n = i + 1
                let responsables = activity.responsables.trimmed.isEmpty ? activity.subitems.first?.responsables ?? "" : activity.responsables
                let meta = activity.meta.trimmed.isEmpty ? activity.subitems.first?.meta ?? "" : activity.meta
                let date = activity.fechaProgramada ?? activity.subitems.first?.fechaProgramada
                if responsables.trimmed.isEmpty { add("sin_responsable", .error, component.numero, n, "la actividad no tiene responsable.") }
                if meta.trimmed.isEmpty { add("sin_meta", .error, component.numero, n, "la actividad no tiene meta o producto.") }
                if case .date(let d)? = date, d.year != program.vigencia {
                    add("fecha_fuera_de_vigencia", .advertencia, component.numero, n,
                        "la fecha programada \(d.dayFirst) está fuera de la vigencia \(program.vigencia).")
                }
                let percent = ProgramEvaluator.percent(of: activity, period: period)
                if case .date(let d)? = date, let asOf, ProgramEvaluator.applies(activity, period: period),
                   Schedule.isOverdue(percent: percent, fechaFinal: d, at: asOf) {
                    let progress = percent.map { "el avance es \(SpanishFormat.percent($0))" } ?? "no tiene % de avance en este seguimiento"
                    add("vencida", .advertencia, component.numero, n, "la fecha programada (\(d.dayFirst)) ya pasó y \(progress).")
                }
                let items = activity.subitems.isEmpty ? [activity] : [activity] + activity.subitems
                let hasEvidence = items.contains { !($0.followUp(period)?.evidencias.isEmpty ?? true) }
                if let percent, percent > 0, !hasEvidence {
                    add("sin_evidencia", .advertencia, component.numero, n,
                        "el seguimiento reporta \(SpanishFormat.percent(percent)) sin enlaces de evidencia.")
                }
            }
        }
        return out
    }
}
