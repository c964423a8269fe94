import Fluent
import Vapor
import VigiaCore

extension ApiController {
    // MARK: - Follow-up rounds (OCI only)

    struct RoundInput: Content {
        var fechaCorte: LocalDate?
        var fechaSeguimiento: LocalDate?
        var esCierre: Bool?
        var reporteDesde: LocalDate?
        var reporteHasta: LocalDate?
    }

    @Sendable static func createRound(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .grade, on: req.db)
        let input = try req.content.decode(RoundInput.self)
        let next = try await RoundService.open(plan, RoundOpening(
            fechaCorte: input.fechaCorte, fechaSeguimiento: input.fechaSeguimiento, esCierre: input.esCierre ?? false,
            window: ReportingWindow(from: input.reporteDesde, until: input.reporteHasta)), in: ctx)
        return try await document(plan, round: next, req: req, status: .created)
    }

    struct GradeInput: Content {
        struct ActionItem: Content {
            var accionId: UUID
            var porcentaje: Double?
            var evidencias: String?
            var observaciones: String?
            var estado: ActionState?
            var justificacion: String?
        }
        struct FindingItem: Content {
            var hallazgoId: UUID
            var estado: FindingState?
            var justificacion: String?
        }
        var fechaCorte: LocalDate?
        var fechaSeguimiento: LocalDate?
        var esCierre: Bool?
        var calificaciones: [ActionItem]?
        var hallazgos: [FindingItem]?
    }

    /// Grades some or all actions of a round. Actions not named keep their grade.
    @Sendable static func gradeRound(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .grade, on: req.db)
        let numero = try req.intParameter("numero")
        _ = try await RoundService.round(numero, of: plan, on: req.db)   // 404 before reading the body
        let input = try req.content.decode(GradeInput.self)
        // The grades sent are laid over the round as read under the plan's lock, so a grade saved
        // meanwhile on another action is kept.
        try await RoundService.grade(numero, of: plan, in: ctx) { snap, roundSnap in
            // A REFORMULADA action is read-only: naming it is refused, not silently ignored.
            let evaluation = PlanEvaluator.evaluate(snap, round: numero)
            for item in input.calificaciones ?? [] {
                guard let ref = NotificationService.ref(of: item.accionId, in: snap), RoundValues.isReformulated(ref.hallazgo, ref.accion, evaluation) else { continue }
                let place = "Hallazgo \(snap.hallazgos[ref.hallazgo].numero), acción \(ref.accion + 1)"
                throw InvalidInput(field: "calificaciones", evaluation.hallazgos[ref.hallazgo].acciones[ref.accion].vigente
                    ? "\(place): está REFORMULADA y ya no se califica; califique la acción que la reemplazó."
                    : "\(place): su reformulación se aprobó después del corte de este seguimiento; se califica desde el siguiente.")
            }
            return try input.applied(to: RoundValues(round: roundSnap, plan: snap))
        }
        return try await document(plan, round: numero, req: req)
    }
}

extension ApiController.GradeInput {
    /// The round's current values with the grades sent laid over them.
    func applied(to current: RoundValues) throws -> RoundValues {
        var values = current
        if let v = fechaCorte { values.fechaCorte = v.iso }
        if let v = fechaSeguimiento { values.fechaSeguimiento = v.iso }
        if let v = esCierre { values.esCierre = v }
        for g in calificaciones ?? [] {
            guard var row = values.actions[g.accionId] else {
                throw InvalidInput(field: "calificaciones", "La acción \(g.accionId) no pertenece a este plan.")
            }
            row.number = g.porcentaje
            row.percent = ""
            if let v = g.evidencias { row.evidence = v }
            if let v = g.observaciones { row.observations = v }
            row.state = g.estado?.rawValue ?? ""
            row.justification = g.justificacion ?? ""
            values.actions[g.accionId] = row
        }
        for g in hallazgos ?? [] {
            guard values.findings[g.hallazgoId] != nil else {
                throw InvalidInput(field: "hallazgos", "El hallazgo \(g.hallazgoId) no pertenece a este plan.")
            }
            values.findings[g.hallazgoId] = .init(state: g.estado?.rawValue ?? "", justification: g.justificacion ?? "")
        }
        return values
    }
}
