import Fluent
import Foundation
import VigiaCore

/// The entity's anti-corruption programs by vigencia, with the latest graded period's figures.
enum ProgramListPage {
    struct Model: Sendable, Equatable {
        struct Row: Sendable, Equatable {
            var id: UUID
            var vigencia: Int
            var template: String
            var components: Int
            var activities: Int
            /// The latest period with a seguimiento (its name), nil when none has one.
            var periodName: String?
            var percent: Double?
            var done: Int?
            var graded: Int?
        }

        var entityName: String?
        var canImport: Bool
        var canEditTemplates: Bool
        var rows: [Row]
    }
}

extension ProgramListPage.Model {
    static func query(on db: Database, user: CurrentUser, today: LocalDate) async throws -> Self {
        let programs = try await AnticorruptionProgram.query(on: db).filter(\.$entity.$id == user.entityID)
            .sort(\.$vigencia, .descending).all()
        var rows: [Row] = []
        for p in programs {
            let snap = try await ProgramStore.snapshot(of: p, on: db)
            let period = snap.latestGradedPeriod
            let e = period.map { ProgramEvaluator.evaluate(snap, period: $0, method: p.metodo) }
            rows.append(Row(id: snap.id ?? UUID(), vigencia: snap.vigencia, template: snap.plantilla, components: snap.componentes.count,
                            activities: snap.activityCount,
                            periodName: period.flatMap { n in snap.periodos.first { $0.numero == n }?.nombre.capitalized },
                            percent: e?.porcentaje, done: e?.cumplidas, graded: e?.actividades))
        }
        return .init(entityName: try await PlanListPage.entityName(user, on: db), canImport: ProgramPermissions.canFormulate(role: user.role),
                     canEditTemplates: user.role.administers, rows: rows)
    }
}
