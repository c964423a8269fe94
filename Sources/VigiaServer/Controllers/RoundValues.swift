import Foundation
import VigiaCore

/// The follow-up form's values as typed, so a form with errors comes back exactly as sent.
struct RoundValues {
    struct ActionValues {
        /// The % as typed in the form (or as shown when it came as a number).
        var percent = ""
        /// The % when it came as a number (the API): used as it is, never re-read from text.
        var number: Double? = nil
        var evidence = "", observations = "", state = "", justification = ""

        /// The % read by VigiaCore's one parser; a number from the API is never re-read from text.
        var percentInput: PercentInput { number.map(PercentInput.init(number:)) ?? PercentInput(percent) }
    }
    struct FindingValues { var state = "", justification = "" }

    var fechaCorte = ""
    var fechaSeguimiento = ""
    var esCierre = false
    var actions: [UUID: ActionValues] = [:]
    var findings: [UUID: FindingValues] = [:]

    init(round: RoundSnapshot, plan: PlanSnapshot) {
        fechaCorte = round.fechaCorte?.iso ?? ""
        fechaSeguimiento = round.fechaSeguimiento?.iso ?? ""
        esCierre = round.esCierre
        for (fi, f) in plan.hallazgos.enumerated() {
            for (ai, a) in f.acciones.enumerated() {
                let g = round.grade(for: ActionRef(hallazgo: fi, accion: ai))
                actions[a.id!] = ActionValues(percent: g?.porcentaje.map { SpanishFormat.number($0) } ?? "", number: g?.porcentaje,
                                              evidence: g?.evidencias ?? "", observations: g?.observaciones ?? "",
                                              state: g?.estado?.rawValue ?? "", justification: g?.justificacion ?? "")
            }
            let fa = round.findingGrade(for: fi)
            findings[f.id!] = FindingValues(state: fa?.estado?.rawValue ?? "", justification: fa?.justificacion ?? "")
        }
    }

    init(fields: [String: String], plan: PlanSnapshot) {
        fechaCorte = fields["fechaCorte"] ?? ""
        fechaSeguimiento = fields["fechaSeguimiento"] ?? ""
        esCierre = fields["esCierre"] != nil
        for f in plan.hallazgos {
            for a in f.acciones {
                let k = a.id!.uuidString
                actions[a.id!] = ActionValues(percent: fields["pct_\(k)"] ?? "", evidence: fields["ev_\(k)"] ?? "",
                                              observations: fields["obs_\(k)"] ?? "", state: fields["st_\(k)"] ?? "",
                                              justification: fields["js_\(k)"] ?? "")
            }
            let k = f.id!.uuidString
            findings[f.id!] = FindingValues(state: fields["fst_\(k)"] ?? "", justification: fields["fjs_\(k)"] ?? "")
        }
    }

