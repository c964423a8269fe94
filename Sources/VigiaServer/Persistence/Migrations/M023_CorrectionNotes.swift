import Foundation
import Fluent
import SQLKit

/// The reason a published round or period was reopened for correction is kept on the round or
/// period itself (it goes out with the next version), instead of being looked up in the audit
/// trail's text. A round or period already reopened keeps its reason.
///
/// The back-fill reads and writes the columns by name, not through the models: a model gains
/// fields in later migrations, and a fresh database migrates through this one before them.
struct M023_CorrectionNotes: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { throw MigrationError.needsSQL }
        for table in ["follow_up_rounds", "follow_up_periods"] {
            try await database.schema(table).field("correction_note", .string).update()
            let reopened = try await sql.select().column("id").from(table).where("estado", .equal, "borrador").all()
            for row in reopened {
                let id = try row.decode(column: "id", as: UUID.self)
                if let note = try await reason(objectID: id, on: sql) {
                    try await sql.update(table).set("correction_note", to: note).where("id", .equal, id).run()
                }
            }
        }
    }

    /// The latest "motivo" of a correction recorded for the object, as the old code found it.
    private func reason(objectID: UUID, on sql: SQLDatabase) async throws -> String? {
        let row = try await sql.select().column("new_value").from("audit_events")
            .where("object_id", .equal, objectID).where("field", .equal, "motivo")
            .where("summary", .like, "%corrección%")
            .orderBy("at", .descending).limit(1).first()
        return try row?.decode(column: "new_value", as: String?.self)
    }

    func revert(on database: Database) async throws {
        try await database.schema("follow_up_rounds").deleteField("correction_note").update()
        try await database.schema("follow_up_periods").deleteField("correction_note").update()
    }
}
