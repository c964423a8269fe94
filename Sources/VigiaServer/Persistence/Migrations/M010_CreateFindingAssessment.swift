import Fluent

struct M010_CreateFindingAssessment: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("finding_assessments")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("round_id", .uuid, .required, .references("follow_up_rounds", "id", onDelete: .cascade))
            .field("finding_id", .uuid, .required, .references("findings", "id", onDelete: .cascade))
            .field("estado", .string)
            .field("justificacion", .string, .required)
            .unique(on: "round_id", "finding_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("finding_assessments").delete()
    }
}
