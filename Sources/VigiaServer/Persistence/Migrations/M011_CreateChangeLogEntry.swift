import Fluent

struct M011_CreateChangeLogEntry: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("change_log_entries")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references("improvement_plans", "id", onDelete: .cascade))
            .field("revision", .string, .required)
            .field("descripcion", .string, .required)
            .field("fecha_aprobacion", .string)
            .field("version", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("change_log_entries").delete()
    }
}
