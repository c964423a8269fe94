import Fluent

struct M005_CreateFinding: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("findings")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references("improvement_plans", "id", onDelete: .cascade))
            .field("numero", .int, .required)
            .field("descripcion", .string, .required)
            .field("causa", .string, .required)
            .field("efecto", .string, .required)
            .field("criterio", .string, .required)
            .unique(on: "plan_id", "numero")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("findings").delete()
    }
}
