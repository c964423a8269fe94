import Fluent
import Vapor

/// A one-time link to set a password: an invitation (a new user) or a reset ("¿Olvidó su
/// contraseña?"). Only the SHA-256 of the link's secret is stored; it expires and is used once.
final class PasswordToken: Model, @unchecked Sendable {
    static let schema = "password_tokens"

    enum Purpose: String, Codable, Sendable {
        case invitacion, restablecer

        /// How long the link works.
        var lifetime: TimeInterval { self == .invitacion ? 72 * 3600 : 3600 }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "purpose") var purpose: Purpose
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// From the injected clock (not Fluent's timestamp), like the expiry it is compared with.
    @OptionalField(key: "created_at") var createdAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String, purpose: Purpose, now: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.purpose = purpose
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(purpose.lifetime)
    }
}
