import Fluent
import Vapor
import VigiaCore

/// The actions of a finding: formulated by the OCI or by the audited dependency's responsable.
enum ActionController {
    @Sendable static func new(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let finding = try await FindingController.findingOf(plan, req)
        return try await page(req, plan, finding, nil, ActionForm())
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let finding = try await FindingController.findingOf(plan, req)
        let form = try req.content.decode(ActionForm.self)
        do {
            let chosen = try await FormulationService.dependencies(ids: form.dependencias ?? [], in: ctx)
            try await FormulationService.addAction(try checked(form, chosen), dependencies: chosen, to: finding, in: ctx)
        } catch let invalid as InvalidInput {
            return try await page(req, plan, finding, nil, form, errors: invalid.problems, status: .unprocessableEntity)
        }
        req.flash("Acción agregada al hallazgo \(finding.numero).")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let (action, finding) = try await actionOf(plan, req)
        return try await page(req, plan, finding, action, ActionForm(action))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let (action, finding) = try await actionOf(plan, req)
        let form = try req.content.decode(ActionForm.self)
        do {
            let chosen = try await FormulationService.dependencies(ids: form.dependencias ?? [], in: ctx)
            try await FormulationService.updateAction(action, of: finding, with: try checked(form, chosen), dependencies: chosen, in: ctx)
        } catch let invalid as InvalidInput {
            return try await page(req, plan, finding, action, form, errors: invalid.problems, status: .unprocessableEntity)
        }
        req.flash("Acción guardada.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    /// The form's page, built from plain values.
    static func page(_ req: Request, _ plan: ImprovementPlan, _ finding: Finding, _ action: Action?, _ form: ActionForm,
                     errors: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let model = ActionFormView.Model(planID: try plan.requireID(), finding: (id: try finding.requireID(), numero: finding.numero, descripcion: finding.descripcion),
                                         editing: try action.map { (id: try $0.requireID(), position: $0.position) }, form: form, errors: errors,
                                         dependencies: try await PlanController.dependencyChoices(req))
        let ctx = PageContext(req, title: ActionFormView.title(model))
        return Layout.render(ctx, status: status) { ActionFormView.content(model, csrf: ctx.csrf) }
    }

    /// The form's action, refused with every problem at once: those of the text (unreadable
    /// dates) and those of the rules.
    private static func checked(_ form: ActionForm, _ dependencies: [Dependency]) throws -> ActionSnapshot {
        let (input, problems) = form.parsed(dependencies: dependencies)
        try InvalidInput.check(problems.merging(FormulationRules.problems(of: input)) { text, _ in text })
        return input
    }

    static func actionOf(_ plan: ImprovementPlan, _ req: Request) async throws -> (Action, Finding) {
        guard let action = try await Action.query(on: req.db).filter(\.$id == req.uuidParameter("action"))
                .with(\.$finding).with(\.$dependencies).first(),
              action.finding.$plan.id == plan.id else {
            throw Abort(.notFound, reason: "La acción no existe en este plan.")
        }
        return (action, action.finding)
    }
}

extension Action {
    /// Labelled values for the audit trail.
    var auditValues: [(String, String?)] {
        [("descripción", descripcion), ("tipo", tipo.label), ("responsable", responsable),
         ("fecha inicial", fechaInicial?.dayFirst), ("fecha final", fechaFinal?.dayFirst), ("meta", meta),
         ("cantidad de la meta", metaCantidad.map { SpanishFormat.number($0, maxDecimals: 2) }),
         ("unidad de la meta", metaUnidad), ("indicador", indicador), ("objetivo", objetivo)]
    }
}
