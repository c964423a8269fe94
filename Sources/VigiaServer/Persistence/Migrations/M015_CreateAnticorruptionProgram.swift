import Fluent
import Foundation
import VigiaCore

/// The anti-corruption program: programs, components, periods, activities (with sub-items),
/// the OCI's seguimiento, the responsables' monitoreo, signatures and templates.
struct M015_CreateAnticorruptionProgram: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("anticorruption_programs")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("vigencia", .int, .required)
            .field("plantilla", .string, .required)
            .field("titulo", .string, .required)
            .field("metodo", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("program_components")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("program_id", .uuid, .required, .references("anticorruption_programs", "id", onDelete: .cascade))
            .field("numero", .int, .required)
            .field("nombre", .string, .required)
            .unique(on: "program_id", "numero")
            .create()
        try await database.schema("follow_up_periods")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("program_id", .uuid, .required, .references("anticorruption_programs", "id", onDelete: .cascade))
            .field("numero", .int, .required)
            .field("nombre", .string, .required)
            .field("fecha_corte", .string, .required)
            .field("fecha_limite", .string, .required)
            .unique(on: "program_id", "numero")
            .create()
        try await database.schema("program_activities")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("component_id", .uuid, .required, .references("program_components", "id", onDelete: .cascade))
            .field("parent_id", .uuid, .references("program_activities", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("subcomponente", .string, .required)
            .field("actividad", .string, .required)
            .field("meta", .string, .required)
            .field("responsables", .string, .required)
            .field("fecha_programada", .string)
            .create()
        try await database.schema("activity_dependencies")
            .id()
            .field("activity_id", .uuid, .required, .references("program_activities", "id", onDelete: .cascade))
            .field("dependency_id", .uuid, .required, .references("dependencies", "id", onDelete: .cascade))
            .unique(on: "activity_id", "dependency_id")
            .create()
        for table in ["activity_follow_ups", "activity_monitorings"] {
            try await Self.createActivityRecords(table, on: database)
        }
        try await database.schema("program_signatures")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("program_id", .uuid, .required, .references("anticorruption_programs", "id", onDelete: .cascade))
            .field("rol", .string, .required)
            .field("nombre", .string, .required)
            .field("cargo", .string, .required)
            .create()
        try await database.schema("program_templates")
            .id()
            .field("name", .string, .required)
            .field("version", .int, .required)
            .field("structure", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "name", "version")
            .create()
        for template in [ProgramTemplate.paacV2, ProgramTemplate.ptep] {
            let row = InstallTemplate()
            row.name = template.name
            row.version = 1
            row.structure = String(decoding: try JSONEncoder().encode(template), as: UTF8.self)
            try await row.create(on: database)
        }
    }

    /// The OCI's seguimiento or the responsables' monitoreo of activities, one row per activity
    /// and period (M024 folds the monitoreo into the progress reports and recreates it on revert).
    static func createActivityRecords(_ table: String, on database: Database) async throws {
        let text = table == "activity_follow_ups" ? "seguimiento" : "reporte"
        let who = table == "activity_follow_ups" ? "updated_by" : "reported_by"
        try await database.schema(table)
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("program_activities", "id", onDelete: .cascade))
            .field("period_id", .uuid, .required, .references("follow_up_periods", "id", onDelete: .cascade))
            .field("porcentaje", .double)
            .field("no_aplica", .bool, .required)
            .field(.string(text), .string, .required)
            .field("evidencias", .string, .required)
            .field(.string(who), .uuid, .references("users", "id", onDelete: .setNull))
            .field("updated_at", .datetime)
            .unique(on: "activity_id", "period_id")
            .create()
    }

    func revert(on database: Database) async throws {
        for table in ["program_templates", "program_signatures", "activity_monitorings", "activity_follow_ups",
                      "activity_dependencies", "program_activities", "follow_up_periods", "program_components",
                      "anticorruption_programs"] {
            try await database.schema(table).delete()
        }
    }
}

/// M015's install-wide template table; since M022 each entity has its own (`ProgramTemplateRecord`).
final class InstallTemplate: Model, @unchecked Sendable {
    static let schema = "program_templates"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "version") var version: Int
    @Field(key: "structure") var structure: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
