import Foundation

/// A problem an auditor wants flagged, not silently accepted.
public struct CheckResult: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable { case error, advertencia }
    public var codigo: String
    public var severidad: Severity
    /// Finding number (as printed) and action position from 1, when it concerns one.
    public var hallazgo: Int?
    public var accion: Int?
    public var mensaje: String
}

/// Entity settings the checks need.
public struct CheckSettings: Sendable {
    /// Maximum term of a plan in months after its subscription (nil: no limit).
    public var maxPlanMonths: Int?
    public init(maxPlanMonths: Int? = 12) { self.maxPlanMonths = maxPlanMonths }
}

/// The validation checks of the domain, each with a Spanish message naming what it concerns.
public enum PlanChecks {
    public static func run(_ plan: PlanSnapshot, settings: CheckSettings = .init()) -> [CheckResult] {
        var out = CheckList()
        checkHeader(plan, &out)
        let limit = plan.fechaSuscripcion.flatMap { s in settings.maxPlanMonths.map { s.adding(months: $0) } }
        for finding in plan.hallazgos {
            if finding.acciones.isEmpty { out.add("hallazgo_sin_acciones", .error, finding.numero, nil, "el hallazgo no tiene acciones.") }
            for (i, action) in finding.acciones.enumerated() {
                checkDates(action, plan, settings, limit: limit, &out, finding.numero, i + 1)
                checkMeasures(action, &out, finding.numero, i + 1)
            }
        }
        for round in plan.seguimientos.sorted(by: { $0.numero < $1.numero }) { checkRound(round, plan, &out) }
        checkClosing(plan, &out)
        return out.results
    }

    /// The results so far; each message starts with the finding and action it concerns.
    struct CheckList {
        var results: [CheckResult] = []
        mutating func add(_ code: String, _ sev: CheckResult.Severity, _ f: Int?, _ a: Int?, _ text: String) {
            let place: String
            switch (f, a) {
            case let (f?, a?): place = "Hallazgo \(f), acción \(a): "
            case let (f?, nil): place = "Hallazgo \(f): "
            default: place = ""
            }
            results.append(CheckResult(codigo: code, severidad: sev, hallazgo: f, accion: a, mensaje: place + text))
        }
    }

    static func checkHeader(_ plan: PlanSnapshot, _ out: inout CheckList) {
        if plan.unidadAuditable.trimmed.isEmpty {
            out.add("sin_unidad", .advertencia, nil, nil, "El plan no indica la unidad auditable.")
        }
        if plan.fechaSuscripcion == nil {
            out.add("sin_suscripcion", .advertencia, nil, nil,
                    "El plan no tiene fecha de suscripción: no se puede verificar que las acciones empiecen después ni el plazo máximo.")
        }
        if plan.hallazgos.isEmpty { out.add("sin_hallazgos", .advertencia, nil, nil, "El plan no tiene hallazgos.") }
    }

    /// Responsable and dates: present, in order, within the subscription and the maximum term.
    static func checkDates(_ action: ActionSnapshot, _ plan: PlanSnapshot, _ settings: CheckSettings, limit: LocalDate?,
                           _ out: inout CheckList, _ f: Int, _ a: Int) {
        if action.responsable.trimmed.isEmpty && action.dependencias.isEmpty {
            out.add("sin_responsable", .error, f, a, "la acción no tiene responsable.")
        }
        switch (action.fechaInicial, action.fechaFinal) {
        case let (start?, end?) where end < start:
            out.add("fechas_invertidas", .error, f, a,
                    "la fecha final (\(end.dayFirst)) es anterior a la fecha inicial (\(start.dayFirst)).")
        case (nil, _), (_, nil):
            out.add("sin_fechas", .error, f, a, "falta la fecha inicial o la fecha final.")
        default: break
        }
        if let start = action.fechaInicial, let s = plan.fechaSuscripcion, start < s {
            out.add("inicia_antes_suscripcion", .advertencia, f, a,
                    "la acción inicia (\(start.dayFirst)) antes de la suscripción del plan (\(s.dayFirst)).")
        }
        if let end = action.fechaFinal, let limit, end > limit, let months = settings.maxPlanMonths {
            out.add("excede_plazo_maximo", .advertencia, f, a,
                    "la acción termina (\(end.dayFirst)) después del plazo máximo del plan (\(months) meses: \(limit.dayFirst)).")
        }
    }

