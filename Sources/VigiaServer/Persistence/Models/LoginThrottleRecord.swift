import Fluent
import Vapor

/// One counter of failed logins, keyed `cuenta:<correo>` or `ip:<dirección>`.
final class LoginThrottleRecord: Model, @unchecked Sendable {
    static let schema = "login_throttles"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    /// Failures, decayed over time (see `LoginThrottle`).
    @Field(key: "score") var score: Double
    @Field(key: "updated_at") var updatedAt: Double
    @Field(key: "locked_until") var lockedUntil: Double

    init() {}
}
