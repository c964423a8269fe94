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
}

public enum PlanEvaluator {
    /// Evaluates `plan` at round number `round` (the latest when nil; with no rounds at all,
    /// every action is ungraded and no cut-off applies).
    public static func evaluate(_ plan: PlanSnapshot, round number: Int? = nil) -> RoundEvaluation {
        let latest = plan.seguimientos.max { $0.numero < $1.numero }
        let round = number.flatMap { n in plan.seguimientos.first { $0.numero == n } } ?? (number == nil ? latest : nil)
        // A review or an approved reformulation counts in the rounds cut off on or after its
        // date, and always in the latest one (the plan's state today).
        let isLatest = round == nil || round?.numero == latest?.numero
        func inForce(_ date: LocalDate) -> Bool { isLatest || (round?.fechaCorte.map { $0 >= date } ?? false) }
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
            // A reformulated action keeps its grades but no longer counts: its successor does.
            let counted = zip(finding.acciones, actions).filter { $1.estado != .reformulada }
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
