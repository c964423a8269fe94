import Fluent
import Vapor
import VigiaCore

/// A new entity and its first administrador, as the superadministrador's form sends them.
struct NewEntityInput: Sendable {
    var name = ""
    var nit = ""
    var admin = UserInput(name: "", email: "", cargo: "", role: .administrador, dependencyID: nil)
}

/// The superadministrador's use cases: one install serves several entities (a gobernación and
/// its municipios), each isolated. It creates an entity with its first administrador, and can
/// invite another administrador to an entity that lost its own; it never sees an entity's data.
enum InstallationService {
    static func requireSuperadmin(_ ctx: UseCaseContext) throws {
        guard ctx.user.role.administersInstall else {
            throw Abort(.forbidden, reason: "Solo el superadministrador de la instalación crea entidades.")
        }
    }

    /// One entity of the install, or 404.
    static func entity(_ id: UUID, in ctx: UseCaseContext) async throws -> Entity {
        try requireSuperadmin(ctx)
        guard let e = try await Entity.find(id, on: ctx.db), !e.install else { throw Abort(.notFound, reason: "La entidad no existe.") }
        return e
    }

    /// The administrador's data checked (its role is always administrador).
    private static func adminProblems(_ admin: UserInput, on db: Database) async throws -> [String: String] {
        var problems = UserRules.problems(name: admin.name, email: admin.email, role: .administrador, hasDependency: false)
        let email = admin.email.trimmed.lowercased()
        if problems["email"] == nil, try await User.query(on: db).filter(\.$email == email).first() != nil {
            problems["email"] = "Correo: ya hay una cuenta con \(email)."
        }
        return problems
    }

    /// Creates the entity (with the shipped program templates, by the model middleware) and its
    /// administrador, and invites the administrador. Audited in the new entity's trail.
    static func createEntity(_ input: NewEntityInput, app: Application, in ctx: UseCaseContext) async throws
        -> (Entity, User, link: String, mailed: Bool) {
        try requireSuperadmin(ctx)
        var problems = try await adminProblems(input.admin, on: ctx.db)
        let name = input.name.trimmed, nit = input.nit.trimmed
        if name.isEmpty { problems["entidad"] = "Nombre de la entidad: escríbalo." }
        if let p = EntityRules.nitProblem(nit) { problems["nit"] = p }
        else if try await Entity.query(on: ctx.db).filter(\.$nit == nit).first() != nil {
            problems["nit"] = "NIT: otra entidad de esta instalación ya tiene el NIT \(nit)."
        }
        try InvalidInput.check(problems)
        let entity = Entity(name: name, nit: nit, format: FormatHeader(entidad: name, proceso: "Evaluación Independiente",
                                                                       nombreFormato: "Plan de mejoramiento"))
        let (user, invitation) = try await ctx.db.transaction { db in
            try await entity.create(on: db)
            let entityID = try entity.requireID()
            try await AuditLog.record("Creó la entidad \(name) (NIT \(nit))", by: ctx.actor, entityID: entityID, objectType: "entidad",
                                      objectID: entityID, planID: nil,
                                      changes: AuditLog.diff([("nombre", nil, name), ("NIT", nil, nit)]), on: db)
            return try await UserAdminService.insertAndInvite(input.admin, role: .administrador, dependency: nil, entityID: entityID,
                                                              app: app, in: ctx.on(db))
        }
        try invitation.send(app)
        return (entity, user, invitation.link, invitation.mailed)
    }

    /// Adds an administrador to an existing entity (its own left, or it needs a second one).
    static func addAdministrator(_ admin: UserInput, to entity: Entity, app: Application, in ctx: UseCaseContext) async throws
        -> (User, link: String, mailed: Bool) {
        try requireSuperadmin(ctx)
        try InvalidInput.check(try await adminProblems(admin, on: ctx.db))
        let entityID = try entity.requireID()
        let (user, invitation) = try await ctx.db.transaction { db in
            try await UserAdminService.insertAndInvite(admin, role: .administrador, dependency: nil, entityID: entityID, app: app, in: ctx.on(db))
        }
        try invitation.send(app)
        return (user, invitation.link, invitation.mailed)
    }
}
