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

final class FollowUpPeriod: Model, @unchecked Sendable {
    static let schema = "follow_up_periods"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "program_id") var program: AnticorruptionProgram
    @Field(key: "numero") var numero: Int
    @Field(key: "nombre") var nombre: String
    @Field(key: "fecha_corte") var fechaCorte: LocalDate
    @Field(key: "fecha_limite") var fechaLimite: LocalDate
    /// Borrador until the OCI publishes it; a published seguimiento is not edited.
    @OptionalEnum(key: "estado") var estado: RoundStatus?

    /// Why the published version was reopened; goes out with the next version ("Corrección: …").
    @OptionalField(key: "correction_note") var correctionNote: String?

    init() {}

    init(entityID: UUID, programID: UUID, period p: PeriodSnapshot) {
        self.$entity.id = entityID
        self.$program.id = programID
        numero = p.numero
        nombre = p.nombre
        fechaCorte = p.fechaCorte
        fechaLimite = p.fechaLimitePublicacion
        estado = .borrador
    }
}
