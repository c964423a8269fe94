import Fluent
import Vapor
import VigiaCore

/// The OCI moves a program between en formulación, en seguimiento and cerrado; audited.
enum ProgramStatusService {
    static func set(_ program: AnticorruptionProgram, to status: ProgramStatus, in ctx: UseCaseContext) async throws {
        try ProgramAccess.requireFollowUp(ctx.user)
        let old = program.estado ?? .enSeguimiento
        guard old != status else { return }
        program.estado = status
        try await ctx.db.transaction { db in
            try await program.save(on: db)
            try await AuditLog.record("Cambió el estado del programa \(program.vigencia)\(ctx.auditSuffix)", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "programa", objectID: program.id, planID: nil, programID: program.id,
                                      changes: [FieldChange(field: "estado", old: old.label, new: status.label)], on: db)
        }
    }
}
