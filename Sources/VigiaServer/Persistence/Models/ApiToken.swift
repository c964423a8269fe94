import Fluent
import Vapor

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
