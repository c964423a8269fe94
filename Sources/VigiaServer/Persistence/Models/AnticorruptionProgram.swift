import Fluent
import Vapor
import VigiaCore

/// The yearly PAAC / PTEP of an entity.
final class AnticorruptionProgram: Model, @unchecked Sendable {
    static let schema = "anticorruption_programs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "vigencia") var vigencia: Int
    /// The template's name and version, copied: editing the template never changes this program.
    @Field(key: "plantilla") var plantilla: String
    @Field(key: "titulo") var titulo: String
    @Enum(key: "metodo") var metodo: ProgramMethod
    @OptionalEnum(key: "estado") var estado: ProgramStatus?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, entityID: UUID, vigencia: Int, plantilla: String, titulo: String, metodo: ProgramMethod = .meanOfComponents) {
        self.id = id
        self.$entity.id = entityID
        self.vigencia = vigencia
        self.plantilla = plantilla
        self.titulo = titulo
        self.metodo = metodo
        self.estado = .enSeguimiento
    }
}

extension AnticorruptionProgram {
    /// "PAAC" or "PTEP", by the template it was built from.
    var shortName: String { ProgramSnapshot.shortName(plantilla: plantilla) }
}
