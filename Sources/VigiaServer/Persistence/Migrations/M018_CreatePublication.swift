import Fluent
import SQLKit

/// Published seguimientos (frozen documents with their hash) and the period's estado.
struct M018_CreatePublication: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("publications")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("plan_id", .uuid)
            .field("program_id", .uuid)
            .field("numero", .int, .required)
            .field("version", .int, .required)
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("file_name", .string, .required)
            .field("document", .string, .required)
            .field("pdf", .data, .required)
            .field("xlsx", .data, .required)
            .field("pdf_sha256", .string, .required)
            .field("xlsx_sha256", .string, .required)
            .field("deadline", .string)
            .field("published_on", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .field("note", .string, .required)
            .create()
        try await database.schema("follow_up_periods").field("estado", .string).update()
        try await (database as! SQLDatabase).update("follow_up_periods").set("estado", to: "borrador").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("follow_up_periods").deleteField("estado").update()
        try await database.schema("publications").delete()
    }
}
