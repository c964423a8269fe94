import Fluent
import Vapor

/// A reminder or digest: stored before it is sent, shown in the user's inbox, sent once.
final class Notification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Parent(key: "user_id") var user: User
    @Field(key: "email") var email: String
    @Field(key: "kind") var kind: String
    /// Unique: the same reminder is never created (nor sent) twice.
    @Field(key: "dedup_key") var dedupKey: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @OptionalField(key: "claimed_by") var claimedBy: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "error") var error: String?
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "read_at") var readAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
