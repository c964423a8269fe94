import Fluent

struct M020_CreateCalendarToken: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("calendar_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("calendar_tokens").delete()
    }
}
