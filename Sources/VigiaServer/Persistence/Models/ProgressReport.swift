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
