import Fluent

/// A revision number per entity, raised in the same transaction as every change to any of its
/// plans or programs and to its dependencias (see `EntityRevision`): the pages that sum up the
/// whole entity (home, plan list, Acciones) are kept rendered while it is unchanged.
struct M032_EntityRevisions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("entities").field("revision", .int64, .required, .sql(.default(0))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("entities").deleteField("revision").update()
    }
}
