import Fluent

/// Audit events of a program's changes point at the program, as plan events point at the plan.
struct M016_AddProgramToAuditEvents: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_events").field("program_id", .uuid).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("audit_events").deleteField("program_id").update()
    }
}
