import Fluent
import Vapor
import VigiaCore

/// A responsable's progress report: the autoreporte of a plan action for a follow-up round, the
/// monitoreo of a program activity for a period, or the monitoreo of a risk map's action for a period. One table, one set of rules
/// (`ProgressReportRules`: open inside the window, closed once the OCI graded the item or the
/// round or period is published); it never overwrites the OCI's grade.
final class ProgressReport: Model, @unchecked Sendable {
    static let schema = "progress_reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    /// Which subject the report has: an action in a round, or an activity in a period.
    @Field(key: "kind") var kind: ReportKind
    @OptionalParent(key: "action_id") var action: Action?
    @OptionalParent(key: "round_id") var round: FollowUpRound?
    @OptionalParent(key: "activity_id") var activity: ProgramActivity?
    @OptionalParent(key: "period_id") var period: FollowUpPeriod?
    /// The monitoreo of a risk map's action: the map, the risk's number, the action's position (from 1) and the period.
    @OptionalField(key: "risk_map_id") var riskMapID: UUID?
    @OptionalField(key: "risk_numero") var riskNumero: Int?
    @OptionalField(key: "risk_accion") var riskAccion: Int?
    @OptionalField(key: "periodo") var periodo: Int?
    @OptionalField(key: "porcentaje") var porcentaje: Double?
    /// Program activities may be reported as not applicable in the period.
    @Field(key: "no_aplica") var noAplica: Bool
    @Field(key: "descripcion") var descripcion: String
    /// Evidence links, one per line.
    @Field(key: "enlaces") var enlaces: String
    @OptionalParent(key: "reported_by") var reportedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    private init(entityID: UUID, kind: ReportKind) {
        self.$entity.id = entityID
        self.kind = kind
        noAplica = false
        descripcion = ""
        enlaces = ""
    }

    /// An autoreporte of a plan action for a round.
    convenience init(entityID: UUID, actionID: UUID, roundID: UUID) {
        self.init(entityID: entityID, kind: .autoreporte)
        self.$action.id = actionID
        self.$round.id = roundID
    }

    /// The monitoreo of a program activity for a period.
    convenience init(entityID: UUID, activityID: UUID, periodID: UUID) {
        self.init(entityID: entityID, kind: .monitoreo)
        self.$activity.id = activityID
        self.$period.id = periodID
    }

    /// The monitoreo of action `accion` of risk `numero` of a risk map, for a period.
    convenience init(entityID: UUID, riskMapID: UUID, numero: Int, accion: Int, periodo: Int) {
        self.init(entityID: entityID, kind: .riskMonitoring)
        self.riskMapID = riskMapID
        self.riskNumero = numero
        self.riskAccion = accion
        self.periodo = periodo
    }

    /// The evidence links, one per line as stored.
    var links: [String] { enlaces.split(whereSeparator: \.isNewline).map(String.init) }
}
