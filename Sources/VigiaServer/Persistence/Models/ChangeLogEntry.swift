import Fluent
import Vapor
import VigiaCore

/// Control de cambios of a plan.
final class ChangeLogEntry: Model, @unchecked Sendable {
    static let schema = "change_log_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "plan_id") var plan: ImprovementPlan
    @Field(key: "revision") var revision: String
    @Field(key: "descripcion") var descripcion: String
    @OptionalField(key: "fecha_aprobacion") var fechaAprobacion: LocalDate?
    @Field(key: "version") var version: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, entityID: UUID, planID: UUID, entry: ChangeLogSnapshot) {
        self.id = id
        self.$entity.id = entityID
        self.$plan.id = planID
        self.revision = entry.revision
        self.descripcion = entry.descripcion
        self.fechaAprobacion = entry.fechaAprobacion
        self.version = entry.version
    }
}
