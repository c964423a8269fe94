import Fluent

struct M001_CreateEntity: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("entities")
            .id()
            .field("name", .string, .required)
            .field("nit", .string, .required)
            .field("format_proceso", .string, .required)
            .field("format_nombre", .string, .required)
            .field("format_codigo", .string, .required)
            .field("format_version", .string, .required)
            .field("format_fecha", .string, .required)
            .field("format_consecutivo", .string, .required)
            .field("max_plan_months", .int)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("entities").delete()
    }
}
