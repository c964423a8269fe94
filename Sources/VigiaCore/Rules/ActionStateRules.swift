import Foundation

/// The state the rules suggest for an action at a round's cut-off. The OCI may override it,
/// with a justification that is kept.
public enum ActionStateRules {
    /// - SIN INICIAR: the cut-off is before the fecha inicial and nothing is done.
    /// - CUMPLIDA: 100 %.
    /// - INCUMPLIDA: in the closing round, below 100 %.
    /// - VENCIDA: the cut-off is after the fecha final (the last day still counts) and below 100 %.
    /// - EN EJECUCIÓN: otherwise.
    /// CERRADA and REFORMULADA are not suggested here: `PlanEvaluator` sets them from the review
    /// that closes the finding and from an approved reformulation.
    /// Returns nil without a cut-off date (nothing to compare with).
    public static func suggested(percent: Double?, fechaInicial: LocalDate?, fechaFinal: LocalDate?,
                                 cutOff: LocalDate?, closing: Bool = false) -> ActionState? {
        if let percent, percent >= 100 { return .cumplida }
        if closing { return .incumplida }
        guard let cutOff else { return nil }
        if let fechaInicial, cutOff < fechaInicial, (percent ?? 0) == 0 { return .sinIniciar }
        if let fechaFinal, cutOff > fechaFinal { return .vencida }
        return .enEjecucion
    }

    /// Why the OCI's chosen state cannot stand, or nil. Changing the suggestion needs a
    /// justification (it is kept); CERRADA needs 100 %.
    public static func overrideProblem(_ state: ActionState, suggested: ActionState?, percent: Double?,
                                       justification: String) -> String? {
        if state == .cerrada && suggested != .cerrada {
            return "una acción queda CERRADA cuando la revisión de eficacia y efectividad cierra su hallazgo; regístrela en la página del plan."
        }
        if state == .reformulada && suggested != .reformulada {
            return "una acción queda REFORMULADA cuando se aprueba su reformulación; propóngala desde la página del plan."
        }
        if state == .cerrada && percent != 100 {
            return "una acción CERRADA debe tener 100 % de avance."
        }
        if state != suggested && justification.trimmed.isEmpty {
            return "explique por qué cambia el estado sugerido (\(suggested?.label ?? "sin sugerencia")) por \(state.label)."
        }
        return nil
    }

    /// ABIERTO until a review of eficacia and efectividad closes it: actions CUMPLIDAS are not
    /// enough (`FindingReviewRules`). The review in force decides; without one, ABIERTO.
    public static func findingState(review: FindingReviewSnapshot?) -> FindingState {
        review?.resultingState ?? .abierto
    }
}

/// Expected progress and “atrasada”: the early warning none of the usual formats gives.
public enum Schedule {
    /// Share of the action's time elapsed at `date`, 0–100. The fecha inicial counts as day one
    /// and the fecha final as the last day, so on the fecha final the expectation is 100 %.
    public static func expectedProgress(fechaInicial: LocalDate?, fechaFinal: LocalDate?, at date: LocalDate) -> Double? {
        guard let start = fechaInicial, let end = fechaFinal, start <= end else { return nil }
        if date < start { return 0 }
        if date >= end { return 100 }
        let total = Double(LocalDate.days(from: start, to: end) + 1)
        let elapsed = Double(LocalDate.days(from: start, to: date) + 1)
        return min(100, max(0, elapsed / total * 100))
    }

    /// An action is atrasada when its graded % trails the expected progress by more than
    /// `tolerance` points and it is not finished.
    public static func isBehind(percent: Double?, expected: Double?, tolerance: Double = 0) -> Bool {
        guard let percent, let expected, percent < 100 else { return false }
        return percent + tolerance < expected
    }

    /// Overdue (VENCIDA): the fecha final has passed (on the day itself the item is not yet
    /// overdue) and the item is not at 100 %. An item nobody has graded counts as not done, as
    /// in `ActionStateRules.suggested`: a date that passes with no grade is what the OCI must
    /// see. Plan actions and program activities both use this rule; an activity that does not
    /// apply (N/A) is never overdue, and its callers do not ask.
    public static func isOverdue(percent: Double?, fechaFinal: LocalDate?, at date: LocalDate) -> Bool {
        guard let fechaFinal else { return false }
        return date > fechaFinal && (percent ?? 0) < 100
    }

    /// Plazo en semanas = (fecha final − fecha inicial) / 7, as SIRECI's F14.1 asks.
    public static func weeks(fechaInicial: LocalDate?, fechaFinal: LocalDate?) -> Double? {
        guard let start = fechaInicial, let end = fechaFinal else { return nil }
        return Double(LocalDate.days(from: start, to: end)) / 7
    }
}
