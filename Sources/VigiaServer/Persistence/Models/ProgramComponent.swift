import Fluent
import Vapor
import VigiaCore

final class ProgramComponent: Model, @unchecked Sendable {
    static let schema = "program_components"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "program_id") var program: AnticorruptionProgram
    @Field(key: "numero") var numero: Int
    @Field(key: "nombre") var nombre: String

    init() {}

    init(entityID: UUID, programID: UUID, numero: Int, nombre: String) {
        self.$entity.id = entityID
        self.$program.id = programID
        self.numero = numero
        self.nombre = nombre
    }
}
