import Fluent
import Vapor
import VigiaCore

/// The responsables' own report (monitoreo): shown beside the OCI's, never overwriting it.
final class ActivityMonitoring: Model, @unchecked Sendable {
    static let schema = "activity_monitorings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "activity_id") var activity: ProgramActivity
    @Parent(key: "period_id") var period: FollowUpPeriod
    @OptionalField(key: "porcentaje") var porcentaje: Double?
    @Field(key: "no_aplica") var noAplica: Bool
    @Field(key: "reporte") var reporte: String
    @Field(key: "evidencias") var evidencias: String
    @OptionalParent(key: "reported_by") var reportedBy: User?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(entityID: UUID, activityID: UUID, periodID: UUID) {
        self.$entity.id = entityID
        self.$activity.id = activityID
        self.$period.id = periodID
        noAplica = false
        reporte = ""
        evidencias = ""
    }
}
