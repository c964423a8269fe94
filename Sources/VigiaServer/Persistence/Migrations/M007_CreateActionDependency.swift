import Fluent

struct M007_CreateActionDependency: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("action_dependencies")
            .id()
            .field("action_id", .uuid, .required, .references("actions", "id", onDelete: .cascade))
            .field("dependency_id", .uuid, .required, .references("dependencies", "id", onDelete: .cascade))
            .unique(on: "action_id", "dependency_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("action_dependencies").delete()
    }
}
