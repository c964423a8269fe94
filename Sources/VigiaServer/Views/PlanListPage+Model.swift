import Fluent
import SQLKit
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

    /// The entity's name alone (not its logo): every list page shows it.
    static func entityName(_ user: CurrentUser, on db: Database) async throws -> String? {
        struct Row: Decodable { var name: String }
        guard let sql = db as? SQLDatabase else { return try await Entity.find(user.entityID, on: db)?.name }
        return try await sql.select().column("name").from(Entity.schema).where("id", .equal, user.entityID).first(decoding: Row.self)?.name
    }
}

extension PlanListPage.Model {
    static func query(on db: Database, user: CurrentUser, today: LocalDate) async throws -> Self {
        let plans = try await PlanDigests.visible(for: user, on: db)
        return .init(entityName: try await PlanListPage.entityName(user, on: db), canCreate: PlanPermissions.canCreate(role: user.role),
                     rows: plans.map { Row(id: $0.planID, $0.digest) })
    }
}

extension PlanListPage.Model.Row {
    init(id: UUID, _ d: PlanDigest) {
        self.init(id: id, unidadAuditable: d.unidadAuditable, numeroAuditoria: d.numeroAuditoria, origin: d.origen,
                  status: d.estado, findings: d.findings, actions: d.actions, round: d.round, cutOff: d.cutOff,
                  percent: d.percent, behind: d.behind)
    }
}
