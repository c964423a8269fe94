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

    /// Errors keyed by field name, each naming the finding and action.
    func validate(plan: PlanSnapshot) -> [String: String] {
        var e: [String: String] = [:]
        let cutOff = LocalDate(dayFirst: fechaCorte)
        if cutOff == nil { e["fechaCorte"] = "La fecha de corte «\(fechaCorte)» no es válida (dd/mm/aaaa)." }
        if !fechaSeguimiento.trimmed.isEmpty && LocalDate(dayFirst: fechaSeguimiento) == nil {
            e["fechaSeguimiento"] = "La fecha del seguimiento «\(fechaSeguimiento)» no es válida (dd/mm/aaaa)."
        }
        for f in plan.hallazgos {
            for (ai, a) in f.acciones.enumerated() {
                let v = actions[a.id!] ?? ActionValues()
                let k = a.id!.uuidString
                let place = "Hallazgo \(f.numero), acción \(ai + 1)"
                let percent = v.percentInput.value
                if let problem = v.percentInput.problem(field: "\(place): el % de avance") { e["pct_\(k)"] = problem }
                if !v.state.isEmpty {
                    guard let state = ActionState(rawValue: v.state) else { e["st_\(k)"] = "\(place): estado no reconocido."; continue }
                    let suggested = ActionStateRules.suggested(percent: percent, fechaInicial: a.fechaInicial, fechaFinal: a.fechaFinal,
                                                               cutOff: cutOff, closing: esCierre)
                    if let problem = ActionStateRules.overrideProblem(state, suggested: suggested, percent: percent,
                                                                      justification: v.justification) {
                        e[state == .cerrada && percent != 100 ? "st_\(k)" : "js_\(k)"] = "\(place): \(problem)"
                    }
                }
            }
            let fv = findings[f.id!] ?? FindingValues()
            if !fv.state.isEmpty {
                if FindingState(rawValue: fv.state) == nil { e["fst_\(f.id!.uuidString)"] = "Hallazgo \(f.numero): estado no reconocido." }
                else if fv.justification.trimmed.isEmpty {
                    e["fjs_\(f.id!.uuidString)"] = "Hallazgo \(f.numero): explique por qué ajusta el estado del hallazgo."
                }
            }
        }
        return e
    }

    /// The round as it would be with these values (call after `validate` found nothing).
    func apply(to round: RoundSnapshot, plan: PlanSnapshot) -> RoundSnapshot {
        var r = round
        r.fechaCorte = LocalDate(dayFirst: fechaCorte)
        r.fechaSeguimiento = LocalDate(dayFirst: fechaSeguimiento)
        r.esCierre = esCierre
        r.calificaciones = []
        r.hallazgos = []
        for (fi, f) in plan.hallazgos.enumerated() {
            for (ai, a) in f.acciones.enumerated() {
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
