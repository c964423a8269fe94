import Fluent

struct M013_CreateAuditEvent: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("user_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("user_name", .string, .required)
            .field("at", .datetime, .required)
            .field("summary", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .uuid)
            .field("plan_id", .uuid)
            .field("field", .string)
            .field("old_value", .string)
            .field("new_value", .string)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
