import Fluent
import SQLKit

/// The install's own home: superadministradores belong to an entity of their own, marked
/// `install`, so their sign-ins, lockouts and password changes never appear in any public
/// body's trail or lists, and no entity administrador sees or unlocks them.
struct M027_InstallEntity: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("entities").field("install", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("entities").deleteField("install").update()
    }
}
