import Fluent

struct M004_CreateImprovementPlan: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("improvement_plans")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("dependency_id", .uuid, .references("dependencies", "id", onDelete: .setNull))
            .field("unidad_auditable", .string, .required)
            .field("numero_auditoria", .string, .required)
            .field("periodo_auditoria", .string, .required)
            .field("fecha_suscripcion", .string)
            .field("origen", .string, .required)
            .field("estado", .string, .required)
            .field("metodo", .string, .required)
            .field("format_codigo", .string, .required)
            .field("format_version", .string, .required)
            .field("format_fecha", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("improvement_plans").delete()
    }
}
