import Fluent
import Vapor
import VigiaCore

/// The edits the pages and the API share: one place applies them and writes the audit trail.
enum PlanEditing {
    /// Applies a validated plan form; records what changed. `dependency` nil keeps none.
    @discardableResult
    static func update(_ plan: ImprovementPlan, with form: PlanForm, dependency: Dependency?, by user: CurrentUser,
                       summary: String, on db: Database) async throws -> [FieldChange] {
        let before = PlanForm(plan)
        plan.$dependency.id = dependency?.id
        plan.unidadAuditable = form.unidadAuditable.trimmed.isEmpty ? (dependency?.name ?? "") : form.unidadAuditable.trimmed
        plan.numeroAuditoria = form.numeroAuditoria.trimmed
        plan.periodoAuditoria = form.periodoAuditoria.trimmed
        plan.fechaSuscripcion = LocalDate(dayFirst: form.fechaSuscripcion)
        plan.origen = PlanOrigin(rawValue: form.origen)!
        plan.estado = PlanStatus(rawValue: form.estado)!
        plan.metodo = AggregationMethod(rawValue: form.metodo)!
        let after = PlanForm(plan)
        let changes = AuditLog.diff([
            ("unidad auditable", before.unidadAuditable, after.unidadAuditable),
            ("dependencia", before.dependencia, after.dependencia),
            ("no. de la auditoría", before.numeroAuditoria, after.numeroAuditoria),
            ("periodo de la auditoría", before.periodoAuditoria, after.periodoAuditoria),
            ("fecha de suscripción", before.fechaSuscripcion, after.fechaSuscripcion),
            ("origen", before.origen, after.origen), ("estado", before.estado, after.estado),
            ("método de cálculo", before.metodo, after.metodo),
        ])
        try await db.transaction { db in
            try await plan.save(on: db)
            if !changes.isEmpty {
                try await AuditLog.record(summary, by: Actor(user), entityID: user.entityID, objectType: "plan",
                                          objectID: plan.id, planID: plan.id, changes: changes, on: db)
            }
        }
        return changes
    }

    /// Applies a validated finding form; records what changed.
    @discardableResult
    static func update(_ finding: Finding, with form: FindingForm, by user: CurrentUser, via: String,
                       on db: Database) async throws -> [FieldChange] {
        let before = FindingForm(finding)
        finding.numero = Int(form.numero.trimmed) ?? finding.numero
        finding.descripcion = form.descripcion.trimmed
        finding.causa = form.causa.trimmed
        finding.efecto = form.efecto.trimmed
        finding.criterio = form.criterio.trimmed
        let after = FindingForm(finding)
        let changes = AuditLog.diff([("número", before.numero, after.numero), ("descripción", before.descripcion, after.descripcion),
                                     ("causa", before.causa, after.causa), ("efecto", before.efecto, after.efecto),
                                     ("criterio", before.criterio, after.criterio)])
        try await db.transaction { db in
            try await finding.save(on: db)
            if !changes.isEmpty {
                try await AuditLog.record("Modificó el hallazgo \(finding.numero)\(via)", by: Actor(user), entityID: user.entityID,
                                          objectType: "hallazgo", objectID: finding.id, planID: finding.$plan.id, changes: changes, on: db)
            }
        }
        return changes
    }

    /// Opens the plan's next follow-up round; a plan still in formulation or subscribed moves to “en seguimiento”.
    static func openRound(_ plan: ImprovementPlan, fechaCorte: LocalDate?, fechaSeguimiento: LocalDate?, esCierre: Bool,
                          by user: CurrentUser, via: String, on db: Database) async throws -> Int {
        let planID = try plan.requireID()
        return try await db.transaction { db in
            let next = (try await FollowUpRound.query(on: db).filter(\.$plan.$id == planID).max(\.$numero) ?? 0) + 1
            let round = FollowUpRound(entityID: user.entityID, planID: planID, numero: next, fechaCorte: fechaCorte,
                                      fechaSeguimiento: fechaSeguimiento, esCierre: esCierre)
            try await round.create(on: db)
            if plan.estado == .formulacion || plan.estado == .suscrito {
                plan.estado = .enSeguimiento
                try await plan.save(on: db)
            }
            try await AuditLog.record("Abrió el seguimiento \(next)\(via)", by: Actor(user), entityID: user.entityID,
                                      objectType: "seguimiento", objectID: round.id, planID: planID,
                                      changes: [FieldChange(field: "fecha de corte", old: nil, new: fechaCorte?.dayFirst)], on: db)
            return next
        }
    }
}
