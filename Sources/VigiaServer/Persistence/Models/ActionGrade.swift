import Fluent
import Vapor
import VigiaCore

/// The OCI's grade of one action in one round: written by the OCI only.
final class ActionGrade: Model, @unchecked Sendable {
    static let schema = "action_assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "round_id") var round: FollowUpRound
    @Parent(key: "action_id") var action: Action
    @OptionalField(key: "porcentaje") var porcentaje: Double?
    @Field(key: "evidencias") var evidencias: String
    @Field(key: "observaciones") var observaciones: String
    /// The OCI's override of the suggested state (nil: the suggestion stands).
    @OptionalEnum(key: "estado") var estado: ActionState?
    @Field(key: "justificacion") var justificacion: String
    @OptionalParent(key: "updated_by") var updatedBy: User?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, entityID: UUID, roundID: UUID, actionID: UUID) {
        self.id = id
        self.$entity.id = entityID
        self.$round.id = roundID
        self.$action.id = actionID
        self.evidencias = ""
        self.observaciones = ""
        self.justificacion = ""
    }
}

extension ActionGrade {
    /// Whether the OCI graded the action in the round (VigiaCore's `Graded`: a % was given),
    /// asked of the database without loading the plan.
    static func isGraded(action: UUID, round: UUID, on db: Database) async throws -> Bool {
        try await ActionGrade.query(on: db).filter(\.$round.$id == round).filter(\.$action.$id == action)
            .filter(\.$porcentaje != nil).first() != nil
    }
}
