import Fluent
import Vapor

/// A signed-in session. Only the SHA-256 of the cookie's value is stored, so a copy of the
/// database opens no session. Times are seconds since 1970 (compared in SQL on both databases).
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    /// The session's data (CSRF token, flash message) as JSON.
    @Field(key: "data") var data: String
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "last_seen_at") var lastSeenAt: Double

    init() {}
}
