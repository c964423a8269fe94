import Foundation

/// What a finding, an action and a plan's header need before they are saved — the same rules
/// whether they come from the web form, the JSON API or a whole plan sent at once. Each problem
/// is a Spanish sentence keyed by the field it concerns (the form's field name, which is also
/// the API's JSON key), so the web shows it beside the field and the API names the field.
public enum FormulationRules {
    public typealias Problems = [String: String]

    public static func problems(of finding: FindingSnapshot) -> Problems {
        var e: Problems = [:]
        if finding.numero <= 0 { e["numero"] = "El número del hallazgo debe ser un entero mayor que 0." }
        if finding.descripcion.trimmed.isEmpty { e["descripcion"] = "Describa el hallazgo." }
        return e
    }

    /// An action names who answers for it (a person or at least one dependencia), its dates in
    /// order, its meta and its indicador.
    public static func problems(of action: ActionSnapshot) -> Problems {
        var e: Problems = [:]
        if action.descripcion.trimmed.isEmpty { e["descripcion"] = "Describa la acción." }
        if action.responsable.trimmed.isEmpty && action.dependencias.isEmpty { e["responsable"] = "Indique el responsable." }
        if action.fechaInicial == nil { e["fechaInicial"] = "Escriba la fecha inicial (dd/mm/aaaa)." }
        if action.fechaFinal == nil { e["fechaFinal"] = "Escriba la fecha final (dd/mm/aaaa)." }
        if let start = action.fechaInicial, let end = action.fechaFinal, end < start {
            e["fechaFinal"] = "La fecha final es anterior a la fecha inicial."
        }
        if action.meta.trimmed.isEmpty { e["meta"] = "Escriba la meta." }
        if let quantity = action.metaCantidad, !(quantity.isFinite && quantity >= 0) {
            e["metaCantidad"] = "La cantidad de la meta debe ser un número mayor o igual que 0."
        }
        if action.indicador.trimmed.isEmpty { e["indicador"] = "Escriba el indicador." }
        return e
    }

    /// A plan's header: it names what was audited, by free text or by dependencia.
    public static func headerProblems(unidadAuditable: String, hasDependency: Bool) -> Problems {
        unidadAuditable.trimmed.isEmpty && !hasDependency
            ? ["unidadAuditable": "Escriba la unidad auditable o elija su dependencia."] : [:]
    }

    /// A whole plan sent at once (the API's equivalent of importing a file): findings described
    /// and numbered once, every % between 0 and 100.
    public static func problems(of plan: PlanSnapshot) -> Problems {
        var e: Problems = [:]
        for f in plan.hallazgos where f.descripcion.trimmed.isEmpty {
            e["hallazgos[\(f.numero)].descripcion"] = "Hallazgo \(f.numero): falta la descripción."
        }
        if Set(plan.hallazgos.map(\.numero)).count != plan.hallazgos.count {
            e["hallazgos"] = "Hay números de hallazgo repetidos."
        }
        for r in plan.seguimientos {
            for g in r.calificaciones {
                guard let p = g.porcentaje, !PercentInput(number: p).isAcceptable else { continue }
                e["seguimientos[\(r.numero)].porcentaje"] = "Seguimiento \(r.numero), hallazgo \(g.accion.hallazgo + 1), "
                    + "acción \(g.accion.accion + 1): el % de avance debe estar entre 0 y 100."
            }
        }
        return e
    }
}
