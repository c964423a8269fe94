import Fluent
import Vapor
import VigiaCore

/// Elaborado / aprobado of a program's seguimiento.
final class ProgramSignature: Model, @unchecked Sendable {
    static let schema = "program_signatures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "program_id") var program: AnticorruptionProgram
    @Enum(key: "rol") var rol: SignatureRole
    @Field(key: "nombre") var nombre: String
    @Field(key: "cargo") var cargo: String

    init() {}

    init(entityID: UUID, programID: UUID, signature s: SignatureSnapshot) {
        self.$entity.id = entityID
        self.$program.id = programID
        rol = s.rol
        nombre = s.nombre
        cargo = s.cargo
    }
}
