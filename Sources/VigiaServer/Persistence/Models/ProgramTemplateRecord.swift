import Fluent
import Vapor
import VigiaCore

/// A program template (structure) of one entity, versioned: editing one saves a new version.
/// Each entity starts with its own copy of the shipped templates (PAAC – Guía V2, PTEP).
final class ProgramTemplateRecord: Model, @unchecked Sendable {
    static let schema = "entity_templates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "name") var name: String
    @Field(key: "version") var version: Int
    /// The structure as JSON (`ProgramTemplate`).
    @Field(key: "structure") var structure: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(entityID: UUID, name: String, version: Int, template: ProgramTemplate) throws {
        self.$entity.id = entityID
        self.name = name
        self.version = version
        self.structure = String(decoding: try JSONEncoder().encode(template), as: UTF8.self)
    }

    var template: ProgramTemplate? { try? JSONDecoder().decode(ProgramTemplate.self, from: Data(structure.utf8)) }
}
