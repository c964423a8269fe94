import Fluent
import Vapor
import VigiaCore

/// Writes a round's grades, recording each changed field in the audit trail.
enum GradeWriter {
    static func write(_ proposed: RoundSnapshot, over current: RoundSnapshot, round: FollowUpRound, plan: PlanSnapshot,
                      in ctx: UseCaseContext) async throws {
        try await writeRound(proposed, round: round, plan: plan, in: ctx)
        try await writeActions(proposed, over: current, round: round, plan: plan, in: ctx)
        try await writeFindings(proposed, over: current, round: round, plan: plan, in: ctx)
    }

    /// The round's own fields: cut-off, follow-up date, closing round.
    private static func writeRound(_ proposed: RoundSnapshot, round: FollowUpRound, plan: PlanSnapshot, in ctx: UseCaseContext) async throws {
        let db = ctx.db
        let label = "seguimiento \(round.numero)"
        var roundChanges: [FieldChange] = []
        if proposed.fechaCorte != round.fechaCorte {
            roundChanges.append(FieldChange(field: "fecha de corte", old: round.fechaCorte?.dayFirst, new: proposed.fechaCorte?.dayFirst))
            round.fechaCorte = proposed.fechaCorte
        }
        if proposed.fechaSeguimiento != round.fechaSeguimiento {
            roundChanges.append(FieldChange(field: "fecha del seguimiento", old: round.fechaSeguimiento?.dayFirst, new: proposed.fechaSeguimiento?.dayFirst))
            round.fechaSeguimiento = proposed.fechaSeguimiento
        }
        if proposed.esCierre != round.esCierre {
            roundChanges.append(FieldChange(field: "seguimiento de cierre", old: round.esCierre ? "sí" : "no", new: proposed.esCierre ? "sí" : "no"))
            round.esCierre = proposed.esCierre
        }
        if !roundChanges.isEmpty {
            try await round.save(on: db)
            try await AuditLog.record("Modificó los datos del \(label)", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "seguimiento", objectID: round.id, planID: plan.id, changes: roundChanges, on: db)
        }
    }

    /// Each action's grade that changed, one audit entry per action.
    private static func writeActions(_ proposed: RoundSnapshot, over current: RoundSnapshot, round: FollowUpRound, plan: PlanSnapshot,
                                     in ctx: UseCaseContext) async throws {
        let db = ctx.db
        let roundID = try round.requireID()
        let label = "seguimiento \(round.numero)"
        let existing = try await ActionGrade.query(on: db).filter(\.$round.$id == roundID).all()
        for grade in proposed.calificaciones {
            let f = plan.hallazgos[grade.accion.hallazgo], a = f.acciones[grade.accion.accion]
            let old = current.grade(for: grade.accion) ?? GradeSnapshot(accion: grade.accion)
            let changes = AuditLog.diff([
                ("% de avance", old.porcentaje.map { SpanishFormat.percent($0) }, grade.porcentaje.map { SpanishFormat.percent($0) }),
                ("evidencias", old.evidencias, grade.evidencias), ("observaciones", old.observaciones, grade.observaciones),
                ("estado de la acción", old.estado?.label, grade.estado?.label), ("justificación", old.justificacion, grade.justificacion),
            ].map { ($0.0, $0.1.flatMap { $0.isEmpty ? nil : $0 }, $0.2.flatMap { $0.isEmpty ? nil : $0 }) })
            guard !changes.isEmpty else { continue }
            let row = existing.first { $0.$action.id == a.id } ?? ActionGrade(entityID: ctx.entityID, roundID: roundID, actionID: a.id!)
            row.porcentaje = grade.porcentaje
            row.evidencias = grade.evidencias
            row.observaciones = grade.observaciones
            row.estado = grade.estado
            row.justificacion = grade.justificacion
            row.$updatedBy.id = ctx.user.id
            try await row.save(on: db)
            try await AuditLog.record("Calificó la acción \(grade.accion.accion + 1) del hallazgo \(f.numero) (\(label))",
                                      by: ctx.actor, entityID: ctx.entityID, objectType: "calificación", objectID: row.id,
                                      planID: plan.id, changes: changes, on: db)
        }
    }

    /// Each finding's state adjustment that changed.
    private static func writeFindings(_ proposed: RoundSnapshot, over current: RoundSnapshot, round: FollowUpRound, plan: PlanSnapshot,
                                      in ctx: UseCaseContext) async throws {
        let db = ctx.db
        let roundID = try round.requireID()
        let label = "seguimiento \(round.numero)"
        let existingFindings = try await FindingGrade.query(on: db).filter(\.$round.$id == roundID).all()
        for fa in proposed.hallazgos {
            let f = plan.hallazgos[fa.hallazgo]
            let old = current.findingGrade(for: fa.hallazgo) ?? FindingGradeSnapshot(hallazgo: fa.hallazgo)
            let changes = AuditLog.diff([("estado de hallazgo (ajuste OCI)", old.estado?.label, fa.estado?.label),
                                         ("justificación", old.justificacion.isEmpty ? nil : old.justificacion,
                                          fa.justificacion.isEmpty ? nil : fa.justificacion)])
            guard !changes.isEmpty else { continue }
            let row = existingFindings.first { $0.$finding.id == f.id } ?? FindingGrade(entityID: ctx.entityID, roundID: roundID, findingID: f.id!)
            row.estado = fa.estado
            row.justificacion = fa.justificacion
            try await row.save(on: db)
            try await AuditLog.record("Ajustó el estado del hallazgo \(f.numero) (\(label))", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "hallazgo", objectID: f.id, planID: plan.id, changes: changes, on: db)
        }
    }
}
