import Fluent
import SQLKit
import VigiaCore

/// Server-side sessions with idle/absolute expiry, login throttling per account and per address,
/// API-token bookkeeping, and program templates owned by an entity.
struct M022_SecurityHardening: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("user_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("data", .string, .required)
            .field("created_at", .double, .required)
            .field("last_seen_at", .double, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema("login_throttles")
            .id()
            .field("key", .string, .required)
            .field("score", .double, .required)
            .field("updated_at", .double, .required)
            .field("locked_until", .double, .required)
            .unique(on: "key")
            .create()
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("api_tokens").field("last_used_at", .datetime).update()
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
        try await database.schema("users")
            .field("last_login_at", .datetime)
            .update()
        try await database.schema("entity_templates")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("version", .int, .required)
            .field("structure", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "entity_id", "name", "version")
            .create()
        if let sql = database as? SQLDatabase {
            for table in ["user_sessions", "entity_templates"] {
                let column = table == "user_sessions" ? "user_id" : "entity_id"
                try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: table)_\(unsafeRaw: column)_idx ON \(unsafeRaw: table) (\(unsafeRaw: column))").run()
            }
        }
        // Install-wide templates (M015's `program_templates`) become each entity's own copy.
        try await TemplateStore.copyInstallTemplates(on: database)
    }

    func revert(on database: Database) async throws {
        for table in ["entity_templates", "login_throttles", "user_sessions"] { try await database.schema(table).delete() }
        try await database.schema("users").deleteField("last_login_at").update()
        try await database.schema("api_tokens").deleteField("last_used_at").update()
        try await database.schema("api_tokens").deleteField("expires_at").update()
    }
}
