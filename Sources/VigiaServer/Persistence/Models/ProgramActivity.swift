import Fluent
import Vapor
import VigiaCore

/// An activity of a program component; `parent` is set for sub-items.
final class ProgramActivity: Model, @unchecked Sendable {
    static let schema = "program_activities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "component_id") var component: ProgramComponent
    @OptionalParent(key: "parent_id") var parent: ProgramActivity?
    @Field(key: "position") var position: Int
    @Field(key: "subcomponente") var subcomponente: String
    @Field(key: "actividad") var actividad: String
    @Field(key: "meta") var meta: String
    @Field(key: "responsables") var responsables: String
    @OptionalField(key: "fecha_programada") var fechaProgramada: ScheduledDate?

    @Siblings(through: ActivityDependency.self, from: \.$activity, to: \.$dependency) var dependencies: [Dependency]

    init() {}

    init(entityID: UUID, componentID: UUID, parentID: UUID?, position: Int, snapshot a: ActivitySnapshot) {
        self.$entity.id = entityID
        self.$component.id = componentID
        self.$parent.id = parentID
        self.position = position
        subcomponente = a.subcomponente
        actividad = a.actividad
        meta = a.meta
        responsables = a.responsables
        fechaProgramada = a.fechaProgramada
    }
}
