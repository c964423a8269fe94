import Fluent
import Vapor
import VigiaCore

/// A responsable's autoreporte of one action for one follow-up round. It never overwrites the
/// OCI's grade; it is locked once the OCI has graded the action in that round.
final class ProgressReport: Model, @unchecked Sendable {
    static let schema = "progress_reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "action_id") var action: Action
    @Parent(key: "round_id") var round: FollowUpRound
    @OptionalField(key: "porcentaje") var porcentaje: Double?
    @Field(key: "descripcion") var descripcion: String
    /// Evidence links, one per line.
    @Field(key: "enlaces") var enlaces: String
    @OptionalParent(key: "reported_by") var reportedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(entityID: UUID, actionID: UUID, roundID: UUID) {
        self.$entity.id = entityID
        self.$action.id = actionID
        self.$round.id = roundID
        descripcion = ""
        enlaces = ""
    }
}

/// A stored evidence file, content-addressed by its SHA-256 within the entity (deduplicated).
final class EvidenceFile: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "mime") var mime: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A file attached to a report (plan autoreporte or program monitoreo), with the name it had.
final class ReportEvidence: Model, @unchecked Sendable {
    static let schema = "report_evidences"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    /// "autoreporte" (ProgressReport) or "monitoreo" (ActivityMonitoring).
    @Field(key: "report_kind") var reportKind: ReportKind
    @Field(key: "report_id") var reportID: UUID
    @Parent(key: "file_id") var file: EvidenceFile
    @Field(key: "name") var name: String
    @Field(key: "uploaded_by_name") var uploadedByName: String
    @OptionalParent(key: "uploaded_by") var uploadedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Which kind of progress report an evidence file belongs to (stored as its raw value).
enum ReportKind: String, Codable, Sendable {
    /// A responsable's report on a plan action for a follow-up round.
    case autoreporte
    /// A responsable's report on a program activity for a period.
    case monitoreo
}
