import Fluent
import Vapor
import VigiaCore

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

    /// The days in which the responsables may send their monitoreo (open ends have no limit).
    @OptionalField(key: "report_from") var reportFrom: LocalDate?
    @OptionalField(key: "report_until") var reportUntil: LocalDate?

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

    var reportingWindow: ReportingWindow { ReportingWindow(from: reportFrom, until: reportUntil) }
}
