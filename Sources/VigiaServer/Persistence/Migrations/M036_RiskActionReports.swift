import Fluent
import SQLKit

/// The responsables' monitoreo of a corruption risk map's actions joins the one progress-report
/// table as a third subject (kind `monitoreo_riesgo`): the map, the risk's number, the action's
/// position and the period. SQLite cannot change a CHECK constraint, so the table is rebuilt (as in
/// M024): every row keeps its id, so evidence files (`report_evidences.report_id`) still point at it,
/// and the indexes of M028 are made again.
struct M036_RiskActionReports: AsyncMigration {
    /// Exactly one subject: an action in a round, an activity in a period, or a risk map's action in a period.
    static let oneSubject = """
        CHECK ((kind = 'autoreporte' AND action_id IS NOT NULL AND round_id IS NOT NULL AND activity_id IS NULL AND period_id IS NULL AND risk_map_id IS NULL)
            OR (kind = 'monitoreo' AND activity_id IS NOT NULL AND period_id IS NOT NULL AND action_id IS NULL AND round_id IS NULL AND risk_map_id IS NULL)
            OR (kind = 'monitoreo_riesgo' AND risk_map_id IS NOT NULL AND risk_numero IS NOT NULL AND risk_accion IS NOT NULL AND periodo IS NOT NULL
                AND action_id IS NULL AND round_id IS NULL AND activity_id IS NULL AND period_id IS NULL))
        """
    static let columns = "id, entity_id, kind, action_id, round_id, activity_id, period_id, porcentaje, no_aplica, descripcion, enlaces, reported_by, created_at, updated_at"
    static let indexed = ["round_id", "action_id", "activity_id", "period_id", "risk_map_id"]

    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { throw MigrationError.needsSQL }
        try await database.schema("progress_reports_v3")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("action_id", .uuid, .references("actions", "id", onDelete: .cascade))
            .field("round_id", .uuid, .references("follow_up_rounds", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("program_activities", "id", onDelete: .cascade))
            .field("period_id", .uuid, .references("follow_up_periods", "id", onDelete: .cascade))
            .field("risk_map_id", .uuid, .references("risk_maps", "id", onDelete: .cascade))
            .field("risk_numero", .int)
            .field("risk_accion", .int)
            .field("periodo", .int)
            .field("porcentaje", .double)
            .field("no_aplica", .bool, .required)
            .field("descripcion", .string, .required)
            .field("enlaces", .string, .required)
            .field("reported_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "action_id", "round_id")
            .unique(on: "activity_id", "period_id")
            .unique(on: "risk_map_id", "risk_numero", "risk_accion", "periodo")
            .constraint(.sql(unsafeRaw: Self.oneSubject))
            .create()
        try await sql.raw("INSERT INTO progress_reports_v3 (\(unsafeRaw: Self.columns)) SELECT \(unsafeRaw: Self.columns) FROM progress_reports").run()
        try await database.schema("progress_reports").delete()
        try await sql.raw("ALTER TABLE progress_reports_v3 RENAME TO progress_reports").run()
        for column in Self.indexed {
            let name = M028_Indexes.name("progress_reports", [column])
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: name) ON progress_reports (\(unsafeRaw: column))").run()
        }
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { throw MigrationError.needsSQL }
        try await sql.raw("DELETE FROM progress_reports WHERE kind = 'monitoreo_riesgo'").run()
        for column in Self.indexed { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: M028_Indexes.name("progress_reports", [column]))").run() }
        // Made as M024 made it (`progress_reports_v2`, renamed), so PostgreSQL's constraint names are those M024's revert expects.
        try await sql.raw("ALTER TABLE progress_reports RENAME TO progress_reports_v3").run()
        try await database.schema("progress_reports_v2")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("action_id", .uuid, .references("actions", "id", onDelete: .cascade))
            .field("round_id", .uuid, .references("follow_up_rounds", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("program_activities", "id", onDelete: .cascade))
            .field("period_id", .uuid, .references("follow_up_periods", "id", onDelete: .cascade))
            .field("porcentaje", .double)
            .field("no_aplica", .bool, .required)
            .field("descripcion", .string, .required)
            .field("enlaces", .string, .required)
            .field("reported_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "action_id", "round_id")
            .unique(on: "activity_id", "period_id")
            .constraint(.sql(unsafeRaw: M024_OneProgressReportTable.oneSubject))
            .create()
        try await sql.raw("INSERT INTO progress_reports_v2 (\(unsafeRaw: Self.columns)) SELECT \(unsafeRaw: Self.columns) FROM progress_reports_v3").run()
        try await database.schema("progress_reports_v3").delete()
        try await sql.raw("ALTER TABLE progress_reports_v2 RENAME TO progress_reports").run()
        for column in Self.indexed.dropLast() {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: M028_Indexes.name("progress_reports", [column])) ON progress_reports (\(unsafeRaw: column))").run()
        }
    }
}
