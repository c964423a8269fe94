import Fluent
import Vapor
import VigiaCore

/// The OCI's review of eficacia and efectividad of a finding: the only way a finding closes.
/// Recorded once and never edited; a later review supersedes it. Its evidence files are
/// `ReportEvidence` rows of kind `revision_eficacia`.
final class FindingReview: Model, @unchecked Sendable {
    static let schema = "finding_reviews"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "plan_id") var plan: ImprovementPlan
    @Parent(key: "finding_id") var finding: Finding
    @Field(key: "fecha") var fecha: LocalDate
    @Field(key: "criterios") var criterios: String
    @Enum(key: "eficacia") var eficacia: EficaciaVerdict
    @Enum(key: "efectividad") var efectividad: EfectividadVerdict
    @Enum(key: "decision") var decision: ReviewDecision
    @Field(key: "observaciones") var observaciones: String
    @Field(key: "revisor") var revisor: String
    @OptionalParent(key: "user_id") var user: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A proposal to reformulate an action (new action or new dates), with its justification and
/// the approver's decision. On approval the new action is created with `reformula_a` pointing
/// at the original, which stays, read-only, with its grades.
final class ActionReformulation: Model, @unchecked Sendable {
    static let schema = "action_reformulations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "plan_id") var plan: ImprovementPlan
    @Parent(key: "action_id") var action: Action
    @Enum(key: "estado") var estado: ReformulationStatus
    @Field(key: "fecha_propuesta") var fechaPropuesta: LocalDate
    @Field(key: "proponente") var proponente: String
    @OptionalParent(key: "proposed_by") var proposedBy: User?
    @Field(key: "justificacion") var justificacion: String
    @Field(key: "descripcion") var descripcion: String
    @OptionalField(key: "fecha_inicial") var fechaInicial: LocalDate?
    @OptionalField(key: "fecha_final") var fechaFinal: LocalDate?
    @Field(key: "meta") var meta: String
    @OptionalField(key: "meta_cantidad") var metaCantidad: Double?
    @Field(key: "indicador") var indicador: String
    @Field(key: "responsable") var responsable: String
    @OptionalField(key: "fecha_decision") var fechaDecision: LocalDate?
    @OptionalField(key: "aprobador") var aprobador: String?
    @OptionalParent(key: "decided_by") var decidedBy: User?
    @OptionalField(key: "motivo_decision") var motivoDecision: String?
    @OptionalField(key: "acta") var acta: String?
    @OptionalField(key: "successor_id") var successorID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var proposal: ReformulationProposal {
        get {
            ReformulationProposal(descripcion: descripcion, fechaInicial: fechaInicial, fechaFinal: fechaFinal, meta: meta,
                                  metaCantidad: metaCantidad, indicador: indicador, responsable: responsable)
        }
        set {
            descripcion = newValue.descripcion.trimmed; fechaInicial = newValue.fechaInicial; fechaFinal = newValue.fechaFinal
            meta = newValue.meta.trimmed; metaCantidad = newValue.metaCantidad; indicador = newValue.indicador.trimmed
            responsable = newValue.responsable.trimmed
        }
    }

    var snapshot: ReformulationSnapshot {
        ReformulationSnapshot(id: id, estado: estado, fechaPropuesta: fechaPropuesta, proponente: proponente, justificacion: justificacion,
                              propuesta: proposal, fechaDecision: fechaDecision, aprobador: aprobador, motivoDecision: motivoDecision,
                              acta: acta, sucesora: successorID)
    }
}
