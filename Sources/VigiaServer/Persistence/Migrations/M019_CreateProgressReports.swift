import Fluent

/// Autoreportes with evidence files, and optional reporting windows per round.
struct M019_CreateProgressReports: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await Self.createReports(on: database)
        try await database.schema("evidence_files")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("mime", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "entity_id", "sha256")
            .create()
        try await database.schema("report_evidences")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("report_kind", .string, .required)
            .field("report_id", .uuid, .required)
            .field("file_id", .uuid, .required, .references("evidence_files", "id"))
            .field("name", .string, .required)
            .field("uploaded_by_name", .string, .required)
            .field("uploaded_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
        // SQLite adds one column per statement.
        try await database.schema("follow_up_rounds").field("report_from", .string).update()
        try await database.schema("follow_up_rounds").field("report_until", .string).update()
    }

    /// The autoreportes table as this migration made it (M024 folds it into one table and
    /// recreates it on revert).
    static func createReports(on database: Database) async throws {
        try await database.schema("progress_reports")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("action_id", .uuid, .required, .references("actions", "id", onDelete: .cascade))
            .field("round_id", .uuid, .required, .references("follow_up_rounds", "id", onDelete: .cascade))
            .field("porcentaje", .double)
            .field("descripcion", .string, .required)
            .field("enlaces", .string, .required)
            .field("reported_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "action_id", "round_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("follow_up_rounds").deleteField("report_from").update()
        try await database.schema("follow_up_rounds").deleteField("report_until").update()
        for table in ["report_evidences", "evidence_files", "progress_reports"] { try await database.schema(table).delete() }
    }
}
