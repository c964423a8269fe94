import Fluent
import Foundation
import VigiaCore

/// The plans the user may see, each with its latest round's % and semáforo.
enum PlanListPage {
    struct Model: Sendable, Equatable {
        struct Row: Sendable, Equatable {
            var id: UUID
            var unidadAuditable: String
            var numeroAuditoria: String
            var origin: PlanOrigin
            var status: PlanStatus
            var findings: Int
            var actions: Int
            var round: Int?
            var cutOff: LocalDate?
            var percent: Double?
            var behind: Int
        }

        var entityName: String?
        var canCreate: Bool
        var rows: [Row]
    }

    /// A plan the user may see, with its snapshot and latest evaluation.
    struct EvaluatedPlan: Sendable {
        var dependencyID: UUID?
        var snapshot: PlanSnapshot
        var evaluation: RoundEvaluation
    }

    /// The plans `user` may see, newest first, each evaluated at its latest round.
    static func evaluatedPlans(for user: CurrentUser, on db: Database) async throws -> [EvaluatedPlan] {
        let plans = try await Access.plans(for: user, on: db)
        let snapshots = try await PlanStore.snapshots(of: plans, on: db)
        return zip(plans, snapshots).map { plan, snapshot in
            EvaluatedPlan(dependencyID: plan.$dependency.id, snapshot: snapshot, evaluation: PlanEvaluator.evaluate(snapshot))
        }
    }

    static func entityName(_ user: CurrentUser, on db: Database) async throws -> String? {
        try await Entity.find(user.entityID, on: db)?.name
    }
}

extension PlanListPage.Model {
    static func query(on db: Database, user: CurrentUser, today: LocalDate) async throws -> Self {
        let plans = try await PlanListPage.evaluatedPlans(for: user, on: db)
        return .init(entityName: try await PlanListPage.entityName(user, on: db), canCreate: PlanPermissions.canCreate(role: user.role),
                     rows: plans.map { Row($0.snapshot, $0.evaluation) })
    }
}

extension PlanListPage.Model.Row {
    init(_ s: PlanSnapshot, _ e: RoundEvaluation) {
        self.init(id: s.id ?? UUID(), unidadAuditable: s.unidadAuditable, numeroAuditoria: s.numeroAuditoria, origin: s.origen,
                  status: s.estado, findings: s.hallazgos.count, actions: s.actionCount, round: e.numero, cutOff: e.fechaCorte,
                  percent: e.plan.porcentaje, behind: e.atrasadas)
    }
}
