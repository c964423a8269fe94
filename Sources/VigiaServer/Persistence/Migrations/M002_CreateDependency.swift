import Fluent

struct M002_CreateDependency: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("dependencies")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "entity_id", "name")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("dependencies").delete()
    }
}
