import Fluent
import SQLKit

/// Closing a finding for real: the OCI's reviews of eficacia and efectividad, the proposals to
/// reformulate an action with their decisions, the link from a new action to the one it
/// replaced, and who approves reformulations in each entity.
struct M039_FindingClosing: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("finding_reviews")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references("improvement_plans", "id", onDelete: .cascade))
            .field("finding_id", .uuid, .required, .references("findings", "id", onDelete: .cascade))
            .field("fecha", .string, .required)
            .field("criterios", .string, .required)
            .field("eficacia", .string, .required)
            .field("efectividad", .string, .required)
            .field("decision", .string, .required)
            .field("observaciones", .string, .required)
            .field("revisor", .string, .required)
            .field("user_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
        try await database.schema("action_reformulations")
            .id()
            .field("entity_id", .uuid, .required, .references("entities", "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references("improvement_plans", "id", onDelete: .cascade))
            .field("action_id", .uuid, .required, .references("actions", "id", onDelete: .cascade))
            .field("estado", .string, .required)
            .field("fecha_propuesta", .string, .required)
            .field("proponente", .string, .required)
            .field("proposed_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("justificacion", .string, .required)
            .field("descripcion", .string, .required)
            .field("fecha_inicial", .string)
            .field("fecha_final", .string)
            .field("meta", .string, .required)
            .field("meta_cantidad", .double)
            .field("indicador", .string, .required)
            .field("responsable", .string, .required)
            .field("fecha_decision", .string)
            .field("aprobador", .string)
            .field("decided_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("motivo_decision", .string)
            .field("acta", .string)
            .field("successor_id", .uuid)
            .field("created_at", .datetime)
            .create()
        guard let sql = database as? SQLDatabase else { return }
        try await sql.create(index: "finding_reviews_plan").on("finding_reviews").column("plan_id").run()
        try await sql.create(index: "action_reformulations_plan").on("action_reformulations").column("plan_id").run()
        try await sql.create(index: "action_reformulations_entity_estado").on("action_reformulations").column("entity_id").column("estado").run()
        // SQLite adds one column per statement.
        try await database.schema("actions").field("reformula_a", .uuid).update()
        // Nullable, read as the OCI when empty: a backup made before this column restores as it was.
        try await database.schema("entities").field("reformulation_approver", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("entities").deleteField("reformulation_approver").update()
        try await database.schema("actions").deleteField("reformula_a").update()
        try await database.schema("action_reformulations").delete()
        try await database.schema("finding_reviews").delete()
    }
}
