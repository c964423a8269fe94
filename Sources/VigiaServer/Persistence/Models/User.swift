import Fluent
import Vapor
import VigiaCore

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Parent(key: "entity_id") var entity: Entity
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "cargo") var cargo: String
    @Enum(key: "role") var role: Role
    @OptionalParent(key: "dependency_id") var dependency: Dependency?
    @Field(key: "password_hash") var passwordHash: String
    // Unused since M022 (login throttling moved to `login_throttles`, per account and address).
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    /// A deactivated user cannot sign in and has no sessions or tokens; its history keeps its name.
    @Field(key: "active") var active: Bool
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, entityID: UUID, name: String, email: String, cargo: String, role: Role,
         dependencyID: UUID?, passwordHash: String) {
        self.id = id
        self.$entity.id = entityID
        self.name = name
        self.email = email.lowercased()
        self.cargo = cargo
        self.role = role
        self.$dependency.id = dependencyID
        self.passwordHash = passwordHash
        self.failedLogins = 0
        self.active = true
    }
}
