import Fluent
import Vapor
import VigiaCore

/// The OCI's seguimiento of an activity in a period (published). Written by the OCI only.
final class ActivityFollowUp: Model, @unchecked Sendable {
    static let schema = "activity_follow_ups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "activity_id") var activity: ProgramActivity
    @Parent(key: "period_id") var period: FollowUpPeriod
    @OptionalField(key: "porcentaje") var porcentaje: Double?
    @Field(key: "no_aplica") var noAplica: Bool
    @Field(key: "seguimiento") var seguimiento: String
    /// Evidence links, one per line.
    @Field(key: "evidencias") var evidencias: String
    @OptionalParent(key: "updated_by") var updatedBy: User?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(entityID: UUID, activityID: UUID, periodID: UUID) {
        self.$entity.id = entityID
        self.$activity.id = activityID
        self.$period.id = periodID
        noAplica = false
        seguimiento = ""
        evidencias = ""
    }
}

extension ActivityFollowUp {
    /// The OCI has graded the activity for the period (VigiaCore's rule).
    var isGraded: Bool { ActivityFollowUpSnapshot(periodo: 0, porcentaje: porcentaje, noAplica: noAplica).isGraded }
}
