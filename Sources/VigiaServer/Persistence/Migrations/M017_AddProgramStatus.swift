import Fluent
import SQLKit

/// A program's estado: en formulación, en seguimiento, cerrado.
struct M017_AddProgramStatus: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("anticorruption_programs").field("estado", .string).update()
        try await (database as! SQLDatabase).update("anticorruption_programs").set("estado", to: "en_seguimiento").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("anticorruption_programs").deleteField("estado").update()
    }
}
