import Fluent
import SQLKit

/// A revision number per plan, raised in the same transaction as every change to it (see
/// `PlanRevision`), and the plan's digest with the revision it was computed at: lists and the
/// home page read the digest, and a cached snapshot is valid while the revision is unchanged.
struct M029_PlanRevisions: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement (SQLite); existing plans get their digest on first read.
        try await database.schema("improvement_plans").field("revision", .int64, .required, .sql(.default(0))).update()
        try await database.schema("improvement_plans").field("digest_revision", .int64).update()
        try await database.schema("improvement_plans").field("digest", .string).update()
        try await database.schema("improvement_plans").field("digest_actions", .string).update()
        guard let sql = database as? SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS improvement_plans_entity_id_created_at_idx ON improvement_plans (entity_id, created_at)").run()
    }

    func revert(on database: Database) async throws {
        if let sql = database as? SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS improvement_plans_entity_id_created_at_idx").run()
        }
        for column in ["digest_actions", "digest", "digest_revision", "revision"] {
            try await database.schema("improvement_plans").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
