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

/// A personal token for the JSON API (`Authorization: Bearer …`); only its SHA-256 is stored.
final class ApiToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "label") var label: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    /// After this instant the token is refused (nil: no expiry).
    @OptionalField(key: "expires_at") var expiresAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String, label: String) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.label = label
    }
}
