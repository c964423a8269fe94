import Fluent
import Vapor
import VigiaCore

/// The forms of a mapa de riesgos de corrupción: a new map, its risks (with the impacto
/// questionnaire), their controls and actions. The OCI and the administrador write them; every
/// other role gets 403, another entity's map 404. Each save goes through `RiskMapService.change`.
enum RiskMapFormController {
    struct NewMapForm: Content {
        var vigencia: String?
        var metodologia: String?
    }

    @Sendable static func newMap(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try RiskMapService.requireFormulation(user)
        let rows = try await RiskMapPage.list(entityID: user.entityID, on: req.db)
        let choices = try await RiskMethodologyService.choices(entityID: user.entityID, on: req.db)
        return newMapPage(req, rows, choices, form: NewMapForm(vigencia: "\(req.today.year + 1)", metodologia: choices.first?.value ?? "v6"), errors: [:])
    }

    static func newMapPage(_ req: Request, _ rows: [RiskMapPage.ListRow], _ choices: [RiskMethodologyService.Choice], form: NewMapForm,
                           errors: [String: String], status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: "Nuevo mapa de riesgos de corrupción")
        return Layout.render(ctx, status: status) {
            RiskMapPage.newMapContent(vigencia: form.vigencia ?? "", methodology: form.metodologia ?? "", choices: choices.map { ($0.value, $0.label) },
                                      errors: errors, existing: rows, csrf: ctx.csrf)
        }
    }

    @Sendable static func createMap(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let form = try req.content.decode(NewMapForm.self)
        do {
            let id = try await RiskMapService.create(vigencia: form.vigencia ?? "", methodology: form.metodologia ?? "", ctx: ctx)
            req.flash("Mapa de riesgos de corrupción \(form.vigencia?.trimmed ?? "") creado. Agregue sus riesgos.")
            return req.redirect(to: SiteURL.riskMap(.value(id)).path)
        } catch let invalid as InvalidInput {
            let rows = try await RiskMapPage.list(entityID: ctx.entityID, on: req.db)
            let choices = try await RiskMethodologyService.choices(entityID: ctx.entityID, on: req.db)
            return newMapPage(req, rows, choices, form: form, errors: invalid.problems, status: .unprocessableEntity)
        }
    }

    // MARK: - Risks

    @Sendable static func riskPage(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try RiskMapService.requireFormulation(user)
        let id = try req.uuidParameter("map")
        let (map, revision) = try await RiskMapService.read(id, entityID: user.entityID, on: req.db)
        let numero = req.parameters.get("numero") == nil ? nil : try req.intParameter("numero")
        if let numero, !map.riesgos.contains(where: { $0.numero == numero }) {
            throw Abort(.notFound, reason: "El mapa \(map.vigencia) no tiene el riesgo \(numero).")
        }
        let model = RiskFormView.Model(mapID: id, map: map, revision: revision, numero: numero,
                                       form: RiskForm(numero.flatMap { n in map.riesgos.first { $0.numero == n } }))
        return renderRisk(req, model)
    }

    static func renderRisk(_ req: Request, _ model: RiskFormView.Model, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: model.title)
        return Layout.render(ctx, status: status) { RiskFormView.content(model, csrf: ctx.csrf) }
    }

    @Sendable static func saveRisk(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let id = try req.uuidParameter("map")
        let numero = req.parameters.get("numero") == nil ? nil : try req.intParameter("numero")
        let form = try req.content.decode(RiskForm.self)
        let saved: Int
        do {
            saved = try await RiskMapService.saveRisk(form.input, numero: numero, map: id, seen: form.revision, ctx: ctx).numero
        } catch let invalid as InvalidInput {
            let (map, revision) = try await RiskMapService.read(id, entityID: ctx.entityID, on: req.db)
            let model = RiskFormView.Model(mapID: id, map: map, revision: form.revision ?? revision, numero: numero, form: form, errors: invalid.problems)
            return renderRisk(req, model, status: .unprocessableEntity)
        }
        req.flash(numero == nil ? "Riesgo \(saved) agregado. Agregue sus controles y acciones." : "Riesgo \(saved) guardado.")
        return req.redirect(to: SiteURL.risk(.value(id), .value(saved)).path)
    }

    struct RevisionForm: Content { var revision: Int? }

    @Sendable static func deleteRisk(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let id = try req.uuidParameter("map"), numero = try req.intParameter("numero")
        let seen = try req.content.decode(RevisionForm.self).revision
        try await RiskMapService.deleteRisk(id, numero: numero, seen: seen, ctx: ctx)
        req.flash("Riesgo \(numero) eliminado.")
        return req.redirect(to: SiteURL.riskMap(.value(id)).path)
    }

    // MARK: - Controls and actions

    static func itemModel(_ req: Request, kind: RiskItemKind, form: RiskItemForm?, errors: [String: String] = [:]) async throws -> RiskItemFormView.Model {
        let user = try req.requireUser()
        try RiskMapService.requireFormulation(user)
        let id = try req.uuidParameter("map"), numero = try req.intParameter("numero")
        let position = req.parameters.get("posicion") == nil ? nil : try req.intParameter("posicion")
        let (map, revision) = try await RiskMapService.read(id, entityID: user.entityID, on: req.db)
        guard let risk = map.riesgos.first(where: { $0.numero == numero }) else {
            throw Abort(.notFound, reason: "El mapa \(map.vigencia) no tiene el riesgo \(numero).")
        }
        var stored = RiskItemForm()
        if let position {
            switch kind {
            case .control:
                guard risk.controles.hasPosition(position) else { throw Abort(.notFound, reason: "El riesgo \(numero) no tiene \(kind.named(position)).") }
                stored = RiskItemForm(control: risk.controles[position - 1])
            case .action:
                guard risk.acciones.hasPosition(position) else { throw Abort(.notFound, reason: "El riesgo \(numero) no tiene \(kind.named(position)).") }
                stored = RiskItemForm(action: risk.acciones[position - 1].plan)
            }
        }
        return RiskItemFormView.Model(mapID: id, map: map, revision: form?.revision ?? revision, risk: risk, kind: kind, position: position,
                                      form: form ?? stored, errors: errors, dependencies: kind == .action ? try await PlanController.dependencyChoices(req) : [],
                                      activities: kind == .action ? try await RiskMapService.componentOneActivities(entityID: user.entityID, vigencia: map.vigencia, on: req.db) : [])
    }

    static func itemPage(req: Request, kind: RiskItemKind) async throws -> Response {
        renderItem(req, try await itemModel(req, kind: kind, form: nil))
    }

    static func renderItem(_ req: Request, _ model: RiskItemFormView.Model, status: HTTPStatus = .ok) -> Response {
        let ctx = PageContext(req, title: model.title)
        return Layout.render(ctx, status: status) { RiskItemFormView.content(model, csrf: ctx.csrf) }
    }

    static func saveItem(req: Request, kind: RiskItemKind) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let id = try req.uuidParameter("map"), numero = try req.intParameter("numero")
        let position = req.parameters.get("posicion") == nil ? nil : try req.intParameter("posicion")
        let form = try req.content.decode(RiskItemForm.self)
        do {
            try await RiskMapService.saveItem(kind, form: form, map: id, risk: numero, position: position, ctx: ctx)
        } catch let invalid as InvalidInput {
            return renderItem(req, try await itemModel(req, kind: kind, form: form, errors: invalid.problems), status: .unprocessableEntity)
        }
        req.flash(kind == .control ? "Control guardado; el riesgo residual se recalculó." : "Acción guardada.")
        return req.redirect(to: SiteURL.risk(.value(id), .value(numero)).path)
    }

    static func deleteItem(req: Request, kind: RiskItemKind) async throws -> Response {
        let ctx = try req.useCase()
        try RiskMapService.requireFormulation(ctx.user)
        let id = try req.uuidParameter("map"), numero = try req.intParameter("numero"), position = try req.intParameter("posicion")
        let seen = try req.content.decode(RevisionForm.self).revision
        try await RiskMapService.deleteItem(kind, map: id, risk: numero, position: position, seen: seen, ctx: ctx)
        req.flash("Se eliminó \(kind.named(position)) del riesgo \(numero).")
        return req.redirect(to: SiteURL.risk(.value(id), .value(numero)).path)
    }
}

