import Fluent
import SQLKit

/// The entity's own rules for its documents: the semáforo thresholds, how often its program's
/// seguimiento is published (the periods of a new program), and a logo for the documents.
struct M026_EntityDocumentSettings: AsyncMigration {
    func prepare(on database: Database) async throws {
        // SQLite adds one column per statement; existing rows get the domain's defaults.
        try await database.schema("entities").field("zone_low_below", .double, .required, .sql(.default(60))).update()
        try await database.schema("entities").field("zone_high_from", .double, .required, .sql(.default(80))).update()
        try await database.schema("entities").field("periodicity", .string, .required, .sql(.default("cuatrimestral"))).update()
        try await database.schema("entities").field("logo_png", .data).update()
    }

    func revert(on database: Database) async throws {
        for column in ["logo_png", "periodicity", "zone_high_from", "zone_low_below"] {
            try await database.schema("entities").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
