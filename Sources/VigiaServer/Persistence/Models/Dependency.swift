import Fluent
import Vapor

/// An office of the entity (dependencia / unidad auditable).
final class Dependency: Model, @unchecked Sendable {
    static let schema = "dependencies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "name") var name: String
    /// A deactivated dependencia is offered nowhere new; plans and history keep it.
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, entityID: UUID, name: String) {
        self.id = id
        self.$entity.id = entityID
        self.name = name
        self.active = true
    }
}
