import Fluent

/// Publications of a corruption risk map's seguimiento (kind «mapa_riesgos») name their map.
struct M035_RiskMapPublications: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("publications").field("risk_map_id", .uuid).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("publications").deleteField("risk_map_id").update()
    }
}
