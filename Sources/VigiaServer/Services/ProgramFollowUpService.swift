import Fluent
import Vapor
import VigiaCore

/// The OCI's seguimiento of a program period and the responsables' monitoreo, from the form and
/// the API: validated once, written in one transaction, every change in the audit trail. A
/// monitoreo is a progress report: closed for an activity once the OCI has graded it.
enum ProgramFollowUpService {
    static func save(_ lines: [ActivityLine], values: ActivityGradeValues, period: FollowUpPeriod, monitoring: Bool,
                     program: AnticorruptionProgram, in ctx: UseCaseContext) async throws -> Int {
        try InvalidInput.check(values.validate(lines))
        let user = ctx.user
        let periodID = try period.requireID()
        let ids = lines.map(\.id)
        let kind = monitoring ? "monitoreo" : "seguimiento"
        return try await ctx.db.transaction { db in
            var written = 0
            let follow = monitoring ? [] : try await ActivityFollowUp.query(on: db).filter(\.$period.$id == periodID).filter(\.$activity.$id ~~ ids).all()
            let monit = monitoring ? try await ProgressReport.query(on: db).filter(\.$period.$id == periodID).filter(\.$activity.$id ~~ ids).all() : []
            for line in lines {
                let new = values.snapshot(line, period: period.numero)
                let old = monitoring ? line.activity.monitoring(period.numero) : line.activity.followUp(period.numero)
                let changes = self.changes(from: old ?? ActivityFollowUpSnapshot(periodo: period.numero), to: new, kind: kind)
                guard !changes.isEmpty else { continue }
                if monitoring { try checkOpen(line, period: period, today: ctx.today) }
                written += 1
                if monitoring {
                    let row = monit.first { $0.$activity.id == line.id }
                        ?? ProgressReport(entityID: user.entityID, activityID: line.id, periodID: periodID)
                    row.porcentaje = new.porcentaje; row.noAplica = new.noAplica; row.descripcion = new.seguimiento
                    row.enlaces = new.evidencias.joined(separator: "\n"); row.$reportedBy.id = user.id
                    try await row.save(on: db)
                } else {
                    let row = follow.first { $0.$activity.id == line.id }
                        ?? ActivityFollowUp(entityID: user.entityID, activityID: line.id, periodID: periodID)
                    row.porcentaje = new.porcentaje; row.noAplica = new.noAplica; row.seguimiento = new.seguimiento
                    row.evidencias = new.evidencias.joined(separator: "\n"); row.$updatedBy.id = user.id
                    try await row.save(on: db)
                }
                try await AuditLog.record("Registró el \(kind) de \(line.place.lowercased()) (\(period.nombre.lowercased()))",
                                          by: ctx.actor, entityID: ctx.entityID, objectType: kind, objectID: line.id,
                                          planID: nil, programID: program.id, changes: changes, on: db)
            }
            return written
        }
    }

    private static func changes(from before: ActivityFollowUpSnapshot, to new: ActivityFollowUpSnapshot, kind: String) -> [FieldChange] {
        func show(_ f: ActivityFollowUpSnapshot) -> String? { f.noAplica ? "N/A" : f.porcentaje.map { SpanishFormat.percent($0) } }
        func text(_ t: String) -> String? { t.isEmpty ? nil : t }
        return AuditLog.diff([("% de avance", show(before), show(new)), (kind, text(before.seguimiento), text(new.seguimiento)),
                              ("evidencias", text(before.evidencias.joined(separator: " ")), text(new.evidencias.joined(separator: " ")))])
    }

    /// A monitoreo is a progress report: closed once the OCI graded the activity, the period is
    /// published, or outside the period's reporting window.
    private static func checkOpen(_ line: ActivityLine, period: FollowUpPeriod, today: LocalDate) throws {
        try ReportLock.monitoreo(graded: line.activity.followUp(period.numero)?.isGraded ?? false, period: period,
                                 item: "la actividad (\(line.place.lowercased()))").check(on: today)
    }
}
