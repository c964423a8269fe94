import Fluent
import Vapor
import VigiaCore

/// The OCI's follow-up rounds: one form grades every action of the plan.
enum FollowUpController {
    struct RoundForm: Content {
        var fechaCorte: String = ""
        var fechaSeguimiento: String? = nil
        var esCierre: String? = nil
        var reporteDesde: String? = nil
        var reporteHasta: String? = nil

        /// The round to open, refused with every unreadable date at once.
        func opening() throws -> RoundOpening {
            var dates = FormDates()
            var r = RoundOpening()
            r.fechaCorte = dates.read(fechaCorte, field: "fechaCorte") { "La fecha de corte «\($0)» no es válida (dd/mm/aaaa)." }
            r.fechaSeguimiento = dates.read(fechaSeguimiento, field: "fechaSeguimiento") { "La fecha del seguimiento «\($0)» no es válida (dd/mm/aaaa)." }
            r.esCierre = esCierre != nil
            r.window = ReportingWindow(from: dates.read(reporteDesde, field: "reporteDesde", label: "Autoreportes desde"),
                                       until: dates.read(reporteHasta, field: "reporteHasta", label: "Autoreportes hasta"))
            var e = dates.problems
            if fechaCorte.trimmed.isEmpty { e["fechaCorte"] = "Escriba la fecha de corte (dd/mm/aaaa)." }
            if let problem = r.window.problem { e["reporteHasta"] = problem }
            try InvalidInput.check(e)
            return r
        }
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let next = (try await FollowUpRound.query(on: req.db).filter(\.$plan.$id == plan.requireID()).max(\.$numero) ?? 0) + 1
        return try newPage(req, plan, numero: next, RoundForm(fechaCorte: req.today.iso, fechaSeguimiento: req.today.iso))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .grade, on: req.db)
        let planID = try plan.requireID()
        let form = try req.content.decode(RoundForm.self)
        do {
            let opened = try await RoundService.open(plan, try form.opening(), in: ctx)
            return req.redirect(to: SiteURL.round(.value(planID), .value(opened)).path)
        } catch let invalid as InvalidInput {
            let next = (try await FollowUpRound.query(on: req.db).filter(\.$plan.$id == planID).max(\.$numero) ?? 0) + 1
            return try newPage(req, plan, numero: next, form, errors: invalid.problems, status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .grade, on: req.db)
        let snap = try await PlanStore.snapshot(of: plan, on: req.db)
        let numero = try req.intParameter("numero")
        guard let round = snap.seguimientos.first(where: { $0.numero == numero }) else {
            throw Abort(.notFound, reason: "El plan no tiene el seguimiento \(numero).")
        }
        let reports = try await reportsOf(round, on: req.db)
        return roundPage(req, .init(snapshot: snap, round: round, values: RoundValues(round: round, plan: snap), reports: reports))
    }

    static func newPage(_ req: Request, _ plan: ImprovementPlan, numero: Int, _ form: RoundForm, errors: [String: String] = [:],
                        status: HTTPStatus = .ok) throws -> Response {
        let model = NewRoundView.Model(planID: try plan.requireID(), unidadAuditable: plan.unidadAuditable, numero: numero, form: form, errors: errors)
        let ctx = PageContext(req, title: NewRoundView.title)
        return Layout.render(ctx, status: status) { NewRoundView.content(model, csrf: ctx.csrf) }
    }

    static func roundPage(_ req: Request, _ model: RoundFormView.Model, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: RoundFormView.title(model), entityName: model.snapshot.formato.entidad)
        return Layout.render(ctx, status: status) { RoundFormView.content(model, csrf: ctx.csrf) }
    }

    /// The responsables' autoreportes of a round, by action, with their evidence.
    static func reportsOf(_ round: RoundSnapshot, on db: Database) async throws -> [UUID: RoundFormView.Reported] {
        guard let roundID = round.id else { return [:] }
        let reports = try await ProgressReport.query(on: db).filter(\.$round.$id == roundID).all()
        let ids = reports.compactMap(\.id)
        let evidences = ids.isEmpty ? [] : try await ReportEvidence.query(on: db).filter(\.$reportKind == .autoreporte)
            .filter(\.$reportID ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: reports.compactMap { r in
            r.$action.id.map {
                ($0, RoundFormView.Reported(percent: r.porcentaje, text: r.descripcion, links: r.links,
                                            files: evidences.filter { $0.reportID == r.id }.compactMap { e in e.id.map { ($0, e.name) } }))
            }
        })
    }

    /// Saves every grade of the round at once: all or nothing, every change in the audit trail.
    @Sendable static func save(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .grade, on: req.db)
        let planID = try plan.requireID()
        let numero = try req.intParameter("numero")
        let (snap, roundSnap, _) = try await RoundService.round(numero, of: plan, on: req.db)
        var fields = try req.content.decode([String: String].self)
        // “Usar el % reportado”: one row (aceptar = action id) or every row with a report.
        let reports = try await reportsOf(roundSnap, on: req.db)
        let accepted = fields["aceptarTodos"] != nil ? Array(reports.keys) : fields["aceptar"].flatMap(UUID.init(uuidString:)).map { [$0] } ?? []
        for id in accepted { if let p = reports[id]?.percent { fields["pct_\(id.uuidString)"] = SpanishFormat.number(p) } }
        let values = RoundValues(fields: fields, plan: snap)
        do {
            try await RoundService.grade(numero, of: plan, with: values, in: ctx)
        } catch let invalid as InvalidInput {
            return roundPage(req, .init(snapshot: snap, round: roundSnap, values: values, errors: invalid.problems, reports: reports),
                             status: .unprocessableEntity)
        }
        let after = try await PlanStore.snapshot(of: plan, on: req.db)
        let e = PlanEvaluator.evaluate(after, round: numero)
        req.flash("Seguimiento \(numero) guardado. % del plan: \(SpanishFormat.percent(e.plan.porcentaje)) (\(e.semaforo.label)).")
        return req.redirect(to: SiteURL.plan(.value(planID)).path(with: .round(numero)))
    }
}
