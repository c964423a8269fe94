import Fluent

struct M021_CreateNotification: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("kind", .string, .required)
            .field("dedup_key", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("claimed_by", .string)
            .field("sent_at", .datetime)
            .field("error", .string)
            .field("attempts", .int, .required)
            .field("read_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "dedup_key")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("notifications").delete()
    }
}
