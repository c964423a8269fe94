import Fluent
import Vapor
import VigiaCore

final class ImprovementPlan: Model, @unchecked Sendable {
    static let schema = "improvement_plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    /// The audited dependency: its responsables see and formulate the plan.
    @OptionalParent(key: "dependency_id") var dependency: Dependency?
    @Field(key: "unidad_auditable") var unidadAuditable: String
    @Field(key: "numero_auditoria") var numeroAuditoria: String
    @Field(key: "periodo_auditoria") var periodoAuditoria: String
    @OptionalField(key: "fecha_suscripcion") var fechaSuscripcion: LocalDate?
    @Enum(key: "origen") var origen: PlanOrigin
    @Enum(key: "estado") var estado: PlanStatus
    @Enum(key: "metodo") var metodo: AggregationMethod
    // The format header as it was when the plan was made (an imported plan keeps its own).
    @Field(key: "format_codigo") var formatCodigo: String
    @Field(key: "format_version") var formatVersion: String
    @Field(key: "format_fecha") var formatFecha: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    @Children(for: \.$plan) var findings: [Finding]
    @Children(for: \.$plan) var rounds: [FollowUpRound]

    init() {}

    init(id: UUID? = nil, entityID: UUID, dependencyID: UUID?, unidadAuditable: String, numeroAuditoria: String,
         periodoAuditoria: String, fechaSuscripcion: LocalDate?, origen: PlanOrigin, estado: PlanStatus,
         metodo: AggregationMethod, formatCodigo: String, formatVersion: String, formatFecha: String) {
        self.id = id
        self.$entity.id = entityID
        self.$dependency.id = dependencyID
        self.unidadAuditable = unidadAuditable
        self.numeroAuditoria = numeroAuditoria
        self.periodoAuditoria = periodoAuditoria
        self.fechaSuscripcion = fechaSuscripcion
        self.origen = origen
        self.estado = estado
        self.metodo = metodo
        self.formatCodigo = formatCodigo
        self.formatVersion = formatVersion
        self.formatFecha = formatFecha
    }
}
