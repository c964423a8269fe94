import Fluent

struct M008_CreateFollowUpRound: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("follow_up_rounds")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references("improvement_plans", "id", onDelete: .cascade))
            .field("numero", .int, .required)
            .field("fecha_corte", .string)
            .field("fecha_seguimiento", .string)
            .field("estado", .string, .required)
            .field("es_cierre", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "plan_id", "numero")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("follow_up_rounds").delete()
    }
}
