import Fluent
import Vapor
import VigiaCore

/// The OCI's override of a finding's state in one round, kept with its justification.
final class FindingGrade: Model, @unchecked Sendable {
    static let schema = "finding_assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "round_id") var round: FollowUpRound
    @Parent(key: "finding_id") var finding: Finding
    @OptionalEnum(key: "estado") var estado: FindingState?
    @Field(key: "justificacion") var justificacion: String

    init() {}

    init(id: UUID? = nil, entityID: UUID, roundID: UUID, findingID: UUID) {
        self.id = id
        self.$entity.id = entityID
        self.$round.id = roundID
        self.$finding.id = findingID
        self.justificacion = ""
    }
}
