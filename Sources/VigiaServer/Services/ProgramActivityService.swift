import Fluent
import Vapor
import VigiaCore

/// The OCI formulates a program's activities from the web: adds an activity to a component or
/// a sub-item to an activity, edits either, and removes one that has no seguimiento or
/// monitoreo yet (history is never erased: a recorded one is corrected, or marked N/A).
/// Every change is audited under the program.
enum ProgramActivityService {
    typealias Form = ProgramFormulationController.ActivityForm

    static func requireFormulation(_ program: AnticorruptionProgram, in ctx: UseCaseContext) throws {
        guard ProgramPermissions.canFormulate(role: ctx.user.role) else {
            throw Abort(.forbidden, reason: "Solo la Oficina de Control Interno y el administrador formulan las actividades del programa.")
        }
        if program.estado == .cerrado { throw Abort(.conflict, reason: "El programa está cerrado: ya no admite cambios en sus actividades.") }
    }

    /// One activity (or sub-item) of the program, or 404.
    static func activity(_ id: UUID, of program: AnticorruptionProgram, on db: Database) async throws -> (ProgramActivity, ProgramComponent) {
        guard let a = try await ProgramActivity.query(on: db).filter(\.$id == id).filter(\.$entity.$id == program.$entity.id).first(),
              let c = try await ProgramComponent.query(on: db).filter(\.$id == a.$component.id).filter(\.$program.$id == program.requireID()).first() else {
            throw Abort(.notFound, reason: "El programa no tiene esa actividad.")
        }
        return (a, c)
    }

