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
        return FindingFormView.render(req, plan: plan, finding: nil, form: form, errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let form = try req.content.decode(FindingForm.self)
        var errors = form.validate()
        let planID = try plan.requireID()
        if let n = Int(form.numero.trimmed),
           try await Finding.query(on: req.db).filter(\.$plan.$id == planID).filter(\.$numero == n).first() != nil {
            errors["numero"] = "Ya existe el hallazgo \(n) en este plan."
        }
        guard errors.isEmpty else {
            return FindingFormView.render(req, plan: plan, finding: nil, form: form, errors: errors, status: .unprocessableEntity)
        }
        let finding = Finding(entityID: user.entityID, planID: planID, numero: Int(form.numero.trimmed)!,
                              descripcion: form.descripcion.trimmed, causa: form.causa.trimmed,
                              efecto: form.efecto.trimmed, criterio: form.criterio.trimmed)
        try await req.db.transaction { db in
            try await finding.create(on: db)
            try await AuditLog.record("Agregó el hallazgo \(finding.numero)", by: Actor(user), entityID: user.entityID,
                                      objectType: "hallazgo", objectID: finding.id, planID: planID,
                                      changes: [FieldChange(field: "descripción", old: nil, new: finding.descripcion)], on: db)
        }
        req.flash("Hallazgo \(finding.numero) agregado. Formule ahora sus acciones.")
        return req.redirect(to: SiteURL.newAction(.value(planID), .value(try finding.requireID())).path)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let finding = try await findingOf(plan, req)
        return FindingFormView.render(req, plan: plan, finding: finding, form: FindingForm(finding), errors: [:])
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let finding = try await findingOf(plan, req)
        let form = try req.content.decode(FindingForm.self)
        var errors = form.validate()
        if let n = Int(form.numero.trimmed), n != finding.numero,
           try await Finding.query(on: req.db).filter(\.$plan.$id == plan.requireID()).filter(\.$numero == n).first() != nil {
            errors["numero"] = "Ya existe el hallazgo \(n) en este plan."
        }
        guard errors.isEmpty else {
            return FindingFormView.render(req, plan: plan, finding: finding, form: form, errors: errors, status: .unprocessableEntity)
        }
        try await PlanEditing.update(finding, with: form, by: user, via: "", on: req.db)
        req.flash("Hallazgo \(finding.numero) guardado.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    static func findingOf(_ plan: ImprovementPlan, _ req: Request) async throws -> Finding {
        guard let f = try await Finding.query(on: req.db).filter(\.$id == req.uuidParameter("finding"))
            .filter(\.$plan.$id == plan.requireID()).first() else {
            throw Abort(.notFound, reason: "El hallazgo no existe en este plan.")
        }
        return f
    }
}

enum ActionController {
    @Sendable static func new(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let finding = try await FindingController.findingOf(plan, req)
        return ActionFormView.render(req, plan: plan, finding: finding, action: nil, form: ActionForm(), errors: [:],
                                     dependencies: try await PlanController.dependencies(req))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let finding = try await FindingController.findingOf(plan, req)
        let form = try req.content.decode(ActionForm.self)
        let deps = try await PlanController.dependencies(req)
        let errors = form.validate()
        guard errors.isEmpty else {
            return ActionFormView.render(req, plan: plan, finding: finding, action: nil, form: form, errors: errors,
                                         dependencies: deps, status: .unprocessableEntity)
        }
        let findingID = try finding.requireID()
        let position = (try await Action.query(on: req.db).filter(\.$finding.$id == findingID).max(\.$position) ?? 0) + 1
        let action = Action(entityID: user.entityID, findingID: findingID, position: position, snapshot: form.snapshot)
        let chosen = deps.filter { d in (form.dependencias ?? []).contains(d.id!.uuidString) }
        try await req.db.transaction { db in
            try await action.create(on: db)
            try await action.$dependencies.attach(chosen, on: db)
            try await AuditLog.record("Agregó la acción \(position) al hallazgo \(finding.numero)", by: Actor(user),
                                      entityID: user.entityID, objectType: "acción", objectID: action.id, planID: plan.id,
                                      changes: [FieldChange(field: "descripción", old: nil, new: action.descripcion)], on: db)
        }
        req.flash("Acción agregada al hallazgo \(finding.numero).")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let (action, finding) = try await actionOf(plan, req)
        return ActionFormView.render(req, plan: plan, finding: finding, action: action, form: ActionForm(action), errors: [:],
                                     dependencies: try await PlanController.dependencies(req))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let (action, finding) = try await actionOf(plan, req)
        let form = try req.content.decode(ActionForm.self)
        let deps = try await PlanController.dependencies(req)
        let errors = form.validate()
        guard errors.isEmpty else {
            return ActionFormView.render(req, plan: plan, finding: finding, action: action, form: form, errors: errors,
                                         dependencies: deps, status: .unprocessableEntity)
        }
        let before = action.auditValues
        action.apply(form.snapshot)
        let chosen = deps.filter { d in (form.dependencias ?? []).contains(d.id!.uuidString) }
        let changes = AuditLog.diff(zip(before, action.auditValues).map { ($0.0, $0.1, $1.1) }
            + [("dependencias", action.dependencies.map(\.name).sorted().joined(separator: ", "),
                chosen.map(\.name).sorted().joined(separator: ", "))])
        try await req.db.transaction { db in
            try await action.save(on: db)
            try await action.$dependencies.detachAll(on: db)
            try await action.$dependencies.attach(chosen, on: db)
            if !changes.isEmpty {
                try await AuditLog.record("Modificó la acción \(action.position) del hallazgo \(finding.numero)", by: Actor(user),
                                          entityID: user.entityID, objectType: "acción", objectID: action.id, planID: plan.id,
                                          changes: changes, on: db)
            }
        }
        req.flash("Acción guardada.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
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
         ("unidad de la meta", metaUnidad), ("indicador", indicador)]
    }
}