extension RiskMapService {
    /// Adds a risk (`numero` nil) or saves one, from the form or the API: the risk as stored.
    static func saveRisk(_ input: RiskInput, numero: Int?, map id: UUID, seen: Int?, ctx: UseCaseContext) async throws -> Risk {
        try requireFormulation(ctx.user)
        return try await change(id, seen: seen, ctx: ctx, summary: numero.map { "Editó el riesgo \($0)" } ?? "Agregó un riesgo") { map throws(RiskMapEditError) in
            let n = try map.saveRisk(input, numero: numero)
            guard let risk = map.riesgos.first(where: { $0.numero == n }) else { throw RiskMapEditError(field: "riesgo", "El riesgo no quedó en el mapa.") }
            return risk
        }
    }

    /// Removes a risk with no seguimiento and no monitoreo.
    static func deleteRisk(_ id: UUID, numero: Int, seen: Int?, ctx: UseCaseContext) async throws {
        try requireFormulation(ctx.user)
        try await change(id, seen: seen, ctx: ctx, summary: "Eliminó el riesgo \(numero)",
                         precheck: { db in try await refuseIfMonitored(id, numero: numero, position: nil, ctx: ctx.on(db)) }) { map throws(RiskMapEditError) in
            try map.deleteRisk(numero)
        }
    }

