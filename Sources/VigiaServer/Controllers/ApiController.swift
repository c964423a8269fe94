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

    /// Plans per page of the list (`por_pagina`): 100 unless asked, 500 at most.
    static let plansPerPage = 100, maxPlansPerPage = 500

    /// One page of the visible plans, newest first (`?pagina=N&por_pagina=M&dependencia=ID&estado=E`).
    /// The body stays a JSON array; `X-Total-Count` gives how many there are within the filter and
    /// `Link` the next and previous pages. Each summary comes from the plan's stored digest.
    @Sendable static func listPlans(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (filter, page, size) = try listParameters(req)
        // An unchanged entity's page comes from the cache (the key names the entity's revision).
        let revision = try await EntityPages.entityRevision(req, user: user)
        let key = RenderedPageCache.entityKey("api-planes", revision: revision, query: "\(page)|\(size)|\(filter.dependencyID?.uuidString ?? "")|\(filter.estado?.rawValue ?? "")",
                                              user: user, today: req.today)
        let (body, total): (Data, Int)
        if let cached = apiPlanListCache.get(key) {
            (body, total) = cached
        } else {
            let (entries, count) = try await PlanDigests.page(for: user, filter: filter, number: page, size: size, on: req.db)
            let summaries = entries.map { p in
                let d = p.digest
                return PlanSummary(id: p.planID, unidadAuditable: d.unidadAuditable, numeroAuditoria: d.numeroAuditoria,
                                   estado: d.estado, hallazgos: d.findings, acciones: d.actions,
                                   seguimiento: d.round, porcentaje: d.percent, semaforo: RatingZone(percent: d.percent))
            }
            (body, total) = (try JSONEncoder().encode(summaries), count)
            if !req.db.inTransaction { apiPlanListCache.put(key, (body, total)) }
        }
        let res = Response(status: .ok, body: .init(data: body))
        res.headers.contentType = .json
        res.headers.replaceOrAdd(name: "X-Total-Count", value: "\(total)")
        var links: [String] = []
        func link(_ n: Int, _ rel: String) -> String {
            var items = [URLQueryItem(name: "pagina", value: "\(n)"), URLQueryItem(name: "por_pagina", value: "\(size)")]
            if let d = filter.dependencyID { items.append(.init(name: "dependencia", value: d.uuidString)) }
            if let e = filter.estado { items.append(.init(name: "estado", value: e.rawValue)) }
            var c = URLComponents()
            c.path = ApiURL.plans.path
            c.queryItems = items
            return "<\(c.string ?? ApiURL.plans.path)>; rel=\"\(rel)\""
        }
        if page * size < total { links.append(link(page + 1, "next")) }
        if page > 1 { links.append(link(min(page - 1, max(1, (total + size - 1) / size)), "prev")) }
        if !links.isEmpty { res.headers.replaceOrAdd(name: "Link", value: links.joined(separator: ", ")) }
        return res
    }

    /// The list's query parameters, each refused by name when it is not what the API takes.
    static func listParameters(_ req: Request) throws -> (PlanDigests.Filter, page: Int, size: Int) {
        var problems: [String: String] = [:]
        func number(_ name: String, default value: Int, range: ClosedRange<Int>) -> Int {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return value }
            guard let n = Int(text.trimmed), range.contains(n) else {
                problems[name] = "«\(String(text.prefix(40)))» no es un número entre \(range.lowerBound) y \(range.upperBound)."
                return value
            }
            return n
        }
        let page = number("pagina", default: 1, range: 1...1_000_000)
        let size = number("por_pagina", default: plansPerPage, range: 1...maxPlansPerPage)
        var filter = PlanDigests.Filter()
        if let text = req.query[String.self, at: "dependencia"], !text.isEmpty {
            filter.dependencyID = UUID(uuidString: text.trimmed)
            if filter.dependencyID == nil { problems["dependencia"] = "«\(String(text.prefix(40)))» no es el id de una dependencia." }
        }
        if let text = req.query[String.self, at: "estado"], !text.isEmpty {
            filter.estado = PlanStatus(rawValue: text.trimmed)
            if filter.estado == nil {
                problems["estado"] = "«\(String(text.prefix(40)))» no es un estado; use \(PlanStatus.allCases.map(\.rawValue).joined(separator: ", "))."
            }
        }
        try InvalidInput.check(problems)
        return (filter, page, size)
    }

    /// The plan's document; an unchanged plan's comes from `RenderedPageCache` (the same for every
    /// reader: the key is the plan, its revision, the round, today and the semáforo limits).
    @Sendable static func getPlan(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let planID = try req.uuidParameter("plan")
        let round = req.siteQuery(.round)
        let revision = try await Access.readablePlanRevision(planID, for: user, on: req.db)
        let cache = RenderedPageCache.shared
        let key = RenderedPageCache.documentKey(planID, revision: revision, round: round, today: req.today)
        if let parts = cache.get(key) { return json(parts.joined()) }
        let plan = try await Access.plan(planID, for: user, .read, on: req.db)
        let res = try await document(plan, round: round, req: req)
        if let buffer = res.body.buffer { cache.put(key, String(buffer: buffer)) }
        return res
    }

    static func json(_ text: String, status: HTTPStatus = .ok) -> Response {
        let res = Response(status: status, body: .init(string: text))
        res.headers.contentType = .json
        return res
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