    /// Errors keyed by field name, each naming the finding and action. `stored`: the round as
    /// saved, whose CERRADA/CERRADO (imported from a spreadsheet) may stay as they are.
    func validate(plan: PlanSnapshot, stored: RoundSnapshot? = nil) -> [String: String] {
        var e: [String: String] = [:]
        let evaluation = stored.map { PlanEvaluator.evaluate(plan, round: $0.numero) }
        let cutOff = LocalDate(dayFirst: fechaCorte)
        if cutOff == nil { e["fechaCorte"] = "La fecha de corte «\(fechaCorte)» no es válida (dd/mm/aaaa)." }
        if !fechaSeguimiento.trimmed.isEmpty && LocalDate(dayFirst: fechaSeguimiento) == nil {
            e["fechaSeguimiento"] = "La fecha del seguimiento «\(fechaSeguimiento)» no es válida (dd/mm/aaaa)."
        }
        for (fi, f) in plan.hallazgos.enumerated() {
            for (ai, a) in f.acciones.enumerated() {
                let v = actions[a.id!] ?? ActionValues()
                let k = a.id!.uuidString
                let place = "Hallazgo \(f.numero), acción \(ai + 1)"
                // A reformulated action is read-only: `apply` keeps its stored grade.
                if Self.isReformulated(fi, ai, evaluation) { continue }
                let percent = v.percentInput.value
                if let problem = v.percentInput.problem(field: "\(place): el % de avance") { e["pct_\(k)"] = problem }
                if !v.state.isEmpty {
                    guard let state = ActionState(rawValue: v.state) else { e["st_\(k)"] = "\(place): estado no reconocido."; continue }
                    let suggested = ActionStateRules.suggested(percent: percent, fechaInicial: a.fechaInicial, fechaFinal: a.fechaFinal,
                                                               cutOff: cutOff, closing: esCierre)
                    let kept = [.cerrada, .reformulada].contains(state) && stored?.grade(for: ActionRef(hallazgo: fi, accion: ai))?.estado == state
                    if let problem = ActionStateRules.overrideProblem(kept ? .cerrada : state, suggested: kept ? .cerrada : suggested,
                                                                      percent: kept ? 100 : percent, justification: v.justification) {
                        e[[.cerrada, .reformulada].contains(state) ? "st_\(k)" : "js_\(k)"] = "\(place): \(problem)"
                    }
                }
            }
            let fv = findings[f.id!] ?? FindingValues()
            if !fv.state.isEmpty {
                let state = FindingState(rawValue: fv.state)
                if state == nil { e["fst_\(f.id!.uuidString)"] = "Hallazgo \(f.numero): estado no reconocido." }
                else if state == .cerrado && stored?.findingGrade(for: fi)?.estado != .cerrado {
                    e["fst_\(f.id!.uuidString)"] = "Hallazgo \(f.numero): un hallazgo se cierra solo con la revisión de eficacia y efectividad (en la página del plan, «Cierre de hallazgos»)."
                } else if fv.justification.trimmed.isEmpty {
                    e["fjs_\(f.id!.uuidString)"] = "Hallazgo \(f.numero): explique por qué ajusta el estado del hallazgo."
                }
            }
        }
        return e
    }

    /// Whether action `ai` of finding `fi` is read-only in the round evaluated as `e`: REFORMULADA,
    /// or a successor not yet in force at its cut-off.
    static func isReformulated(_ fi: Int, _ ai: Int, _ e: RoundEvaluation?) -> Bool {
        guard let e, e.hallazgos.indices.contains(fi), e.hallazgos[fi].acciones.indices.contains(ai) else { return false }
        return e.hallazgos[fi].acciones[ai].isReadOnly
    }

    /// The round as it would be with these values (call after `validate` found nothing).
    func apply(to round: RoundSnapshot, plan: PlanSnapshot) -> RoundSnapshot {
        var r = round
        r.fechaCorte = LocalDate(dayFirst: fechaCorte)
        r.fechaSeguimiento = LocalDate(dayFirst: fechaSeguimiento)
        r.esCierre = esCierre
        r.calificaciones = []
        r.hallazgos = []
        let evaluation = PlanEvaluator.evaluate(plan, round: round.numero)
        for (fi, f) in plan.hallazgos.enumerated() {
            for (ai, a) in f.acciones.enumerated() {
                if Self.isReformulated(fi, ai, evaluation) {
                    if let kept = round.grade(for: ActionRef(hallazgo: fi, accion: ai)) { r.calificaciones.append(kept) }
                    continue
                }
                let v = actions[a.id!] ?? ActionValues()
                let percent = v.percentInput.value
                let suggested = ActionStateRules.suggested(percent: percent, fechaInicial: a.fechaInicial, fechaFinal: a.fechaFinal,
                                                           cutOff: r.fechaCorte, closing: esCierre)
                // A state equal to the suggestion is no override: the rules keep deciding.
                let state = ActionState(rawValue: v.state).flatMap { $0 == suggested ? nil : $0 }
                r.calificaciones.append(GradeSnapshot(
                    accion: ActionRef(hallazgo: fi, accion: ai), porcentaje: percent, evidencias: v.evidence.trimmed,
                    observaciones: v.observations.trimmed, estado: state, justificacion: state == nil ? "" : v.justification.trimmed))
            }
            let fv = findings[f.id!] ?? FindingValues()
            let fs = FindingState(rawValue: fv.state)
            r.hallazgos.append(FindingGradeSnapshot(hallazgo: fi, estado: fs, justificacion: fs == nil ? "" : fv.justification.trimmed))
        }
        return r
    }
}
