import Fluent
import Vapor
import VigiaCore

/// Elaborado / Revisado / Aprobado por: nombre y cargo.
final class Signature: Model, @unchecked Sendable {
    static let schema = "signatures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "plan_id") var plan: ImprovementPlan
    @Enum(key: "rol") var rol: SignatureRole
    @Field(key: "nombre") var nombre: String
    @Field(key: "cargo") var cargo: String

    init() {}

    init(id: UUID? = nil, entityID: UUID, planID: UUID, signature: SignatureSnapshot) {
        self.id = id
        self.$entity.id = entityID
        self.$plan.id = planID
        self.rol = signature.rol
        self.nombre = signature.nombre
        self.cargo = signature.cargo
    }
}
