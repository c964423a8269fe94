import Fluent
import Vapor
import VigiaCore

/// `/api/v1`: the same plans, rules and roles as the pages, as JSON.
enum ApiController {
    struct PlanSummary: Content {
        var id: UUID
        var unidadAuditable: String
        var numeroAuditoria: String
        var estado: PlanStatus
        var hallazgos: Int
        var acciones: Int
        var seguimiento: Int?
        var porcentaje: Double?
        var semaforo: RatingZone
    }

    @Sendable static func listPlans(req: Request) async throws -> [PlanSummary] {
        let user = try req.requireUser()
        // The stored digests: one read for every plan, whatever their number and history.
        return try await PlanDigests.visible(for: user, on: req.db).map { p in
            let d = p.digest
            return PlanSummary(id: p.planID, unidadAuditable: d.unidadAuditable, numeroAuditoria: d.numeroAuditoria,
                               estado: d.estado, hallazgos: d.findings, acciones: d.actions,
                               seguimiento: d.round, porcentaje: d.percent, semaforo: RatingZone(percent: d.percent))
        }
    }

    @Sendable static func getPlan(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        let round = req.siteQuery(.round)
        return try await document(plan, round: round, req: req)
    }

    static func document(_ plan: ImprovementPlan, round: Int?, req: Request, status: HTTPStatus = .ok) async throws -> Response {
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        if let round, !snap.seguimientos.contains(where: { $0.numero == round }) {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(round).")
        }
        let entity = try await Entity.find(plan.$entity.id, on: req.db)
        let doc = PlanDocument(plan: snap, round: round, settings: CheckSettings(maxPlanMonths: entity?.maxPlanMonths))
        let res = Response(status: status, body: .init(data: try PlanDocument.encoder.encode(doc)))
        res.headers.contentType = .json
        return res
    }

    /// A whole plan in one call (the `plan` part of the document). OCI and administrador only.
    @Sendable static func createPlan(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try Access.requireCreatePlan(ctx.user)
        var input = try req.content.decode(PlanSnapshot.self)
        input.id = nil
        try InvalidInput.check(FormulationRules.problems(of: input))
        let snapshot = input
        let plan = try await req.db.transaction { db in
            try await PlanStore.create(snapshot, entityID: ctx.entityID, by: ctx.actor, summary: "Creó el plan por la API", on: db)
        }
        return try await document(plan, round: nil, req: req, status: .created)
    }

    struct PlanPatch: Content {
        var unidadAuditable: String?
        var numeroAuditoria: String?
        var periodoAuditoria: String?
        var fechaSuscripcion: LocalDate?
        var origen: PlanOrigin?
        var estado: PlanStatus?
        var metodo: AggregationMethod?

        func applied(to plan: ImprovementPlan) -> PlanHeader {
            var h = PlanHeader(plan)
            if let v = unidadAuditable { h.unidadAuditable = v }
            if let v = numeroAuditoria { h.numeroAuditoria = v }
            if let v = periodoAuditoria { h.periodoAuditoria = v }
            if let v = fechaSuscripcion { h.fechaSuscripcion = v }
            if let v = origen { h.origen = v }
            if let v = estado { h.estado = v }
            if let v = metodo { h.metodo = v }
            return h
        }
    }

    @Sendable static func updatePlan(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let header = try req.content.decode(PlanPatch.self).applied(to: plan)
        try await PlanService.update(plan, with: header, dependency: try await plan.$dependency.get(on: req.db), in: ctx)
        return try await document(plan, round: nil, req: req)
    }
}
