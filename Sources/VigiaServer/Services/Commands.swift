import Fluent
import Foundation
import Vapor
import VigiaCore
import VigiaFormats

/// What the `vigia` commands do, with the database already configured. Kept here, beside
/// the server, so tests exercise the very code the command line runs.
public enum VigiaTasks {
    /// Imports a B-I-007 file into the entity with `nit` (or the only one; or a new one from the
    /// file's header when the database has none). One transaction: all or nothing.
    public static func importPlan(text: String, entityNIT: String?, unidad: String?, dependency: String?,
                                  at now: Date, on db: Database) async throws -> (id: UUID, plan: PlanSnapshot, notes: [ImportNote]) {
        try await importPlan(.text(text), entityNIT: entityNIT, unidad: unidad, dependency: dependency, at: now, on: db)
    }

    /// The same from a text file or a workbook's sheet.
    public static func importPlan(_ source: ImportSource, entityNIT: String?, unidad: String?, dependency: String?,
                                  at now: Date, on db: Database) async throws -> (id: UUID, plan: PlanSnapshot, notes: [ImportNote]) {
        let result = try { () throws -> PlanImport in
            var r = try source.plan()
            if let unidad, !unidad.trimmed.isEmpty { r.plan.unidadAuditable = unidad.trimmed }
            return r
        }()
        let plan = try await db.transaction { db in
            let entity = try await entityFor(nit: entityNIT, header: result.plan.formato, on: db)
            let entityID = try entity.requireID()
            if let dependency, !dependency.trimmed.isEmpty, try await PlanStore.dependencyNamed(dependency, entityID: entityID, on: db) == nil {
                try await Dependency(entityID: entityID, name: dependency.trimmed).create(on: db)
            }
            let created = try await PlanStore.create(result.plan, entityID: entityID, by: .commandLine(at: now),
                                                     summary: "Importó el plan desde el formato \(result.plan.formato.codigo) (línea de comandos)", on: db)
            if let dependency, let dep = try await PlanStore.dependencyNamed(dependency, entityID: entityID, on: db) {
                created.$dependency.id = dep.id
                try await created.save(on: db)
            }
            return created
        }
        return (try plan.requireID(), result.plan, result.notes)
    }

    /// The install's own entity (made the first time a superadministrador is created).
    static func installEntity(on db: Database) async throws -> Entity {
        if let e = try await Entity.query(on: db).filter(\.$install == true).first() { return e }
        let e = Entity(name: "Instalación (superadministradores)", nit: "", format: FormatHeader(entidad: "Instalación"))
        e.install = true
        try await e.create(on: db)
        return e
    }

    static func entityFor(nit: String?, header: FormatHeader, on db: Database) async throws -> Entity {
        if let nit, !nit.isEmpty {
            guard let e = try await Entity.query(on: db).filter(\.$nit == nit).first() else {
                throw ValidationFailure("No existe una entidad con NIT «\(nit)».")
            }
            return e
        }
        let all = try await Entity.query(on: db).filter(\.$install == false).all()
        if all.count == 1 { return all[0] }
        if all.count > 1 {
            throw ValidationFailure("Hay \(all.count) entidades; indique a cuál pertenece el plan con --entidad NIT (\(all.map { "\($0.nit): \($0.name)" }.joined(separator: "; "))).")
        }
        let entity = Entity(name: header.entidad.isEmpty ? "Entidad" : header.entidad, nit: "", format: header)
        try await entity.create(on: db)
        return entity
    }

    /// The JSON document of a plan, as the API returns it.
    public static func exportPlanJSON(id: UUID, round: Int?, on db: Database) async throws -> Data {
        guard let plan = try await ImprovementPlan.find(id, on: db) else {
            throw ValidationFailure("No existe el plan \(id).")
        }
        let snap = try await PlanStore.snapshot(of: plan, on: db)
        if let round, !snap.seguimientos.contains(where: { $0.numero == round }) {
            throw ValidationFailure("El plan no tiene el seguimiento \(round).")
        }
        let entity = try await Entity.find(plan.$entity.id, on: db)
        return try PlanDocument.encoder.encode(PlanDocument(plan: snap, round: round,
                                                            settings: CheckSettings(maxPlanMonths: entity?.maxPlanMonths)))
    }

    public static func checkPlan(id: UUID, on db: Database) async throws -> (PlanSnapshot, [CheckResult]) {
        guard let plan = try await ImprovementPlan.find(id, on: db) else { throw ValidationFailure("No existe el plan \(id).") }
        let snap = try await PlanStore.snapshot(of: plan, on: db)
        let entity = try await Entity.find(plan.$entity.id, on: db)
        return (snap, PlanChecks.run(snap, settings: CheckSettings(maxPlanMonths: entity?.maxPlanMonths)))
    }

