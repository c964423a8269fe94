import Fluent

/// A revision number per anti-corruption program, raised in the same transaction as every change
/// to it (see `ProgramRevision`): a cached program snapshot is valid while it is unchanged.
struct M031_ProgramRevisions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("anticorruption_programs").field("revision", .int64, .required, .sql(.default(0))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("anticorruption_programs").deleteField("revision").update()
    }
}
