import Fluent
import Vapor
import VigiaCore
import VigiaFormats

enum PlanController {
    /// Plans the user may see, each with its latest round's % and semáforo.
    @Sendable static func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let model = try await PlanListPage.Model.query(on: req.db, user: user, today: req.today)
        let ctx = PageContext(req, title: PlanListPage.View.title, entityName: model.entityName)
        return Layout.render(ctx) { PlanListPage.View.content(model) }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .read, on: req.db)
        let round: Int? = req.query["seguimiento"]
        let model = try await PlanPage.Model.query(on: req.db, user: user, today: req.today, plan: plan, round: round)
        let ctx = PageContext(req, title: PlanPage.View.title(model), entityName: model.format.entidad)
        return Layout.render(ctx) { PlanPage.View.content(model, csrf: ctx.csrf) }
    }

    // MARK: - Create and edit the plan's header

    @Sendable static func new(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        return PlanFormView.render(req, plan: nil, form: PlanForm(), errors: [:], dependencies: try await dependencies(req))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try Access.requireCreatePlan(ctx.user)
        let form = try req.content.decode(PlanForm.self)
        let deps = try await dependencies(req)
        do {
            let plan = try await PlanService.create(try checked(form), dependency: deps.first { $0.id?.uuidString == form.dependencia }, in: ctx)
            req.flash("Plan creado. Agregue ahora sus hallazgos.")
            return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
        } catch let invalid as InvalidInput {
            return PlanFormView.render(req, plan: nil, form: form, errors: invalid.problems, dependencies: deps, status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        return PlanFormView.render(req, plan: plan, form: PlanForm(plan), errors: [:], dependencies: try await dependencies(req))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let form = try req.content.decode(PlanForm.self)
        let deps = try await dependencies(req)
        do {
            let changes = try await PlanService.update(plan, with: try checked(form), dependency: deps.first { $0.id?.uuidString == form.dependencia },
                                                       in: ctx)
            req.flash(changes.isEmpty ? "No había cambios que guardar." : "Datos del plan guardados.")
            return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
        } catch let invalid as InvalidInput {
            return PlanFormView.render(req, plan: plan, form: form, errors: invalid.problems, dependencies: deps, status: .unprocessableEntity)
        }
    }

    /// The form's header, refused with the text's problems and the header rule together.
    private static func checked(_ form: PlanForm) throws -> PlanHeader {
        let (header, problems) = form.parsed()
        let rules = FormulationRules.headerProblems(unidadAuditable: header.unidadAuditable, hasDependency: !(form.dependencia ?? "").isEmpty)
        try InvalidInput.check(problems.merging(rules) { text, _ in text })
        return header
    }

    // MARK: - Import from the B-I-007 layout

    struct ImportForm: Content {
        var texto: String?
        var archivo: File?
    }

    @Sendable static func importForm(req: Request) async throws -> Response {
        try Access.requireCreatePlan(try req.requireUser())
        return PlanImportView.render(req, text: "", error: nil)
    }

    @Sendable static func importPlan(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        let form = try req.content.decode(ImportForm.self)
        var text = form.texto ?? ""
        if let file = form.archivo, file.data.readableBytes > 0 {
            guard let decoded = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8)
                    ?? file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .windowsCP1252) else {
                return PlanImportView.render(req, text: "", error: "El archivo «\(file.filename)» no es texto (UTF-8 o Windows-1252). Guárdelo desde Excel como «Texto (delimitado por tabulaciones)».", status: .unprocessableEntity)
            }
            text = decoded
        }
        guard !text.trimmed.isEmpty else {
            return PlanImportView.render(req, text: "", error: "Pegue el contenido del formato o elija un archivo.", status: .unprocessableEntity)
        }
        do {
            let result = try PlanImporter.importPlan(text: text.replacingOccurrences(of: "\u{0}", with: ""))
            let plan = try await req.db.transaction { db in
                try await PlanStore.create(result.plan, entityID: user.entityID, by: Actor(user),
                                           summary: "Importó el plan desde el formato \(result.plan.formato.codigo)", on: db)
            }
            let notes = result.notes.map(\.description).joined(separator: " ")
            req.flash("Plan importado: \(result.plan.hallazgos.count) hallazgos y \(result.plan.actionCount) acciones." + (notes.isEmpty ? "" : " Notas: " + notes))
            return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
        } catch let error as ImportError {
            return PlanImportView.render(req, text: text, error: error.description, status: .unprocessableEntity)
        }
    }

    // MARK: - Helpers

    static func dependencies(_ req: Request) async throws -> [Dependency] {
        let user = try req.requireUser()
        return try await Dependency.query(on: req.db).filter(\.$entity.$id == user.entityID).sort(\.$name).all()
    }

}
