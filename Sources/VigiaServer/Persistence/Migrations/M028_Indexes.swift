import Fluent
import SQLKit

/// An index on every foreign key and on the columns pages filter and sort by (the audit trail
/// and the notifications by date), so a page's cost follows what it shows, not the history.
struct M028_Indexes: AsyncMigration {
    /// (table, columns): named `<table>_<columns>_idx`.
    static let indexes: [(String, [String])] = [
        ("dependencies", ["entity_id"]), ("users", ["entity_id"]), ("users", ["dependency_id"]),
        ("improvement_plans", ["entity_id"]), ("improvement_plans", ["dependency_id"]),
        ("findings", ["plan_id"]), ("actions", ["finding_id"]), ("action_dependencies", ["dependency_id"]),
        ("follow_up_rounds", ["plan_id"]), ("action_assessments", ["round_id"]), ("action_assessments", ["action_id"]),
        ("finding_assessments", ["round_id"]), ("finding_assessments", ["finding_id"]),
        ("change_log_entries", ["plan_id"]), ("signatures", ["plan_id"]),
        ("audit_events", ["entity_id", "at"]), ("audit_events", ["plan_id", "at"]), ("audit_events", ["program_id"]),
        ("audit_events", ["object_id"]), ("audit_events", ["user_id"]),
        ("api_tokens", ["user_id"]), ("anticorruption_programs", ["entity_id"]), ("program_components", ["program_id"]),
        ("follow_up_periods", ["program_id"]), ("program_activities", ["component_id"]), ("program_activities", ["parent_id"]),
        ("activity_dependencies", ["dependency_id"]), ("activity_follow_ups", ["activity_id"]), ("activity_follow_ups", ["period_id"]),
        ("program_signatures", ["program_id"]), ("publications", ["entity_id", "kind"]), ("publications", ["plan_id"]),
        ("publications", ["program_id"]), ("evidence_files", ["entity_id"]), ("report_evidences", ["report_id"]),
        ("report_evidences", ["file_id"]), ("calendar_tokens", ["user_id"]), ("notifications", ["user_id", "created_at"]),
        ("notifications", ["entity_id", "created_at"]), ("progress_reports", ["round_id"]), ("progress_reports", ["action_id"]),
        ("progress_reports", ["activity_id"]), ("progress_reports", ["period_id"]), ("password_tokens", ["user_id"]),
    ]

    static func name(_ table: String, _ columns: [String]) -> String { "\(table)_\(columns.joined(separator: "_"))_idx" }

    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        for (table, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: Self.name(table, columns)) ON \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", ")))").run()
        }
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        for (table, columns) in Self.indexes {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: Self.name(table, columns))").run()
        }
    }
}
