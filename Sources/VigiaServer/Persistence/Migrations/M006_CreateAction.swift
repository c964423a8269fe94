import Fluent

struct M006_CreateAction: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("actions")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("finding_id", .uuid, .required, .references("findings", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("descripcion", .string, .required)
            .field("tipo", .string, .required)
            .field("responsable", .string, .required)
            .field("fecha_inicial", .string)
            .field("fecha_final", .string)
            .field("meta", .string, .required)
            .field("meta_cantidad", .double)
            .field("meta_unidad", .string)
            .field("indicador", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("actions").delete()
    }
}
