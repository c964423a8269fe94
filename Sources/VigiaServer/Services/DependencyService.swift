import Fluent
import SQLKit
import Vapor
import VigiaCore

/// The entity's dependencias (administrador): create, rename, deactivate and reactivate, and
/// merge one into another. A rename keeps the old name in the audit trail; a merged or
/// deactivated dependencia stays for history and is offered nowhere new.
enum DependencyService {
    static func requireAdmin(_ ctx: UseCaseContext) throws { try ctx.requireAdministrator("Solo el administrador gestiona las dependencias.") }

    static func dependency(_ id: UUID, in ctx: UseCaseContext) async throws -> Dependency {
        guard let d = try await Dependency.query(on: ctx.db).filter(\.$id == id).filter(\.$entity.$id == ctx.entityID).first() else {
            throw Abort(.notFound, reason: "La dependencia no existe.")
        }
        return d
    }

    private static func checkName(_ name: String, excluding id: UUID?, in ctx: UseCaseContext) async throws -> String {
        let name = name.trimmed
        if name.isEmpty { throw InvalidInput(field: "nombre", "Nombre: escriba el nombre de la dependencia.") }
        if name.count > 200 { throw InvalidInput(field: "nombre", "Nombre: a lo sumo 200 caracteres.") }
        let same = try await Dependency.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).all()
            .first { $0.id != id && $0.name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                        == name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        if let same { throw InvalidInput(field: "nombre", "Nombre: ya existe la dependencia «\(same.name)».") }
        return name
    }

    static func create(name: String, in ctx: UseCaseContext) async throws -> Dependency {
        try requireAdmin(ctx)
        let dependency = Dependency(entityID: ctx.entityID, name: try await checkName(name, excluding: nil, in: ctx))
        try await ctx.db.transaction { db in
            try await dependency.create(on: db)
            try await EntityRevision.bump(ctx.entityID, on: db)   // the lists offer the dependencias to filter by
            try await AuditLog.record("Creó la dependencia «\(dependency.name)»", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "dependencia", objectID: dependency.id, planID: nil, on: db)
        }
        return dependency
    }

    static func rename(_ dependency: Dependency, to name: String, in ctx: UseCaseContext) async throws {
        try requireAdmin(ctx)
        let new = try await checkName(name, excluding: dependency.id, in: ctx)
        guard new != dependency.name else { return }
        let old = dependency.name
        dependency.name = new
        try await ctx.db.transaction { db in
            try await dependency.save(on: db)
            try await bumpAllRevisions(entityID: ctx.entityID, on: db)   // the name or header is in every plan and program
            try await AuditLog.record("Renombró la dependencia «\(old)»", by: ctx.actor, entityID: ctx.entityID, objectType: "dependencia",
                                      objectID: dependency.id, planID: nil, changes: [FieldChange(field: "nombre", old: old, new: new)], on: db)
        }
    }

    static func setActive(_ dependency: Dependency, _ active: Bool, in ctx: UseCaseContext) async throws {
        try requireAdmin(ctx)
        guard dependency.active != active else { return }
        if !active, try await User.query(on: ctx.db).filter(\.$dependency.$id == dependency.requireID()).filter(\.$active == true).count() > 0 {
            throw Abort(.conflict, reason: "«\(dependency.name)» tiene usuarios activos: páselos a otra dependencia (o fusiónela) antes de desactivarla.")
        }
        dependency.active = active
        try await ctx.db.transaction { db in
            try await dependency.save(on: db)
            try await EntityRevision.bump(ctx.entityID, on: db)   // the lists offer the dependencias to filter by
            try await AuditLog.record("\(active ? "Reactivó" : "Desactivó") la dependencia «\(dependency.name)»", by: ctx.actor,
                                      entityID: ctx.entityID, objectType: "dependencia", objectID: dependency.id, planID: nil,
                                      changes: [FieldChange(field: "estado", old: active ? "inactiva" : "activa", new: active ? "activa" : "inactiva")], on: db)
        }
    }

    /// Moves plans, actions, activities and users of `source` to `target`, then deactivates
    /// `source` (it keeps its name for the history). All or nothing.
    static func merge(_ source: Dependency, into target: Dependency, in ctx: UseCaseContext) async throws -> Int {
        try requireAdmin(ctx)
        let from = try source.requireID(), to = try target.requireID()
        guard from != to else { throw InvalidInput(field: "destino", "Destino: elija otra dependencia.") }
        guard target.active else { throw InvalidInput(field: "destino", "Destino: «\(target.name)» está desactivada.") }
        return try await ctx.db.transaction { db in
            guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
            let plans = try await ImprovementPlan.query(on: db).filter(\.$dependency.$id == from).count()
            for (table, key) in [("action_dependencies", "action_id"), ("activity_dependencies", "activity_id")] {
                // A row already linked to the target would repeat: drop it first.
                try await sql.delete(from: table).where("dependency_id", .equal, from)
                    .where(SQLIdentifier(key), .in, SQLSubquery.select { $0.column(SQLIdentifier(key)).from(table).where("dependency_id", .equal, to) })
                    .run()
                try await sql.update(table).set("dependency_id", to: to).where("dependency_id", .equal, from).run()
            }
            for table in ["improvement_plans", "users"] {
                try await sql.update(table).set("dependency_id", to: to).where("dependency_id", .equal, from).run()
            }
            let maps = try await RiskMapStore.replaceDependency(from, with: to, entityID: ctx.entityID, on: db)
            source.active = false
            try await source.save(on: db)
            try await bumpAllRevisions(entityID: ctx.entityID, on: db)   // the name or header is in every plan and program
            try await AuditLog.record("Fusionó la dependencia «\(source.name)» en «\(target.name)»", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "dependencia", objectID: source.id, planID: nil,
                                      changes: [FieldChange(field: "fusionada en", old: source.name, new: target.name),
                                                FieldChange(field: "planes trasladados", old: nil, new: "\(plans)"),
                                                FieldChange(field: "mapas de riesgos con acciones trasladadas", old: nil, new: "\(maps)")], on: db)
            return plans
        }
    }
}
