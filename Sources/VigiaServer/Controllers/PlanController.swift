import Fluent
import Vapor
import VigiaCore
import VigiaFormats

enum PlanController {
    /// Plans the user may see, each with its latest round's % and semáforo.
    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let filter = PlanDigests.Filter(dependencyID: req.query[String.self, at: "dependencia"].flatMap(UUID.init(uuidString:)),
                                        estado: req.query[String.self, at: "estado"].flatMap(PlanStatus.init(rawValue:)))
        let page = req.query[String.self, at: "pagina"].flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
        if let format = try ListDownload.format(req) {
            let model = try await PlanListPage.Model.query(on: req.db, user: user, today: req.today, filter: filter, page: page, download: true)
            return try ListDownload.response(ListTables.plans(model, today: req.today), format, today: req.today)
        }
        let variant = "\(filter.dependencyID?.uuidString ?? "")|\(filter.estado?.rawValue ?? "")|\(page)"
        return try await EntityPages.page(req, "planes", variant: variant, user: user) { placeholder in
            let model = try await PlanListPage.Model.query(on: req.db, user: user, today: req.today, filter: filter, page: page, download: false)
            let ctx = PageContext(req, title: PlanListPage.View.title, entityName: model.entityName)
            return (Layout.html(ctx.withCSRF(placeholder)) { PlanListPage.View.content(model) }, .ok, ctx.flash != nil)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let planID = try req.uuidParameter("plan")
        let round: Int? = req.query["seguimiento"]
        // A page unchanged since it was last rendered for this user comes from RenderedPageCache:
        // one statement checks the access and reads the revision.
        let cache = RenderedPageCache.shared
        let revision = try await Access.readablePlanRevision(planID, for: user, on: req.db)
        let key = RenderedPageCache.planKey(planID, revision: revision, round: round, user: user, today: req.today)
        let hasFlash = req.hasSession && req.session.data[SessionKey.flash] != nil
        if !hasFlash, let parts = cache.get(key) { return Layout.response(cache.page(parts, csrf: req.csrfToken)) }
        let plan = try await Access.plan(planID, for: user, .read, on: req.db)
        let model = try await PlanPage.Model.query(on: req.db, user: user, today: req.today, plan: plan, round: round)
        var ctx = PageContext(req, title: PlanPage.View.title(model), entityName: model.format.entidad)
        let csrf = ctx.csrf
        ctx.csrf = cache.placeholder
        let html = Layout.html(ctx) { PlanPage.View.content(model, csrf: ctx.csrf) }
        if ctx.flash == nil { cache.put(key, html) }
        return Layout.response(cache.page(html, csrf: csrf))
    }

    // MARK: - Create and edit the plan's header

    @Sendable static func new(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        return try await formPage(req, nil, PlanForm())
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try Access.requireCreatePlan(ctx.user)
        let form = try req.content.decode(PlanForm.self)
        do {
            let deps = try await dependencies(req)
            let plan = try await PlanService.create(try checked(form), dependency: deps.first { $0.id?.uuidString == form.dependencia }, in: ctx)
            req.flash("Plan creado. Agregue ahora sus hallazgos.")
            return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
        } catch let invalid as InvalidInput {
            return try await formPage(req, nil, form, errors: invalid.problems, status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        return try await formPage(req, plan, PlanForm(plan))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let form = try req.content.decode(PlanForm.self)
        do {
            let deps = try await dependencies(req)
            let changes = try await PlanService.update(plan, with: try checked(form), dependency: deps.first { $0.id?.uuidString == form.dependencia },
                                                       in: ctx)
            req.flash(changes.isEmpty ? "No había cambios que guardar." : "Datos del plan guardados.")
            return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
        } catch let invalid as InvalidInput {
            return try await formPage(req, plan, form, errors: invalid.problems, status: .unprocessableEntity)
        }
    }

    /// The header's form, built from plain values.
    static func formPage(_ req: Request, _ plan: ImprovementPlan?, _ form: PlanForm, errors: [String: String] = [:],
                         status: HTTPStatus = .ok) async throws -> Response {
        let model = PlanFormView.Model(planID: plan?.id, form: form, errors: errors, dependencies: try await dependencyChoices(req))
        let ctx = PageContext(req, title: PlanFormView.title(model))
        return Layout.render(ctx, status: status) { PlanFormView.content(model, csrf: ctx.csrf) }
    }

    /// The form's header, refused with the text's problems and the header rule together.
    private static func checked(_ form: PlanForm) throws -> PlanHeader {
        let (header, problems) = form.parsed()
        let rules = FormulationRules.headerProblems(unidadAuditable: header.unidadAuditable, hasDependency: !(form.dependencia ?? "").isEmpty)
        try InvalidInput.check(problems.merging(rules) { text, _ in text })
        return header
    }

    // MARK: - Import from the B-I-007 layout

    @Sendable static func importForm(req: Request) async throws -> Response {
        try Access.requireCreatePlan(try req.requireUser())
        return importPage(req, text: "", error: nil)
    }

    @Sendable static func importPlan(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        let source: ImportSource
        switch try req.content.decode(ImportUpload.self).source(empty: "Pegue el contenido del formato o elija un archivo.") {
        case .success(let read): source = read
        case .failure(let refusal): return importPage(req, text: "", error: refusal.message, status: .unprocessableEntity)
        }
        let text: String = if case .text(let t) = source { t } else { "" }
        do {
            let result = try source.plan()
            let plan = try await req.db.transaction { db in
                try await PlanStore.create(result.plan, entityID: user.entityID, by: Actor(user),
                                           summary: "Importó el plan desde el formato \(result.plan.formato.codigo)", on: db)
            }
            let notes = result.notes.map(\.description).joined(separator: " ")
            req.flash("Plan importado: \(result.plan.hallazgos.count) hallazgos y \(result.plan.actionCount) acciones." + (notes.isEmpty ? "" : " Notas: " + notes))
            return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
        } catch let error as ImportError {
            return importPage(req, text: text, error: error.description, status: .unprocessableEntity)
        }
    }

    static func importPage(_ req: Request, text: String, error: String?, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: PlanImportView.title)
        return Layout.render(ctx, status: status) { PlanImportView.content(text: text, error: error, csrf: ctx.csrf) }
    }

    // MARK: - Helpers

    static func dependencies(_ req: Request) async throws -> [Dependency] {
        let user = try req.requireUser()
        // Inactive (or merged) dependencias are offered nowhere new.
        return try await Dependency.query(on: req.db).filter(\.$entity.$id == user.entityID).filter(\.$active == true).sort(\.$name).all()
    }

    /// The entity's dependencias as a form offers them.
    static func dependencyChoices(_ req: Request) async throws -> [DependencyChoice] {
        try await dependencies(req).compactMap { d in d.id.map { DependencyChoice(id: $0, name: d.name) } }
    }

}