    /// Creates a user; returns the password (the one given or a generated one).
    public static func createUser(email: String, name: String, role: Role, cargo: String, password: String?,
                                  dependency: String?, entityNIT: String?, at now: Date, on db: Database) async throws -> String {
        let pass = password ?? generatePassword()
        let email = email.trimmed.lowercased()
        if let problem = PasswordPolicy.problem(pass, email: email) { throw ValidationFailure(problem) }
        guard email.contains("@") else { throw ValidationFailure("El correo «\(email)» no es válido.") }
        if try await User.query(on: db).filter(\.$email == email).first() != nil {
            throw ValidationFailure("Ya existe un usuario con el correo \(email).")
        }
        // The superadministrador belongs to the install's own entity, never to a public body.
        if role == .superadmin, dependency != nil || entityNIT != nil {
            throw ValidationFailure("El superadministrador es de la instalación: no lleva --entidad ni --dependencia.")
        }
        let entity = role == .superadmin ? try await installEntity(on: db)
                                         : try await entityFor(nit: entityNIT, header: FormatHeader(entidad: "Entidad"), on: db)
        var depID: UUID? = nil
        if let dependency, !dependency.trimmed.isEmpty {
            guard let dep = try await PlanStore.dependencyNamed(dependency, entityID: try entity.requireID(), on: db) else {
                throw ValidationFailure("No existe la dependencia «\(dependency)» en \(entity.name).")
            }
            depID = dep.id
        }
        if role == .responsable && depID == nil {
            throw ValidationFailure("Un usuario responsable necesita su dependencia (--dependencia).")
        }
        let user = User(entityID: try entity.requireID(), name: name, email: email, cargo: cargo, role: role,
                        dependencyID: depID, passwordHash: try Bcrypt.hash(pass, cost: 12))
        try await user.create(on: db)
        try await AuditLog.record("Creó el usuario \(email) (\(role.label))", by: .commandLine(at: now), entityID: try entity.requireID(),
                                  objectType: "usuario", objectID: user.id, planID: nil, on: db)
        return pass
    }

    /// A personal API token for `email`; only its hash is stored.
    public static func createToken(email: String, label: String, expiresInDays: Int? = nil, at now: Date, on db: Database) async throws -> String {
        guard let user = try await User.query(on: db).filter(\.$email == email.lowercased()).first() else {
            throw ValidationFailure("No existe el usuario \(email).")
        }
        let expires = try expiresInDays.map { days -> Date in
            guard (1...3650).contains(days) else { throw ValidationFailure("--vence-en-dias debe ser de 1 a 3650.") }
            return now.addingTimeInterval(Double(days) * 86_400)
        }
        return try await issueToken(userID: try user.requireID(), label: label, expires: expires, by: .commandLine(at: now),
                                    entityID: user.$entity.id, on: db)
    }

    static func issueToken(userID: UUID, label: String, expires: Date?, by actor: Actor, entityID: UUID, on db: Database) async throws -> String {
        let token = Token.random()
        let record = ApiToken(userID: userID, tokenHash: Token.sha256(token), label: label)
        record.expiresAt = expires
        try await db.transaction { db in
            try await record.create(on: db)
            try await AuditLog.record("Creó el token de acceso a la API «\(label)»", by: actor, entityID: entityID, objectType: "token",
                                      objectID: record.id, planID: nil, on: db)
        }
        return token
    }

    static func revoke(_ token: ApiToken, by actor: Actor, entityID: UUID, on db: Database) async throws {
        try await db.transaction { db in
            try await token.delete(on: db)
            try await AuditLog.record("Revocó el token de acceso a la API «\(token.label)»", by: actor, entityID: entityID, objectType: "token",
                                      objectID: token.id, planID: nil, on: db)
        }
    }

    /// The API tokens of `email`, for `vigia list-tokens`.
    public static func listTokens(email: String, on db: Database) async throws -> [(id: UUID, label: String, created: Date?, lastUsed: Date?, expires: Date?)] {
        guard let user = try await User.query(on: db).filter(\.$email == email.lowercased()).first() else {
            throw ValidationFailure("No existe el usuario \(email).")
        }
        return try await ApiToken.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt).all()
            .map { ($0.id ?? UUID(), $0.label, $0.createdAt, $0.lastUsedAt, $0.expiresAt) }
    }

    /// Revokes one token by id (`vigia revoke-token`).
    public static func revokeToken(id: UUID, at now: Date, on db: Database) async throws {
        guard let token = try await ApiToken.query(on: db).filter(\.$id == id).with(\.$user).first() else {
            throw ValidationFailure("No existe el token \(id).")
        }
        try await revoke(token, by: .commandLine(at: now), entityID: token.user.$entity.id, on: db)
    }

    /// Sets a user's password and ends every session of that user.
    public static func setPassword(email: String, password: String, at now: Date, on db: Database) async throws {
        guard let user = try await User.query(on: db).filter(\.$email == email.lowercased()).first() else {
            throw ValidationFailure("No existe el usuario \(email).")
        }
        if let problem = PasswordPolicy.problem(password, email: user.email) { throw ValidationFailure(problem) }
        user.passwordHash = try Bcrypt.hash(password, cost: 12)
        try await db.transaction { db in
            try await user.save(on: db)
            try await SessionStore.endAll(userID: try user.requireID(), on: db)
            try await AuditLog.record("Cambió la contraseña de \(user.email); se cerraron sus sesiones", by: .commandLine(at: now),
                                      entityID: user.$entity.id, objectType: "usuario", objectID: user.id, planID: nil, on: db)
        }
    }

    static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var g = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
    }
}
