import Fluent
import Vapor
import VigiaCore

/// An account as the administrador's form sends it.
struct UserInput: Sendable {
    var name: String
    var email: String
    var cargo: String
    var role: Role?
    var dependencyID: UUID?
}

/// The administrador manages the entity's accounts: creates them with an invitation, changes
/// their role and dependencia, deactivates (sessions, tokens and links die at once) and
/// reactivates them. Every change is audited; history keeps the person's name.
enum UserAdminService {
    static func requireAdmin(_ ctx: UseCaseContext) throws { try ctx.requireAdministrator("Solo el administrador gestiona los usuarios de la entidad.") }

    /// One of the entity's users, or 404.
    static func user(_ id: UUID, in ctx: UseCaseContext) async throws -> User {
        guard let user = try await User.query(on: ctx.db).filter(\.$id == id).filter(\.$entity.$id == ctx.entityID)
            .filter(\.$role != .superadmin).first() else {
            throw Abort(.notFound, reason: "El usuario no existe.")
        }
        return user
    }

    /// The input checked against the rules and the entity's dependencias; returns the dependencia's name.
    private static func check(_ input: UserInput, excluding userID: UUID?, in ctx: UseCaseContext) async throws -> (Role, Dependency?) {
        var problems = UserRules.problems(name: input.name, email: input.email, role: input.role ?? .consulta,
                                          hasDependency: input.dependencyID != nil)
        if input.role.map({ !Role.entityRoles.contains($0) }) ?? true { problems["rol"] = "Rol: elija uno." }
        var dependency: Dependency? = nil
        if let id = input.dependencyID {
            dependency = try await Dependency.query(on: ctx.db).filter(\.$id == id).filter(\.$entity.$id == ctx.entityID).first()
            if dependency == nil || dependency?.active == false { problems["dependencia"] = "Dependencia: elija una dependencia activa de la entidad." }
        }
        let email = input.email.trimmed.lowercased()
        let taken = User.query(on: ctx.db).filter(\.$email == email)
        if let userID { taken.filter(\.$id != userID) }
        if problems["email"] == nil, try await taken.first() != nil { problems["email"] = "Correo: ya hay una cuenta con \(email)." }
        try InvalidInput.check(problems)
        return (input.role ?? .consulta, dependency)
    }

    /// Creates the account (it has no usable password) and invites the person.
    static func create(_ input: UserInput, app: Application, in ctx: UseCaseContext) async throws -> (User, link: String, mailed: Bool) {
        try requireAdmin(ctx)
        let (role, dependency) = try await check(input, excluding: nil, in: ctx)
        let (user, invitation) = try await ctx.db.transaction { db in
            try await insertAndInvite(input, role: role, dependency: dependency, entityID: ctx.entityID, app: app, in: ctx.on(db))
        }
        try invitation.send(app)
        return (user, invitation.link, invitation.mailed)
    }

    /// Writes an account of `entityID` with no usable password, audits it and invites the person,
    /// on `ctx.db` (the caller's transaction, after which the caller sends the invitation). The
    /// input is already checked.
    static func insertAndInvite(_ input: UserInput, role: Role, dependency: Dependency?, entityID: UUID, app: Application,
                                in ctx: UseCaseContext) async throws -> (User, AccountService.Invitation) {
        let user = User(entityID: entityID, name: input.name.trimmed, email: input.email.trimmed.lowercased(), cargo: input.cargo.trimmed,
                        role: role, dependencyID: dependency?.id, passwordHash: try Bcrypt.hash(Token.random(), cost: 10))
        try await user.create(on: ctx.db)
        try await AuditLog.record("Creó el usuario \(user.email) (\(role.label))", by: ctx.actor, entityID: entityID,
                                  objectType: "usuario", objectID: user.id, planID: nil,
                                  changes: AuditLog.diff([("nombre", nil, user.name), ("cargo", nil, user.cargo.isEmpty ? nil : user.cargo),
                                                          ("rol", nil, role.label), ("dependencia", nil, dependency?.name)]), on: ctx.db)
        return (user, try await AccountService.invite(user, app: app, by: ctx.actor, now: ctx.actor.at, on: ctx.db))
    }

