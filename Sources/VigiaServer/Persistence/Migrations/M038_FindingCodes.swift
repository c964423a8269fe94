import Fluent
import SQLKit

/// Each finding may carry its code in the control body's report (the CGR's «código del hallazgo»,
/// which SIRECI's F14.1 asks for), and each action its objetivo (also an F14.1 column); existing ones have none.
struct M038_FindingCodes: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("findings").field("codigo", .string, .required, .sql(.default(""))).update()
        try await database.schema("actions").field("objetivo", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("actions").deleteField("objetivo").update()
        try await database.schema("findings").deleteField("codigo").update()
    }
}
