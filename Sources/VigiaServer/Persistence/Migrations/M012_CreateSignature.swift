import Fluent

struct M012_CreateSignature: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("signatures")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references("improvement_plans", "id", onDelete: .cascade))
            .field("rol", .string, .required)
            .field("nombre", .string, .required)
            .field("cargo", .string, .required)
            .unique(on: "plan_id", "rol")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("signatures").delete()
    }
}
