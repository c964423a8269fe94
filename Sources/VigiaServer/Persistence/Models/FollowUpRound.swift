import Fluent
import Vapor
import VigiaCore

/// Seguimiento N: the OCI's dated review of every action of a plan.
final class FollowUpRound: Model, @unchecked Sendable {
    static let schema = "follow_up_rounds"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "plan_id") var plan: ImprovementPlan
    @Field(key: "numero") var numero: Int
    @OptionalField(key: "fecha_corte") var fechaCorte: LocalDate?
    @OptionalField(key: "fecha_seguimiento") var fechaSeguimiento: LocalDate?
    @Enum(key: "estado") var estado: RoundStatus
    @Field(key: "es_cierre") var esCierre: Bool
    /// Optional reporting window for the responsables' autoreportes.
    @OptionalField(key: "report_from") var reportFrom: LocalDate?
    @OptionalField(key: "report_until") var reportUntil: LocalDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    @Children(for: \.$round) var grades: [ActionGrade]
    @Children(for: \.$round) var findingGrades: [FindingGrade]

    /// Why the published version was reopened; goes out with the next version ("Corrección: …").
    @OptionalField(key: "correction_note") var correctionNote: String?

    init() {}

    init(id: UUID? = nil, entityID: UUID, planID: UUID, numero: Int, fechaCorte: LocalDate?,
         fechaSeguimiento: LocalDate?, estado: RoundStatus = .borrador, esCierre: Bool = false) {
        self.id = id
        self.$entity.id = entityID
        self.$plan.id = planID
        self.numero = numero
        self.fechaCorte = fechaCorte
        self.fechaSeguimiento = fechaSeguimiento
        self.estado = estado
        self.esCierre = esCierre
    }
}

extension FollowUpRound {
    var reportingWindow: ReportingWindow { ReportingWindow(from: reportFrom, until: reportUntil) }
}
