import Fluent

/// An entity's own methodologies for its corruption risk maps (copies of Vigía's, edited to its
/// política de administración del riesgo, or imported as JSON), versioned like the program
/// templates: saving adds the next version and a map keeps the one it was made with.
struct M037_RiskMethodologies: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("risk_methodologies")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id"))
            .field("key", .string, .required)
            .field("version", .int, .required)
            .field("document", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "entity_id", "key", "version")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("risk_methodologies").delete()
    }
}
