import Fluent
import SQLKit

/// Autoreportes (plan actions, per round) and monitoreos (program activities, per period) were
/// two tables with renamed columns; they become one `progress_reports` table whose `kind` says
/// which. Each row keeps its id, so the evidence files (`report_evidences.report_id`) still
/// point at it. Program periods get a reporting window like rounds.
struct M024_OneProgressReportTable: AsyncMigration {
    /// Exactly one subject: an action in a round, or an activity in a period.
    static let oneSubject = """
        CHECK ((kind = 'autoreporte' AND action_id IS NOT NULL AND round_id IS NOT NULL AND activity_id IS NULL AND period_id IS NULL)
            OR (kind = 'monitoreo' AND activity_id IS NOT NULL AND period_id IS NOT NULL AND action_id IS NULL AND round_id IS NULL))
        """

    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { throw MigrationError.needsSQL }
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
            .constraint(.sql(unsafeRaw: Self.oneSubject))
            .create()
        try await sql.raw("""
            INSERT INTO progress_reports_v2 (id, entity_id, kind, action_id, round_id, porcentaje, no_aplica, descripcion, enlaces,
                                             reported_by, created_at, updated_at)
            SELECT id, entity_id, 'autoreporte', action_id, round_id, porcentaje, \(bind: false), descripcion, enlaces,
                   reported_by, created_at, updated_at FROM progress_reports
            """).run()
        try await sql.raw("""
            INSERT INTO progress_reports_v2 (id, entity_id, kind, activity_id, period_id, porcentaje, no_aplica, descripcion, enlaces,
                                             reported_by, created_at, updated_at)
            SELECT id, entity_id, 'monitoreo', activity_id, period_id, porcentaje, no_aplica, reporte, evidencias,
                   reported_by, updated_at, updated_at FROM activity_monitorings
            """).run()
        try await database.schema("progress_reports").delete()
        try await database.schema("activity_monitorings").delete()
        try await sql.raw("ALTER TABLE progress_reports_v2 RENAME TO progress_reports").run()
        // SQLite adds one column per statement.
        try await database.schema("follow_up_periods").field("report_from", .string).update()
        try await database.schema("follow_up_periods").field("report_until", .string).update()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { throw MigrationError.needsSQL }
        try await database.schema("follow_up_periods").deleteField("report_from").update()
        try await database.schema("follow_up_periods").deleteField("report_until").update()
        try await sql.raw("ALTER TABLE progress_reports RENAME TO progress_reports_v2").run()
        try await M019_CreateProgressReports.createReports(on: database)
        try await M015_CreateAnticorruptionProgram.createActivityRecords("activity_monitorings", on: database)
        try await sql.raw("""
            INSERT INTO progress_reports (id, entity_id, action_id, round_id, porcentaje, descripcion, enlaces, reported_by, created_at, updated_at)
            SELECT id, entity_id, action_id, round_id, porcentaje, descripcion, enlaces, reported_by, created_at, updated_at
            FROM progress_reports_v2 WHERE kind = 'autoreporte'
            """).run()
        try await sql.raw("""
            INSERT INTO activity_monitorings (id, entity_id, activity_id, period_id, porcentaje, no_aplica, reporte, evidencias, reported_by, updated_at)
            SELECT id, entity_id, activity_id, period_id, porcentaje, no_aplica, descripcion, enlaces, reported_by, updated_at
            FROM progress_reports_v2 WHERE kind = 'monitoreo'
            """).run()
        try await database.schema("progress_reports_v2").delete()
    }
}

enum MigrationError: Error, CustomStringConvertible {
    case needsSQL
    var description: String { "Esta migración necesita una base de datos SQL (SQLite o PostgreSQL)." }
}
