import Fluent
import Vapor
import VigiaCore

/// What opening a follow-up round takes, from the form or the API.
struct RoundOpening: Sendable {
    var fechaCorte: LocalDate?
    var fechaSeguimiento: LocalDate?
    var esCierre = false
    /// The window in which responsables may file autoreportes (either end optional).
    var window = ReportingWindow(from: nil, until: nil)
}

/// A plan's follow-up rounds (seguimientos): opened and graded by the OCI, from the web and
/// the API through the same rules and audit.
enum RoundService {
    /// Opens the plan's next round; a plan still in formulation or subscribed moves to "en seguimiento".
    static func open(_ plan: ImprovementPlan, _ input: RoundOpening, in ctx: UseCaseContext) async throws -> Int {
        var problems: [String: String] = [:]
        if input.fechaCorte == nil { problems["fechaCorte"] = "Escriba la fecha de corte (dd/mm/aaaa)." }
        if let problem = input.window.problem { problems["reporteHasta"] = problem }
        try InvalidInput.check(problems)
        let planID = try plan.requireID()
        return try await ctx.db.transaction { db in
            let next = (try await FollowUpRound.query(on: db).filter(\.$plan.$id == planID).max(\.$numero) ?? 0) + 1
            let round = FollowUpRound(entityID: ctx.entityID, planID: planID, numero: next, fechaCorte: input.fechaCorte,
                                      fechaSeguimiento: input.fechaSeguimiento, esCierre: input.esCierre)
            round.reportFrom = input.window.from
            round.reportUntil = input.window.until
            try await round.create(on: db)
            if plan.estado == .formulacion || plan.estado == .suscrito {
                plan.estado = .enSeguimiento
                try await plan.save(on: db)
            }
            try await AuditLog.record("Abrió el seguimiento \(next)\(ctx.auditSuffix)", by: ctx.actor, entityID: ctx.entityID,
                                      objectType: "seguimiento", objectID: round.id, planID: planID,
                                      changes: [FieldChange(field: "fecha de corte", old: nil, new: input.fechaCorte?.dayFirst)], on: db)
            return next
        }
    }

    /// The round `numero` of the plan, with the plan's snapshot; 404 when it does not exist.
    static func round(_ numero: Int, of plan: ImprovementPlan, on db: Database) async throws -> (PlanSnapshot, RoundSnapshot, FollowUpRound) {
        let snap = try await PlanStore.snapshot(of: plan, on: db)
        guard let roundSnap = snap.seguimientos.first(where: { $0.numero == numero }),
              let round = try await FollowUpRound.find(roundSnap.id, on: db) else {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(numero).")
        }
        return (snap, roundSnap, round)
    }

    /// Saves the round's grades: all or nothing, every changed field in the audit trail. A
    /// published round is not changed (a correction reopens it first). The plan is read, checked
    /// and written under its row lock, the one reviews, reformulations and publications take, so
    /// a review's readiness check never sees grades changing under it.
    static func grade(_ numero: Int, of plan: ImprovementPlan, with values: RoundValues, in ctx: UseCaseContext) async throws {
        try await grade(numero, of: plan, in: ctx) { _, _ in values }
    }

    /// The same with the values built from the round as read under the lock (the API lays the
    /// grades it was sent over the stored ones: the others keep what they hold at that moment).
    static func grade(_ numero: Int, of plan: ImprovementPlan, in ctx: UseCaseContext,
                      values build: @escaping @Sendable (PlanSnapshot, RoundSnapshot) throws -> RoundValues) async throws {
        try await ctx.db.transaction { db in
            try await ClosingService.lock(try plan.requireID(), on: db)
            let (snap, roundSnap, round) = try await self.round(numero, of: plan, on: db)
            if round.estado == .publicado {
                throw Abort(.forbidden, reason: "El seguimiento \(numero) está publicado: no se puede modificar.")
            }
            let values = try build(snap, roundSnap)
            try InvalidInput.check(values.validate(plan: snap, stored: roundSnap))
            let proposed = values.apply(to: roundSnap, plan: snap)
            try await GradeWriter.write(proposed, over: roundSnap, round: round, plan: snap, in: ctx.on(db))
        }
    }
}
