import Fluent
import SQLKit

/// Administration from the web: users and dependencias can be deactivated (their history keeps
/// them), one-time links to set a password (invitation, reset; only their SHA-256 is stored),
/// and the entity's reminder days.
struct M025_AccountAdministration: AsyncMigration {
    func prepare(on database: Database) async throws {
        // SQLite adds one column per statement; a required column needs its default.
        try await database.schema("users").field("active", .bool, .required, .sql(.default(true))).update()
        try await database.schema("users").field("deactivated_at", .datetime).update()
        try await database.schema("dependencies").field("active", .bool, .required, .sql(.default(true))).update()
        try await database.schema("entities").field("reminder_days", .string).update()
        try await database.schema("password_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("purpose", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("password_tokens").delete()
        try await database.schema("entities").deleteField("reminder_days").update()
        try await database.schema("dependencies").deleteField("active").update()
        try await database.schema("users").deleteField("deactivated_at").update()
        try await database.schema("users").deleteField("active").update()
    }
}
