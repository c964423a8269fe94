import Fluent
import SQLKit

/// Each finding may carry its code in the control body's report (the CGR's «código del hallazgo»,
/// which SIRECI's F14.1 asks for); existing findings have none.
struct M038_FindingCodes: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("findings").field("codigo", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("findings").deleteField("codigo").update()
    }
}
