import Foundation

/// One plan as the home page sees it: its snapshot, its latest evaluation and the name of the
/// Dependency it belongs to (nil when the plan has none).
public struct DashboardPlan: Sendable {
    public var snapshot: PlanSnapshot
    public var evaluation: RoundEvaluation
    public var dependency: String?

    public init(snapshot: PlanSnapshot, evaluation: RoundEvaluation, dependency: String?) {
        self.snapshot = snapshot; self.evaluation = evaluation; self.dependency = dependency
    }

    /// The group the plan is counted in: its Dependency, or the free-text unidad auditable of
    /// a plan without one.
    public var group: String { dependency ?? snapshot.unidadAuditable }
}

public struct StateCount: Sendable, Equatable {
    public var state: ActionState
    public var count: Int
    public init(_ state: ActionState, _ count: Int) { self.state = state; self.count = count }
}

/// % del plan (mean of the group's plans that have one), vencidas and atrasadas of one dependencia.
public struct DependencyProgress: Sendable, Equatable {
    public var dependency: String
    public var percent: Double?
    public var overdue: Int
    public var behind: Int
    public init(dependency: String, percent: Double?, overdue: Int, behind: Int) {
        self.dependency = dependency; self.percent = percent; self.overdue = overdue; self.behind = behind
    }
}

/// An action not yet at 100 % of a plan still open, with its fecha final.
public struct PendingAction: Codable, Sendable, Equatable {
    public var label: String
    public var planID: UUID?
    public var fechaFinal: LocalDate
    public var percent: Double?
    public init(label: String, planID: UUID?, fechaFinal: LocalDate, percent: Double?) {
        self.label = label; self.planID = planID; self.fechaFinal = fechaFinal; self.percent = percent
    }
}

/// The plan's % at each round that has one.
public struct ProgressSeries: Sendable, Equatable {
    public var label: String
    public var points: [Point]
    public struct Point: Codable, Sendable, Equatable {
        public var round: Int
        public var percent: Double
        public init(round: Int, percent: Double) { self.round = round; self.percent = percent }
    }
    public init(label: String, points: [Point]) { self.label = label; self.points = points }
}

/// What each figure of the home page counts, said once: the home, its downloads and the reminders
/// use these words, so «vencida» never means two things on one screen.
public enum FigureMeaning {
    /// The heading of the states table: each action's state at its plan's latest cut-off.
    public static let statesTitle = "Acciones por estado al corte del último seguimiento de cada plan"
    /// What VENCIDA means in that table.
    public static let vencidaAlCorte = "VENCIDA: en la fecha de corte del último seguimiento la fecha final ya había pasado y la acción no llegaba al 100 %."
    /// The column of the dependencias table: counted at today's date.
    public static let vencidasHoyTitle = "Vencidas hoy"
    public static let vencidasHoy = "Vencidas hoy: la fecha final es anterior a hoy y la acción está por debajo del 100 % en el último seguimiento (una acción sin calificar cuenta como 0 %); las REFORMULADAS no cuentan."
    /// The column of atrasadas.
    public static let atrasadasTitle = "Atrasadas al corte"
    public static let atrasadas = "Atrasadas al corte: en el último seguimiento su % iba por debajo del avance esperado (la parte del plazo transcurrida a la fecha de corte)."
}

/// The home page's aggregates, groupings and thresholds.
public enum DashboardFigures {
    /// A publication deadline this close (in business days) is shown in red.
    public static let urgentBusinessDays = 5

    /// Actions per state in each plan's latest round, every state listed (zeros too).
    public static func actionsPerState(_ plans: [PlanDigest]) -> [StateCount] {
        ActionState.allCases.map { state in
            StateCount(state, plans.reduce(0) { $0 + ($1.states[state.label] ?? 0) })
        }
    }

    /// Per dependencia (the plan's Dependency; the unidad auditable for plans without one),
    /// sorted by name: mean % of its plans, actions vencidas at `today` and atrasadas.
    public static func progressByDependency(_ plans: [DigestedPlan], today: LocalDate) -> [DependencyProgress] {
        var groups: [String: (sum: Double, n: Int, overdue: Int, behind: Int)] = [:]
        for plan in plans {
            var g = groups[plan.group] ?? (0, 0, 0, 0)
            if let p = plan.digest.percent { g.sum += p; g.n += 1 }
            g.overdue += plan.digest.overdue(at: today)
            g.behind += plan.digest.behind
            groups[plan.group] = g
        }
        return groups.map { DependencyProgress(dependency: $0.key, percent: $0.value.n == 0 ? nil : $0.value.sum / Double($0.value.n),
                                               overdue: $0.value.overdue, behind: $0.value.behind) }
            .sorted { $0.dependency < $1.dependency }
    }

    /// Actions below 100 % with a fecha final (`PlanDigest.openActions` of each plan), of plans
    /// not closed, soonest first.
    public static func pendingActions(_ plans: [(estado: PlanStatus, open: [PendingAction])]) -> [PendingAction] {
        plans.filter { $0.estado != .cerrado }.flatMap(\.open).sorted { $0.fechaFinal < $1.fechaFinal }
    }

    /// Each plan's % at every round that has one (plans without any are left out).
    /// One line per plan with a graded round, named so that no two lines of the legend read alike:
    /// “Unidad (auditoría N)”, and “· 2”, “· 3” after a name already used.
    public static func progressSeries(_ plans: [PlanDigest]) -> [ProgressSeries] {
        var used: [String: Int] = [:]
        return plans.compactMap { p in
            guard !p.series.isEmpty else { return nil }
            let unidad = p.unidadAuditable.trimmingCharacters(in: .whitespacesAndNewlines)
            let numero = p.numeroAuditoria.trimmingCharacters(in: .whitespacesAndNewlines)
            var label = unidad.isEmpty ? "Plan sin unidad" : unidad
            if !numero.isEmpty { label += " (auditoría \(numero))" }
            let seen = (used[label] ?? 0) + 1
            used[label] = seen
            return ProgressSeries(label: seen == 1 ? label : "\(label) · \(seen)", points: p.series)
        }
    }

    /// “3 planes; 1 acción atrasada en el último seguimiento.”
    public static func behindSummary(_ plans: [PlanDigest]) -> String {
        let behind = plans.reduce(0) { $0 + $1.behind }, plans = plans.count
        return (plans == 1 ? "1 plan" : "\(plans) planes") + "; "
            + (behind == 1 ? "1 acción atrasada" : "\(behind) acciones atrasadas") + " en el último seguimiento."
    }

    public static func isUrgent(businessDaysLeft: Int) -> Bool { businessDaysLeft <= urgentBusinessDays }

    public static func deadlineText(businessDaysLeft: Int) -> String {
        businessDaysLeft == 0 ? "Vence hoy" : "Faltan \(businessDaysLeft) días hábiles"
    }

    /// “Vencida hace 3 días”, “Vence hoy”, “Faltan 12 días” (calendar days).
    public static func timeLeftText(today: LocalDate, fechaFinal: LocalDate) -> String {
        let days = LocalDate.days(from: today, to: fechaFinal)
        return days < 0 ? "Vencida hace \(-days) días" : (days == 0 ? "Vence hoy" : "Faltan \(days) días")
    }
}
