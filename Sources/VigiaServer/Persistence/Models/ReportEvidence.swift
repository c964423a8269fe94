import Fluent
import Vapor
import VigiaCore

/// A file attached to a report (plan autoreporte or program monitoreo), with the name it had.
final class ReportEvidence: Model, @unchecked Sendable {
    static let schema = "report_evidences"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    /// The kind of the ProgressReport it belongs to (the same as the report's own `kind`).
    @Field(key: "report_kind") var reportKind: ReportKind
    /// The ProgressReport's id.
    @Field(key: "report_id") var reportID: UUID
    @Parent(key: "file_id") var file: EvidenceFile
    @Field(key: "name") var name: String
    @Field(key: "uploaded_by_name") var uploadedByName: String
    @OptionalParent(key: "uploaded_by") var uploadedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Which kind of progress report: on a plan action or on a program activity (stored as its raw value).
enum ReportKind: String, Codable, Sendable {
    /// A responsable's report on a plan action for a follow-up round.
    case autoreporte
    /// A responsable's report on a program activity for a period.
    case monitoreo
    /// A responsable's report on an action of a corruption risk map for a period.
    case riskMonitoring = "monitoreo_riesgo"
    /// The evidence of the OCI's review of eficacia and efectividad of a finding (`report_id` is the FindingReview's id).
    case effectivenessReview = "revision_eficacia"

    /// "autoreporte", "monitoreo", "monitoreo del mapa de riesgos": how messages and the audit trail name it.
    var label: String {
        switch self {
        case .riskMonitoring: "monitoreo del mapa de riesgos"
        case .effectivenessReview: "revisión de eficacia y efectividad"
        default: rawValue
        }
    }
}