    /// The dependencias the form ticked, among the entity's active ones.
    static func chosen(_ form: Form, in ctx: UseCaseContext) async throws -> [Dependency] {
        let ids = Set((form.dependencias ?? []).compactMap(UUID.init(uuidString:)))
        guard !ids.isEmpty else { return [] }
        return try await Dependency.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).filter(\.$active == true)
            .filter(\.$id ~~ ids).sort(\.$name).all()
    }

    static func values(_ form: Form, _ deps: [Dependency]) -> ActivitySnapshot {
        ActivitySnapshot(subcomponente: form.subcomponente.trimmed, actividad: form.actividad.trimmed, meta: form.meta.trimmed,
                         responsables: form.responsables.trimmed.isEmpty ? deps.map(\.name).joined(separator: " y ") : form.responsables.trimmed,
                         fechaProgramada: ScheduledDate(text: form.fechaProgramada))
    }

    /// Whether the activity, or any of its sub-items, has a seguimiento or a monitoreo recorded.
    static func hasRecords(_ ids: [UUID], on db: Database) async throws -> Bool {
        guard !ids.isEmpty else { return false }
        if try await ActivityFollowUp.query(on: db).filter(\.$activity.$id ~~ ids).first() != nil { return true }
        return try await ProgressReport.query(on: db).filter(\.$activity.$id ~~ ids).first() != nil
    }

    /// Adds an activity at the end of `component`, or a sub-item at the end of `parent`.
    static func create(_ form: Form, in component: ProgramComponent, under parent: ProgramActivity?, program: AnticorruptionProgram,
                       ctx: UseCaseContext) async throws -> ProgramActivity {
        try requireFormulation(program, in: ctx)
        try InvalidInput.check(form.validate(vigencia: program.vigencia))
        if let parent {
            if parent.$parent.id != nil { throw Abort(.conflict, reason: "Una subactividad no tiene subactividades propias.") }
            let hasSubitems = try await ProgramActivity.query(on: ctx.db).filter(\.$parent.$id == parent.requireID()).first() != nil
            if !hasSubitems, try await hasRecords([parent.requireID()], on: ctx.db) {
                throw Abort(.conflict, reason: "La actividad ya tiene seguimiento o monitoreo propio: con subactividades su % saldría de ellas. Cree una actividad nueva.")
            }
        }
        let componentID = try component.requireID()
        let parentID = try parent?.requireID()
        let deps = try await chosen(form, in: ctx)
        let activity = ProgramActivity(entityID: ctx.entityID, componentID: componentID, parentID: parentID, position: 0,
                                       snapshot: values(form, deps))
        try await ctx.db.transaction { db in
            // The next place, read in the same transaction as the insert.
            let siblings = ProgramActivity.query(on: db).filter(\.$component.$id == componentID)
            if let parentID { siblings.filter(\.$parent.$id == parentID) } else { siblings.filter(\.$parent.$id == nil) }
            activity.position = (try await siblings.max(\.$position) ?? 0) + 1
            let what = parent == nil ? "la actividad \(activity.position) al componente \(component.numero)"
                                     : "la subactividad \(activity.position) a la actividad \(parent?.position ?? 0) del componente \(component.numero)"
            try await activity.create(on: db)
            try await activity.$dependencies.attach(deps, on: db)
            try await AuditLog.record("Agregó \(what)\(ctx.auditSuffix)", by: ctx.actor, entityID: ctx.entityID, objectType: "actividad",
                                      objectID: activity.id, planID: nil, programID: program.id,
                                      changes: [FieldChange(field: "actividad", old: nil, new: activity.actividad)], on: db)
        }
        return activity
    }

    /// Changes an activity's or sub-item's text, responsables, dependencias and date.
    static func update(_ activity: ProgramActivity, _ form: Form, program: AnticorruptionProgram, ctx: UseCaseContext) async throws {
        try requireFormulation(program, in: ctx)
        try InvalidInput.check(form.validate(vigencia: program.vigencia))
        let deps = try await chosen(form, in: ctx)
        let new = values(form, deps)
        let oldDeps = try await activity.$dependencies.get(on: ctx.db).map(\.name).sorted()
        let changes = AuditLog.diff([
            ("subcomponente", activity.subcomponente, new.subcomponente), ("actividad", activity.actividad, new.actividad),
            ("meta", activity.meta, new.meta), ("responsables", activity.responsables, new.responsables),
            ("fecha programada", activity.fechaProgramada?.description, new.fechaProgramada?.description),
            ("dependencias", oldDeps.joined(separator: ", "), deps.map(\.name).joined(separator: ", ")),
        ])
        guard !changes.isEmpty else { return }
        activity.subcomponente = new.subcomponente; activity.actividad = new.actividad; activity.meta = new.meta
        activity.responsables = new.responsables; activity.fechaProgramada = new.fechaProgramada
        try await ctx.db.transaction { db in
            try await activity.save(on: db)
            try await activity.$dependencies.detachAll(on: db)
            try await activity.$dependencies.attach(deps, on: db)
            let what = activity.$parent.id == nil ? "la actividad \(activity.position)" : "una subactividad (la \(activity.position))"
            try await AuditLog.record("Modificó \(what)\(ctx.auditSuffix)", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "actividad", objectID: activity.id, planID: nil, programID: program.id, changes: changes, on: db)
        }
    }

    /// Removes an activity (with its sub-items) that nobody has reported on or graded; the
    /// siblings after it move up one place. The check and the removal run in one transaction,
    /// so a monitoreo saved meanwhile is never swept away with it.
    static func remove(_ activity: ProgramActivity, program: AnticorruptionProgram, ctx: UseCaseContext) async throws {
        try requireFormulation(program, in: ctx)
        let id = try activity.requireID()
        let kind = activity.$parent.id == nil ? "actividad" : "subactividad"
        try await ctx.db.transaction { db in
            let subitems = try await ProgramActivity.query(on: db).filter(\.$parent.$id == id).all()
            let ids = [id] + subitems.compactMap(\.id)
            if try await hasRecords(ids, on: db) {
                throw Abort(.conflict, reason: "La \(kind) ya tiene seguimiento o monitoreo registrado: no se elimina, para no perder la historia. Corrija su texto o márquela «No aplica» en el seguimiento.")
            }
            let later = ProgramActivity.query(on: db).filter(\.$component.$id == activity.$component.id).filter(\.$position > activity.position)
            if let parent = activity.$parent.id { later.filter(\.$parent.$id == parent) } else { later.filter(\.$parent.$id == nil) }
            let moving = try await later.sort(\.$position).all()
            try await ActivityDependency.query(on: db).filter(\.$activity.$id ~~ ids).delete()
            for s in subitems {
                try await s.delete(on: db)
                try await AuditLog.record("Eliminó la subactividad \(s.position) con la actividad \(activity.position)\(ctx.auditSuffix)", by: ctx.actor,
                                          entityID: ctx.entityID, objectType: "actividad", objectID: s.id, planID: nil, programID: program.id,
                                          changes: [FieldChange(field: "actividad", old: s.actividad, new: nil)], on: db)
            }
            try await activity.delete(on: db)
            for m in moving { m.position -= 1; try await m.save(on: db) }
            try await AuditLog.record("Eliminó la \(kind) \(activity.position)\(ctx.auditSuffix)",
                                      by: ctx.actor, entityID: ctx.entityID, objectType: "actividad", objectID: id, planID: nil, programID: program.id,
                                      changes: [FieldChange(field: "actividad", old: activity.actividad, new: nil)], on: db)
        }
    }
}