    /// Changes name, cargo, role and dependencia (not the e-mail: it is the login and the history's key).
    static func update(_ user: User, _ input: UserInput, in ctx: UseCaseContext) async throws {
        try requireAdmin(ctx)
        var input = input
        input.email = user.email
        let (role, dependency) = try await check(input, excluding: try user.requireID(), in: ctx)
        if let refusal = UserRules.changeRefusal(isSelf: user.id == ctx.user.id, targetRole: user.role, newRole: role, deactivating: false,
                                                 otherActiveAdministrators: try await otherAdministrators(than: user, in: ctx)) {
            throw InvalidInput(field: "rol", "Rol: " + refusal)
        }
        let oldDependency = try await user.$dependency.get(on: ctx.db)?.name
        let changes = AuditLog.diff([("nombre", user.name, input.name.trimmed), ("cargo", user.cargo, input.cargo.trimmed),
                                     ("rol", user.role.label, role.label), ("dependencia", oldDependency, dependency?.name)])
        guard !changes.isEmpty else { return }
        user.name = input.name.trimmed
        user.cargo = input.cargo.trimmed
        user.role = role
        user.$dependency.id = dependency?.id
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            try await AuditLog.record("Modificó el usuario \(user.email)", by: ctx.actor, entityID: ctx.entityID, objectType: "usuario",
                                      objectID: user.id, planID: nil, changes: changes, on: db)
        }
    }

    /// Deactivates the account: it cannot sign in, and every session, API token, calendar
    /// address and pending link of it stops working at once.
    static func deactivate(_ user: User, in ctx: UseCaseContext) async throws {
        try requireAdmin(ctx)
        guard user.active else { return }
        if let refusal = UserRules.changeRefusal(isSelf: user.id == ctx.user.id, targetRole: user.role, newRole: user.role, deactivating: true,
                                                 otherActiveAdministrators: try await otherAdministrators(than: user, in: ctx)) {
            throw Abort(.conflict, reason: refusal)
        }
        let userID = try user.requireID()
        user.active = false
        user.deactivatedAt = ctx.actor.at
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            try await SessionStore.endAll(userID: userID, on: db)
            try await ApiToken.query(on: db).filter(\.$user.$id == userID).delete()
            try await CalendarToken.query(on: db).filter(\.$user.$id == userID).delete()
            try await PasswordToken.query(on: db).filter(\.$user.$id == userID).delete()
            try await AuditLog.record("Desactivó el usuario \(user.email); se cerraron sus sesiones y se revocaron sus tokens", by: ctx.actor,
                                      entityID: ctx.entityID, objectType: "usuario", objectID: user.id, planID: nil,
                                      changes: [FieldChange(field: "estado", old: "activo", new: "desactivado")], on: db)
        }
    }

    /// Reactivates the account and sends it a link to choose a new password.
    static func reactivate(_ user: User, app: Application, in ctx: UseCaseContext) async throws -> (link: String, mailed: Bool) {
        try requireAdmin(ctx)
        let wasActive = user.active
        user.active = true
        user.deactivatedAt = nil
        let invitation = try await ctx.db.transaction { db in
            guard !wasActive else { return try await AccountService.invite(user, app: app, by: ctx.actor, now: ctx.actor.at, on: db) }
            try await user.save(on: db)
            try await AuditLog.record("Reactivó el usuario \(user.email)", by: ctx.actor, entityID: ctx.entityID, objectType: "usuario",
                                      objectID: user.id, planID: nil, changes: [FieldChange(field: "estado", old: "desactivado", new: "activo")], on: db)
            return try await AccountService.invite(user, app: app, by: ctx.actor, now: ctx.actor.at, on: db)
        }
        try invitation.send(app)
        return (invitation.link, invitation.mailed)
    }

    private static func otherAdministrators(than user: User, in ctx: UseCaseContext) async throws -> Int {
        try await User.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).filter(\.$role == .administrador)
            .filter(\.$active == true).filter(\.$id != user.requireID()).count()
    }
}
