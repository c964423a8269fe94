import Foundation

/// What the lists and the home page need of one plan, computed by the same rules as the plan
/// page (`PlanEvaluator`) whenever the plan changes and stored beside it, so those pages read
/// one small record per plan instead of evaluating every plan's whole history.
public struct PlanDigest: Codable, Sendable, Equatable {
    public var unidadAuditable: String
    public var numeroAuditoria: String
    public var origen: PlanOrigin
    public var estado: PlanStatus
    public var findings: Int
    public var actions: Int
    /// The current round (`PlanEvaluator.currentRound`: the latest published or graded): its number, cut-off and the plan's % there.
    public var round: Int?
    public var cutOff: LocalDate?
    public var percent: Double?
    /// Actions atrasadas at the current round's cut-off.
    public var behind: Int
    /// Actions per state label at the current round.
    public var states: [String: Int]
    /// The plan's % at each round that has one.
    public var series: [ProgressSeries.Point]
    /// The fecha final of every action below 100 % at the current round, soonest first: an
    /// action is vencida at a date after it (`Schedule.isOverdue`), so the count is today's.
    public var openDue: [LocalDate]
    /// Open rounds (borrador) with autoreportes the OCI has not graded: (round number, count).
    public var waiting: [Waiting]

    public struct Waiting: Codable, Sendable, Equatable {
        public var round: Int
        public var count: Int
        public init(round: Int, count: Int) { self.round = round; self.count = count }
    }

    /// The digest of `s` evaluated at its current round (`e`), with the ungraded autoreportes of its open rounds.
    public init(_ s: PlanSnapshot, evaluation e: RoundEvaluation, waiting: [Waiting] = []) {
        unidadAuditable = s.unidadAuditable; numeroAuditoria = s.numeroAuditoria
        origen = s.origen; estado = s.estado
        findings = s.hallazgos.count; actions = s.actionCount
        round = e.numero; cutOff = e.fechaCorte; percent = e.plan.porcentaje; behind = e.atrasadas
        states = e.conteoPorEstado
        series = s.seguimientos.compactMap { r in
            PlanEvaluator.evaluate(s, round: r.numero).plan.porcentaje.map { ProgressSeries.Point(round: r.numero, percent: $0) }
        }
        openDue = PlanDigest.openActions(s, e).map(\.fechaFinal).sorted()
        self.waiting = waiting
    }

    /// Actions vencidas at `today`: fecha final before it and below 100 % at the current round.
    public func overdue(at today: LocalDate) -> Int {
        // openDue is sorted: count the dates before today by binary search.
        var low = 0, high = openDue.count
        while low < high {
            let mid = (low + high) / 2
            if openDue[mid] < today { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Every action of `s` below 100 % at its current round (`e`) that has a fecha final, in
    /// plan order: the responsable's pending list when the plan is not closed.
    public static func openActions(_ s: PlanSnapshot, _ e: RoundEvaluation) -> [PendingAction] {
        var out: [PendingAction] = []
        for (fi, finding) in s.hallazgos.enumerated() where fi < e.hallazgos.count {
            let evaluations = e.hallazgos[fi].acciones
            for (ai, action) in finding.acciones.enumerated() where ai < evaluations.count {
                guard let final = action.fechaFinal, (evaluations[ai].porcentaje ?? 0) < 100,
                      !evaluations[ai].isReadOnly else { continue }
                out.append(PendingAction(label: "Hallazgo \(finding.numero), acción \(ai + 1) · \(s.unidadAuditable)",
                                         planID: s.id, fechaFinal: final, percent: evaluations[ai].porcentaje))
            }
        }
        return out
    }
}

/// One plan as the home page sees it: its digest and the group it is counted in.
public struct DigestedPlan: Sendable, Equatable {
    public var planID: UUID
    public var digest: PlanDigest
    /// The plan's Dependency; the free-text unidad auditable of a plan without one.
    public var group: String

    public init(planID: UUID, digest: PlanDigest, dependency: String?) {
        self.planID = planID; self.digest = digest; self.group = dependency ?? digest.unidadAuditable
    }
}
