import Fluent
import Vapor

/// One change in the audit trail: who, when, what, old → new. Append-only.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @OptionalParent(key: "user_id") var user: User?
    /// The user's name at the time (kept even if the user is renamed or removed).
    @Field(key: "user_name") var userName: String
    @Field(key: "at") var at: Date
    /// What happened, in Spanish: “Registró el seguimiento 1”, “Modificó la acción”.
    @Field(key: "summary") var summary: String
    @Field(key: "object_type") var objectType: String
    @OptionalField(key: "object_id") var objectID: UUID?
    @OptionalField(key: "plan_id") var planID: UUID?
    @OptionalField(key: "program_id") var programID: UUID?
    @OptionalField(key: "field") var field: String?
    @OptionalField(key: "old_value") var oldValue: String?
    @OptionalField(key: "new_value") var newValue: String?

    init() {}
}
