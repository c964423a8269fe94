import Foundation

/// One action of the entity's plans as the «Acciones» list shows it: where it is, whose it is,
/// its dates and its figures at the plan's latest round.
public struct ActionListRow: Sendable, Equatable {
    public var planID: UUID?
    public var plan: String
    public var dependency: String
    public var finding: Int
    public var position: Int
    public var descripcion: String
    public var responsable: String
    public var fechaInicial: LocalDate?
    public var fechaFinal: LocalDate?
    public var percent: Double?
    public var state: ActionState?
    public var overdue: Bool
    public var behind: Bool
}

/// What the «Acciones» list is narrowed to; every field optional.
public struct ActionFilter: Sendable, Equatable {
    public var dependency: String?
    public var state: ActionState?
    public var onlyOverdue: Bool
    /// The year the action ends in.
    public var year: Int?

    public init(dependency: String? = nil, state: ActionState? = nil, onlyOverdue: Bool = false, year: Int? = nil) {
        self.dependency = dependency; self.state = state; self.onlyOverdue = onlyOverdue; self.year = year
    }

    /// A sentence naming the filters, for the page and the downloaded file.
    public var summary: String {
        var parts: [String] = []
        if let dependency { parts.append("dependencia: \(dependency)") }
        if let state { parts.append("estado: \(state.label)") }
        if onlyOverdue { parts.append("solo vencidas") }
        if let year { parts.append("terminan en \(year)") }
        return parts.isEmpty ? "Todas las acciones" : "Filtro: " + parts.joined(separator: "; ")
    }
}

extension DashboardFigures {
    /// Every action of `plans` (closed plans too), in plan and finding order, with its state at
    /// the plan's latest round and whether it is vencida at `today`, narrowed by `filter`.
    /// «Vencida» here is the one rule of the home page: fecha final passed below 100 %.
    public static func actionRows(_ plans: [DashboardPlan], today: LocalDate, filter: ActionFilter = .init()) -> [ActionListRow] {
        var out: [ActionListRow] = []
        for plan in plans where filter.dependency == nil || plan.group == filter.dependency {
            for (fi, finding) in plan.snapshot.hallazgos.enumerated() where fi < plan.evaluation.hallazgos.count {
                let evaluations = plan.evaluation.hallazgos[fi].acciones
                for (ai, a) in finding.acciones.enumerated() where ai < evaluations.count {
                    let e = evaluations[ai]
                    let row = ActionListRow(
                        planID: plan.snapshot.id, plan: plan.snapshot.unidadAuditable, dependency: plan.group, finding: finding.numero,
                        position: ai + 1, descripcion: a.descripcion, responsable: a.responsable, fechaInicial: a.fechaInicial,
                        fechaFinal: a.fechaFinal, percent: e.porcentaje, state: e.estado ?? e.estadoSugerido,
                        overdue: !e.isReadOnly && Schedule.isOverdue(percent: e.porcentaje, fechaFinal: a.fechaFinal, at: today), behind: e.atrasada)
                    if let s = filter.state, row.state != s { continue }
                    if filter.onlyOverdue && !row.overdue { continue }
                    if let y = filter.year, row.fechaFinal?.year != y { continue }
                    out.append(row)
                }
            }
        }
        return out
    }
}
