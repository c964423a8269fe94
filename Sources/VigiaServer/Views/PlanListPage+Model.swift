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
        /// The filter and page shown, the plans within the filter, and the dependencias to filter by
        /// (empty for a responsable, who sees its own only).
        var filter = PlanDigests.Filter()
        var page = 1
        var total = 0
        var dependencies: [Choice] = []

        struct Choice: Sendable, Equatable { var id: UUID; var name: String }

        var pages: Int { max(1, (total + PlanListPage.pageSize - 1) / PlanListPage.pageSize) }
    }

    static let pageSize = 50
    /// A download holds every plan within the filter, up to this many.
    static let downloadLimit = 20_000

    /// The entity's name alone (not its logo): every list page shows it.
    static func entityName(_ user: CurrentUser, on db: Database) async throws -> String? {
        struct Row: Decodable { var name: String }
        guard let sql = db as? SQLDatabase else { return try await Entity.find(user.entityID, on: db)?.name }
        return try await sql.select().column("name").from(Entity.schema).where("id", .equal, user.entityID).first(decoding: Row.self)?.name
    }
}

extension PlanListPage.Model {
    /// The page `page` of the plans within `filter` (every one of them when `download`).
    static func query(on db: Database, user: CurrentUser, today: LocalDate, filter: PlanDigests.Filter = .init(), page: Int = 1,
                      download: Bool = false) async throws -> Self {
        let size = download ? PlanListPage.downloadLimit : PlanListPage.pageSize
        let (plans, total) = try await PlanDigests.page(for: user, filter: filter, number: download ? 1 : page, size: size, on: db)
        // A page past the last shows the last one.
        let last = max(1, (total + PlanListPage.pageSize - 1) / PlanListPage.pageSize)
        if !download, page > last { return try await query(on: db, user: user, today: today, filter: filter, page: last) }
        let dependencies = user.role.seesOwnDependencyOnly ? [] : try await Dependency.query(on: db)
            .filter(\.$entity.$id == user.entityID).sort(\.$name).all().compactMap { d in d.id.map { Choice(id: $0, name: d.name) } }
        return .init(entityName: try await PlanListPage.entityName(user, on: db), canCreate: PlanPermissions.canCreate(role: user.role),
                     rows: plans.map { Row(id: $0.planID, $0.digest) }, filter: filter, page: page, total: total,
                     dependencies: dependencies)
    }
}

extension PlanListPage.Model.Row {
    init(id: UUID, _ d: PlanDigest) {
        self.init(id: id, unidadAuditable: d.unidadAuditable, numeroAuditoria: d.numeroAuditoria, origin: d.origen,
                  status: d.estado, findings: d.findings, actions: d.actions, round: d.round, cutOff: d.cutOff,
                  percent: d.percent, behind: d.behind)
    }
}
