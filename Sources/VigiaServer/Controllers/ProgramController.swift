import Fluent
import Vapor
import VigiaCore
import VigiaFormats

enum ProgramController {
    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let model = try await ProgramListPage.Model.query(on: req.db, user: user, today: req.today)
        let ctx = PageContext(req, title: ProgramListPage.View.title, entityName: model.entityName)
        return Layout.render(ctx) { ProgramListPage.View.content(model) }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        let period: Int? = req.query["periodo"]
        let model = try await ProgramPage.Model.query(on: req.db, user: user, today: req.today, program: program, period: period)
        let ctx = PageContext(req, title: ProgramPage.View.title(model), entityName: model.program.entidad)
        return Layout.render(ctx) { ProgramPage.View.content(model, csrf: ctx.csrf) }
    }

    // MARK: - Seguimiento (OCI) and monitoreo (responsables)

    @Sendable static func followUpForm(req: Request) async throws -> Response {
        try await form(req, monitoring: false)
    }

    @Sendable static func monitoringForm(req: Request) async throws -> Response {
        try await form(req, monitoring: true)
    }

    @Sendable static func saveFollowUp(req: Request) async throws -> Response {
        try await save(req, monitoring: false)
    }

    @Sendable static func saveMonitoring(req: Request) async throws -> Response {
        try await save(req, monitoring: true)
    }

    struct FormContext {
        let program: AnticorruptionProgram
        let snapshot: ProgramSnapshot
        let period: FollowUpPeriod
        let lines: [ActivityLine]
        let component: Int?
    }

    static func context(_ req: Request, monitoring: Bool) async throws -> FormContext {
        let user = try req.requireUser()
        if monitoring { try ProgramAccess.requireMonitoring(user) } else { try ProgramAccess.requireFollowUp(user) }
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        let numero = try req.intParameter("numero")
        guard let period = try await FollowUpPeriod.query(on: req.db).filter(\.$program.$id == program.requireID())
            .filter(\.$numero == numero).first() else {
            throw Abort(.notFound, reason: "El programa no tiene el periodo \(numero).")
        }
        if period.estado == .publicado && req.method != .GET {
            throw Abort(.forbidden, reason: monitoring
                ? "El seguimiento del \(period.nombre.lowercased()) está publicado: su monitoreo ya no se modifica."
                : "El seguimiento del \(period.nombre.lowercased()) está publicado: no se modifica. Ábralo como corrección para publicar una nueva versión.")
        }
        let snap = try await ProgramStore.snapshot(of: program, on: req.db)
        let component = req.siteQuery(.component)
        var lines = ActivityLine.lines(of: snap, component: component)
        if monitoring {
            let mine = try await ProgramAccess.activityIDs(of: user, on: req.db)
            lines = lines.filter { mine.contains($0.id) }
        }
        return FormContext(program: program, snapshot: snap, period: period, lines: lines, component: component)
    }

    static func form(_ req: Request, monitoring: Bool) async throws -> Response {
        let ctx = try await context(req, monitoring: monitoring)
        let values = ActivityGradeValues(lines: ctx.lines, period: ctx.period.numero, monitoring: monitoring)
        return gradePage(req, ctx, values: values, monitoring: monitoring)
    }

    static func gradePage(_ req: Request, _ c: FormContext, values: ActivityGradeValues, errors: [String: String] = [:],
                          monitoring: Bool, status: HTTPStatus = .ok) -> Response {
        var model = ProgramGradeView.Model(snapshot: c.snapshot, periodNumero: c.period.numero, periodNombre: c.period.nombre, lines: c.lines,
                                           component: c.component, values: values, errors: errors, monitoring: monitoring)
        if monitoring {
            // The same lock as the save: the period's window and publication close the form, the OCI's grade a row.
            model.window = c.period.reportingWindow.summary
            model.closedReason = ReportLock.monitoreo(graded: false, period: c.period).refusal(on: req.today)
            model.graded = Set(c.lines.filter { $0.activity.followUp(c.period.numero)?.isGraded ?? false }.map(\.id))
        }
        let page = PageContext(req, title: ProgramGradeView.title(model), entityName: c.snapshot.entidad)
        return Layout.render(page, status: status) { ProgramGradeView.content(model, csrf: page.csrf) }
    }

    static func save(_ req: Request, monitoring: Bool) async throws -> Response {
        let useCase = try req.useCase()
        let ctx = try await context(req, monitoring: monitoring)
        let values = ActivityGradeValues(lines: ctx.lines, fields: try req.content.decode([String: String].self))
        let written: Int
        do {
            written = try await ProgramFollowUpService.save(ctx.lines, values: values, period: ctx.period, monitoring: monitoring,
                                                            program: ctx.program, in: useCase)
        } catch let invalid as InvalidInput {
            return gradePage(req, ctx, values: values, errors: invalid.problems, monitoring: monitoring, status: .unprocessableEntity)
        }
        let after = try await ProgramStore.snapshot(of: ctx.program, on: req.db)
        let e = ProgramEvaluator.evaluate(after, period: ctx.period.numero, method: ctx.program.metodo)
        req.flash(monitoring
            ? "Monitoreo guardado (\(written) actividades). La OCI lo verá junto a su seguimiento."
            : "Seguimiento del \(ctx.period.nombre.lowercased()) guardado (\(written) actividades). Programa: \(SpanishFormat.percent(e.porcentaje)) (\(e.zona.label)).")
        return req.redirect(to: SiteURL.program(.value(try ctx.program.requireID())).path(with: .period(ctx.period.numero)))
    }

    // MARK: - Import

    @Sendable static func importForm(req: Request) async throws -> Response {
        try Access.requireCreatePlan(try req.requireUser())
        return importPage(req, text: "", error: nil)
    }

    @Sendable static func importProgram(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        let source: ImportSource
        switch try req.content.decode(ImportUpload.self).source(empty: "Pegue el texto del seguimiento o elija un archivo.") {
        case .success(let read): source = read
        case .failure(let refusal): return importPage(req, text: "", error: refusal.message, status: .unprocessableEntity)
        }
        let text: String = if case .text(let t) = source { t } else { "" }
        do {
            let result = try await VigiaTasks.importProgram(source, entityNIT: nil, entityID: user.entityID, by: Actor(user), on: req.db)
            req.flash("Seguimiento importado: programa \(result.program.vigencia), periodo \(result.period), \(result.program.activityCount) actividades.")
            return req.redirect(to: SiteURL.program(.value(result.id)).path(with: .period(result.period)))
        } catch let error as ImportError {
            return importPage(req, text: text, error: error.description, status: .unprocessableEntity)
        } catch let error as ValidationFailure {
            return importPage(req, text: text, error: error.description, status: .unprocessableEntity)
        }
    }

    static func importPage(_ req: Request, text: String, error: String?, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: ProgramImportView.title)
        return Layout.render(ctx, status: status) { ProgramImportView.content(text: text, error: error, csrf: ctx.csrf) }
    }
}
