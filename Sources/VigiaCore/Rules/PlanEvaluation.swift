import Foundation

/// Every figure and state of a plan at one follow-up round, computed, never stored.
public struct RoundEvaluation: Codable, Sendable, Equatable {
    public var numero: Int?
    public var fechaCorte: LocalDate?
    public var hallazgos: [FindingEvaluation]
    public var plan: ProgressFigure
    public var semaforo: RatingZone
    public var conteoPorEstado: [String: Int]
    public var atrasadas: Int
}

public struct FindingEvaluation: Codable, Sendable, Equatable {
    public var numero: Int
    public var avance: ProgressFigure
    public var estadoSugerido: FindingState
    public var estado: FindingState
    /// Set when the OCI overrode the suggested state.
    public var justificacion: String?
    public var acciones: [ActionEvaluation]
    /// The review of eficacia and efectividad in force at this round, if any: it sets the state.
    public var revision: FindingReviewSnapshot?
}

public struct ActionEvaluation: Codable, Sendable, Equatable {
    public var ref: ActionRef
    public var porcentaje: Double?
    public var estadoSugerido: ActionState?
    public var estado: ActionState?
    public var justificacion: String?
    public var avanceEsperado: Double?
    public var atrasada: Bool
    public var plazoSemanas: Double?
    /// False for an action that replaces a reformulated one, at a cut-off before the approval:
    /// it did not exist yet there (no state, no %, not counted).
    public var vigente: Bool = true

    /// REFORMULADA, or not yet in force: the grading form and the API leave it as it is.
    public var isReadOnly: Bool { estado == .reformulada || !vigente }
}

public enum PlanEvaluator {
    /// Evaluates `plan` at round number `round` (the latest when nil; with no rounds at all,
    /// every action is ungraded and no cut-off applies). A review of eficacia and efectividad, or
    /// an approved reformulation, counts in the rounds cut off on or after its date: a round's
    /// document says what stood at its cut-off.
    public static func evaluate(_ plan: PlanSnapshot, round number: Int? = nil) -> RoundEvaluation {
        evaluate(plan, round: number, today: false)
    }

    /// The plan today: the grades of its current round (`currentRound`), with every review and
    /// approved reformulation in force, whatever its date. What reminders, lists, the home page,
    /// the closing section and the comité's report count.
    public static func current(_ plan: PlanSnapshot) -> RoundEvaluation {
        evaluate(plan, round: nil, today: true)
    }

    /// The latest round that holds a seguimiento: published, or with at least one % or state given
    /// by the OCI (an observation alone is not a grade). A round the OCI has opened and not yet
    /// graded does not hide the one before it: until it is graded, what stands is what the last
    /// seguimiento found (an action CUMPLIDA there is not "vencida hoy" because the new round has
    /// no grade for it yet). With no such round, the latest.
    public static func currentRound(_ plan: PlanSnapshot) -> RoundSnapshot? {
        plan.seguimientos.filter { r in
            r.estado == .publicado || r.calificaciones.contains { $0.porcentaje != nil || $0.estado != nil }
                || r.hallazgos.contains { $0.estado != nil }
        }.max { $0.numero < $1.numero } ?? plan.seguimientos.max { $0.numero < $1.numero }
    }

    static func evaluate(_ plan: PlanSnapshot, round number: Int?, today: Bool) -> RoundEvaluation {
        let latest = today ? currentRound(plan) : plan.seguimientos.max { $0.numero < $1.numero }
        let round = number.flatMap { n in plan.seguimientos.first { $0.numero == n } } ?? (number == nil ? latest : nil)
        func inForce(_ date: LocalDate) -> Bool { today || round == nil || (round?.fechaCorte.map { $0 >= date } ?? false) }
        var findings: [FindingEvaluation] = []
        var counts: [String: Int] = [:]
        var behind = 0
        for (fi, finding) in plan.hallazgos.enumerated() {
            let review = finding.reviews.last { inForce($0.fecha) }
            var actions: [ActionEvaluation] = []
            for (ai, action) in finding.acciones.enumerated() {
                let ref = ActionRef(hallazgo: fi, accion: ai)
                let grade = round?.grade(for: ref)
                let reformulated = action.approvedReformulation?.fechaDecision.map(inForce) ?? false
                // A successor exists from its approval on.
                let approval = action.reformulaA.flatMap { id in finding.acciones.first { $0.id == id } }?.approvedReformulation?.fechaDecision
                if let approval, !inForce(approval) {
                    actions.append(ActionEvaluation(
                        ref: ref, porcentaje: nil, estadoSugerido: nil, estado: nil, justificacion: nil, avanceEsperado: nil, atrasada: false,
                        plazoSemanas: Schedule.weeks(fechaInicial: action.fechaInicial, fechaFinal: action.fechaFinal), vigente: false))
                    continue
                }
                var suggested = reformulated ? .reformulada : ActionStateRules.suggested(
                    percent: grade?.porcentaje, fechaInicial: action.fechaInicial, fechaFinal: action.fechaFinal,
                    cutOff: round?.fechaCorte, closing: round?.esCierre ?? false)
                if review?.decision == .cerrar && !reformulated { suggested = .cerrada }
                let override = reformulated || review?.decision == .cerrar ? nil : grade?.estado
                let state = override ?? suggested
                let expected = round?.fechaCorte.flatMap {
                    Schedule.expectedProgress(fechaInicial: action.fechaInicial, fechaFinal: action.fechaFinal, at: $0)
                }
                let isBehind = !reformulated && Schedule.isBehind(percent: grade?.porcentaje, expected: expected)
                if isBehind { behind += 1 }
                if let state { counts[state.label, default: 0] += 1 }
                actions.append(ActionEvaluation(
                    ref: ref, porcentaje: grade?.porcentaje, estadoSugerido: suggested, estado: state,
                    justificacion: override != nil && override != suggested ? grade?.justificacion : nil,
                    avanceEsperado: expected, atrasada: isBehind,
                    plazoSemanas: Schedule.weeks(fechaInicial: action.fechaInicial, fechaFinal: action.fechaFinal)))
            }
            // A reformulated action keeps its grades but no longer counts: its successor does, once in force.
            let counted = zip(finding.acciones, actions).filter { !$1.isReadOnly }
            let figure = ProgressAggregation.findingPercent(
                counted.map { ActionMeasure(percent: $1.porcentaje, metaQuantity: $0.metaCantidad) }, method: plan.metodo)
            let suggested = ActionStateRules.findingState(review: review)
            let override = review == nil ? round?.findingGrade(for: fi) : nil
            let state = override?.estado ?? suggested
            findings.append(FindingEvaluation(
                numero: finding.numero, avance: figure, estadoSugerido: suggested, estado: state,
                justificacion: state != suggested ? override?.justificacion : nil, acciones: actions, revision: review))
        }
        let planFigure = ProgressAggregation.planPercent(findings.map(\.avance), method: plan.metodo)
        return RoundEvaluation(numero: round?.numero, fechaCorte: round?.fechaCorte, hallazgos: findings,
                               plan: planFigure, semaforo: RatingZone(percent: planFigure.porcentaje),
                               conteoPorEstado: counts, atrasadas: behind)
    }
}
