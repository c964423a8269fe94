import Fluent

struct M009_CreateActionAssessment: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("action_assessments")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("round_id", .uuid, .required, .references("follow_up_rounds", "id", onDelete: .cascade))
            .field("action_id", .uuid, .required, .references("actions", "id", onDelete: .cascade))
            .field("porcentaje", .double)
            .field("evidencias", .string, .required)
            .field("observaciones", .string, .required)
            .field("estado", .string)
            .field("justificacion", .string, .required)
            .field("updated_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("updated_at", .datetime)
            .unique(on: "round_id", "action_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("action_assessments").delete()
    }
}
