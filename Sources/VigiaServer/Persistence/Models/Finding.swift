import Fluent
import Vapor

/// Hallazgo u observación: what the audit found.
final class Finding: Model, @unchecked Sendable {
    static let schema = "findings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "plan_id") var plan: ImprovementPlan
    @Field(key: "numero") var numero: Int
    @Field(key: "descripcion") var descripcion: String
    @Field(key: "causa") var causa: String
    @Field(key: "efecto") var efecto: String
    @Field(key: "criterio") var criterio: String
    /// The finding's code in the control body's report (SIRECI F14.1); empty when it has none.
    @Field(key: "codigo") var codigo: String

    @Children(for: \.$finding) var actions: [Action]

    init() {}

    init(id: UUID? = nil, entityID: UUID, planID: UUID, numero: Int, descripcion: String, causa: String,
         efecto: String, criterio: String, codigo: String = "") {
        self.id = id
        self.$entity.id = entityID
        self.$plan.id = planID
        self.numero = numero
        self.descripcion = descripcion
        self.causa = causa
        self.efecto = efecto
        self.criterio = criterio
        self.codigo = codigo
    }
}