    /// Removes a control, or an action with no seguimiento and no monitoreo (actions are known by their position).
    static func deleteItem(_ kind: RiskItemKind, map id: UUID, risk numero: Int, position: Int, seen: Int?, ctx: UseCaseContext) async throws {
        try requireFormulation(ctx.user)
        try await change(id, seen: seen, ctx: ctx, summary: "Eliminó \(kind.named(position)) del riesgo \(numero)", precheck: { db in
            if kind == .action { try await refuseIfMonitored(id, numero: numero, position: position, ctx: ctx.on(db)) }
        }) { map throws(RiskMapEditError) in
            switch kind {
            case .control: try map.deleteControl(risk: numero, position: position)
            case .action: try map.deleteAction(risk: numero, position: position)
            }
        }
    }

    /// The activities (and sub-activities) of component 1 of the entity's program of `vigencia`, as a form offers them.
    static func componentOneActivities(entityID: UUID, vigencia: Int, on db: Database) async throws -> [(id: UUID, text: String)] {
        guard let program = try await AnticorruptionProgram.query(on: db).filter(\.$entity.$id == entityID).filter(\.$vigencia == vigencia).first(),
              let component = try await ProgramComponent.query(on: db).filter(\.$program.$id == program.requireID()).filter(\.$numero == 1).first() else { return [] }
        let activities = try await ProgramActivity.query(on: db).filter(\.$component.$id == component.requireID()).sort(\.$position).all()
        var out: [(id: UUID, text: String)] = []
        for a in activities {
            guard let id = a.id else { continue }
            let text: String = a.subcomponente.isEmpty ? a.actividad : a.subcomponente + " · " + a.actividad
            out.append((id, String(text.prefix(140))))
        }
        return out
    }

    static func refuseIfMonitored(_ id: UUID, numero: Int, position: Int?, ctx: UseCaseContext) async throws {
        var reports = ProgressReport.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).filter(\.$kind == .riskMonitoring)
            .filter(\.$riskMapID == id).filter(\.$riskNumero == numero)
        // Removing an action moves those after it: none of them may have a monitoreo either.
        if let position { reports = reports.filter(\.$riskAccion >= position) }
        if let first = try await reports.sort(\.$riskAccion).first() {
            let what = position.map { p in first.riskAccion == p ? "La acción \(p) del riesgo \(numero) ya tiene"
                : "La acción \(first.riskAccion ?? p) del riesgo \(numero), que va después, ya tiene" } ?? "El riesgo \(numero) ya tiene"
            throw InvalidInput(field: position == nil ? "riesgo" : "accion", "\(what) monitoreo de los responsables: no se puede eliminar.")
        }
    }

    /// Saves a control or an action from its form (web) or JSON (API): one rule for both.
    static func saveItem(_ kind: RiskItemKind, form: RiskItemForm, map id: UUID, risk numero: Int, position: Int?, ctx: UseCaseContext) async throws {
        let verb = position == nil ? "Agregó" : "Editó"
        let what = position.map { kind.named($0) } ?? (kind == .control ? "un control" : "una acción")
        switch kind {
        case .control:
            try await change(id, seen: form.revision, ctx: ctx, summary: "\(verb) \(what) del riesgo \(numero)") { map throws(RiskMapEditError) in
                try map.saveControl(form.control, risk: numero, position: position)
            }
        case .action:
            let (plan, readProblems) = form.action()
            var dateProblems = readProblems
            // Only the entity's active dependencias report monitoreos.
            var known = Set(try await Dependency.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).filter(\.$active == true).all().compactMap(\.id))
            // …and those the action already had (a dependencia deactivated since stays until someone removes it).
            let (current, _) = try await read(id, entityID: ctx.entityID, on: ctx.db)
            if let position, let actions = current.riesgos.first(where: { $0.numero == numero })?.acciones, actions.hasPosition(position) {
                known.formUnion(actions[position - 1].plan.dependencias ?? [])
            }
            if let chosen = plan.dependencias, !chosen.allSatisfy(known.contains) {
                dateProblems["dependencias"] = "Dependencias: elija de la lista."
            }
            if let activity = plan.actividadPrograma {
                let (map, _) = try await read(id, entityID: ctx.entityID, on: ctx.db)
                if try await !componentOneActivities(entityID: ctx.entityID, vigencia: map.vigencia, on: ctx.db).contains(where: { $0.id == activity }) {
                    dateProblems["actividadPrograma"] = "Actividad del programa: elija una del componente 1 del programa \(map.vigencia)."
                }
            }
            let checked = dateProblems
            try await change(id, seen: form.revision, ctx: ctx, summary: "\(verb) \(what) del riesgo \(numero)") { map throws(RiskMapEditError) in
                var problems = checked
                do throws(RiskMapEditError) { try map.saveAction(plan, risk: numero, position: position) } catch {
                    problems = error.problems.merging(checked) { _, date in date }
                }
                if !problems.isEmpty { throw RiskMapEditError(problems) }
            }
        }
    }
}