    /// A meta with a quantity and an indicator that is a count or a ratio.
    static func checkMeasures(_ action: ActionSnapshot, _ out: inout CheckList, _ f: Int, _ a: Int) {
        if action.meta.trimmed.isEmpty {
            out.add("sin_meta", .error, f, a, "la acción no tiene meta.")
        } else if action.metaCantidad == nil {
            out.add("meta_sin_cantidad", .advertencia, f, a, "la meta no tiene una cantidad medible.")
        }
        if action.indicador.trimmed.isEmpty {
            out.add("sin_indicador", .error, f, a, "la acción no tiene indicador.")
        } else if !IndicatorShape.isCountOrRatio(action.indicador) {
            out.add("indicador_no_medible", .advertencia, f, a,
                    "el indicador «\(action.indicador.trimmed)» no es un conteo (número de…) ni una razón (…/…, porcentaje de…).")
        }
    }

    /// A round: its cut-off, CERRADO only at 100 %, and no closed finding with open actions.
    static func checkRound(_ round: RoundSnapshot, _ plan: PlanSnapshot, _ out: inout CheckList) {
        let evaluation = PlanEvaluator.evaluate(plan, round: round.numero)
        let label = "Seguimiento \(round.numero)"
        if round.fechaCorte == nil && !round.calificaciones.isEmpty {
            out.add("seguimiento_sin_corte", .advertencia, nil, nil, "\(label) no tiene fecha de corte: los estados no se pueden sugerir.")
        }
        for grade in round.calificaciones {
            guard plan.hallazgos.indices.contains(grade.accion.hallazgo) else { continue }
            let f = plan.hallazgos[grade.accion.hallazgo].numero, a = grade.accion.accion + 1
            if grade.estado == .cerrada && !grade.isGraded {
                out.add("cerrado_sin_avance", .error, f, a, "CERRADO sin % de avance (\(label)).")
            }
            if let p = grade.porcentaje, grade.estado == .cerrada, p < 100 {
                out.add("cerrado_incompleto", .error, f, a, "CERRADO con \(SpanishFormat.percent(p)) de avance (\(label)).")
            }
        }
        for finding in evaluation.hallazgos where finding.estado == .cerrado {
            if finding.acciones.contains(where: { $0.estado?.isDone != true && $0.estado != .reformulada }) {
                out.add("hallazgo_cerrado_con_abiertas", .error, finding.numero, nil,
                        "el hallazgo está CERRADO pero tiene acciones abiertas (\(label)).")
            }
        }
    }
}

extension PlanChecks {
    /// A finding CERRADO today (the latest round) must have been closed by a review of eficacia
    /// and efectividad; an imported plan may carry CERRADO from its spreadsheet without one.
    static func checkClosing(_ plan: PlanSnapshot, _ out: inout CheckList) {
        let latest = PlanEvaluator.current(plan)
        for finding in latest.hallazgos where finding.estado == .cerrado && finding.revision?.decision != .cerrar {
            out.add("hallazgo_cerrado_sin_revision", .advertencia, finding.numero, nil,
                    "el hallazgo figura CERRADO sin una revisión de eficacia y efectividad registrada que lo cierre.")
        }
    }
}

/// Whether an indicator is a count (“Número de…”) or a ratio (“… / …”, “Porcentaje de…”).
public enum IndicatorShape {
    public static func isCountOrRatio(_ text: String) -> Bool {
        let t = text.folded
        let countWords = ["NUMERO DE", "NO. DE", "N° DE", "NO DE", "CANTIDAD DE", "TOTAL DE", "#"]
        let ratioWords = ["PORCENTAJE", "%", "/", " SOBRE ", "PROPORCION", "TASA DE", "RAZON", "INDICE"]
        return countWords.contains { t.hasPrefix($0) } || ratioWords.contains { t.contains($0) }
    }
}

/// Reads a measurable quantity at the head of a meta: “1 diagnóstico elaborado” → 1,
/// “100% de los incumplimientos…” → 100 %, “2 sesiones…” → 2.
public enum MetaQuantity {
    public static func parse(_ meta: String) -> (quantity: Double, unit: String)? {
        let words = meta.trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // The first number within the first few words (“Realizar al menos 1 jornada…”).
        for (i, word) in words.prefix(5).enumerated() {
            var w = word
            var isPercent = false
            if w.hasSuffix("%") { w.removeLast(); isPercent = true }
            guard let value = PercentInput.number(w), value >= 0 else { continue }
            let rest = words.dropFirst(i + 1).prefix(3).joined(separator: " ")
            return (value, isPercent ? "%" : rest)
        }
        return nil
    }
}
