import Fluent

/// Mapas de riesgos de corrupción: one per entity and vigencia, kept as its document (`RiskMap`,
/// with the methodology it was made with) and a revision raised by every change, like plans.
struct M033_RiskMaps: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("risk_maps")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id"))
            .field("vigencia", .int, .required)
            .field("document", .string, .required)
            .field("revision", .int64, .required, .sql(.default(0)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "entity_id", "vigencia")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("risk_maps").delete()
    }
}
