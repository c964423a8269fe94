import Fluent
import SQLKit

/// Publications of a corruption risk map's seguimiento (kind «mapa_riesgos») name their map.
struct M035_RiskMapPublications: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("publications").field("risk_map_id", .uuid).update()
        if let sql = database as? SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: M028_Indexes.name("publications", ["risk_map_id"])) ON publications (risk_map_id)").run()
        }
    }

    func revert(on database: Database) async throws {
        if let sql = database as? SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: M028_Indexes.name("publications", ["risk_map_id"]))").run()
        }
        try await database.schema("publications").deleteField("risk_map_id").update()
    }
}
