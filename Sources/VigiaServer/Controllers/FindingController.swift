import Fluent
import Vapor
import VigiaCore

/// Findings and their actions: formulated by the OCI or by the audited dependency's responsable.
enum FindingController {
    @Sendable static func new(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        var form = FindingForm()
        let last = try await Finding.query(on: req.db).filter(\.$plan.$id == plan.requireID()).max(\.$numero) ?? 0
        form.numero = "\(last + 1)"
        return try page(req, plan, nil, form)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let form = try req.content.decode(FindingForm.self)
        do {
            let (input, problems) = form.parsed()
            try InvalidInput.check(problems)
            let finding = try await FormulationService.addFinding(input, to: plan, in: ctx)
            req.flash("Hallazgo \(finding.numero) agregado. Formule ahora sus acciones.")
            return req.redirect(to: SiteURL.newAction(.value(try plan.requireID()), .value(try finding.requireID())).path)
        } catch let invalid as InvalidInput {
            return try page(req, plan, nil, form, errors: invalid.problems, status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let finding = try await findingOf(plan, req)
        return try page(req, plan, finding, FindingForm(finding))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: ctx.user, .formulate, on: req.db)
        let finding = try await findingOf(plan, req)
        let form = try req.content.decode(FindingForm.self)
        do {
            let (input, problems) = form.parsed()
            try InvalidInput.check(problems)
            try await FormulationService.updateFinding(finding, with: input, in: ctx)
        } catch let invalid as InvalidInput {
            return try page(req, plan, finding, form, errors: invalid.problems, status: .unprocessableEntity)
        }
        req.flash("Hallazgo \(finding.numero) guardado.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    /// The form's page, built from plain values.
    static func page(_ req: Request, _ plan: ImprovementPlan, _ finding: Finding?, _ form: FindingForm, errors: [String: String] = [:],
                     status: HTTPStatus = .ok) throws -> Response {
        let model = FindingFormView.Model(planID: try plan.requireID(), unidadAuditable: plan.unidadAuditable,
                                          editing: try finding.map { (id: try $0.requireID(), numero: $0.numero) }, form: form, errors: errors)
        let ctx = PageContext(req, title: FindingFormView.title(model))
        return Layout.render(ctx, status: status) { FindingFormView.content(model, csrf: ctx.csrf) }
    }

    static func findingOf(_ plan: ImprovementPlan, _ req: Request) async throws -> Finding {
        guard let f = try await Finding.query(on: req.db).filter(\.$id == req.uuidParameter("finding"))
            .filter(\.$plan.$id == plan.requireID()).first() else {
            throw Abort(.notFound, reason: "El hallazgo no existe en este plan.")
        }
        return f
    }
}
