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
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        let form = try req.content.decode(PlanForm.self)
        let errors = form.validate()
        let deps = try await dependencies(req)
        guard errors.isEmpty else {
            return PlanFormView.render(req, plan: nil, form: form, errors: errors, dependencies: deps, status: .unprocessableEntity)
        }
        let entity = try await Entity.find(user.entityID, on: req.db)
        let dep = deps.first { $0.id?.uuidString == form.dependencia }
        let plan = ImprovementPlan(
            entityID: user.entityID, dependencyID: dep?.id,
            unidadAuditable: form.unidadAuditable.trimmed.isEmpty ? (dep?.name ?? "") : form.unidadAuditable.trimmed,
            numeroAuditoria: form.numeroAuditoria.trimmed, periodoAuditoria: form.periodoAuditoria.trimmed,
            fechaSuscripcion: LocalDate(dayFirst: form.fechaSuscripcion), origen: PlanOrigin(rawValue: form.origen)!,
            estado: PlanStatus(rawValue: form.estado)!, metodo: AggregationMethod(rawValue: form.metodo)!,
            formatCodigo: entity?.formatCodigo ?? "", formatVersion: entity?.formatVersion ?? "",
            formatFecha: entity?.formatFecha ?? "")
        try await req.db.transaction { db in
            try await plan.create(on: db)
            try await AuditLog.record("Creó el plan de mejoramiento", by: Actor(user), entityID: user.entityID,
                                      objectType: "plan", objectID: plan.id, planID: plan.id,
                                      changes: [FieldChange(field: "unidad auditable", old: nil, new: plan.unidadAuditable)], on: db)
        }
        req.flash("Plan creado. Agregue ahora sus hallazgos.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        return PlanFormView.render(req, plan: plan, form: PlanForm(plan), errors: [:], dependencies: try await dependencies(req))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await Access.plan(try req.uuidParameter("plan"), for: user, .formulate, on: req.db)
        let form = try req.content.decode(PlanForm.self)
        var errors = form.validate()
        if user.role == .responsable && form.estado != plan.estado.rawValue {
            errors["estado"] = "El estado del plan lo cambia la Oficina de Control Interno."
        }
        let deps = try await dependencies(req)
        guard errors.isEmpty else {
            return PlanFormView.render(req, plan: plan, form: form, errors: errors, dependencies: deps, status: .unprocessableEntity)
        }
        let dep = deps.first { $0.id?.uuidString == form.dependencia }
        if user.role == .responsable && dep?.id != user.dependencyID {
            throw Abort(.forbidden, reason: "Un responsable no puede asignar el plan a otra dependencia.")
        }
        let changes = try await PlanEditing.update(plan, with: form, dependency: dep, by: user,
                                                   summary: "Modificó los datos del plan", on: req.db)
        req.flash(changes.isEmpty ? "No había cambios que guardar." : "Datos del plan guardados.")
        return req.redirect(to: SiteURL.plan(.value(try plan.requireID())).path)
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

    static func entityName(_ req: Request) async throws -> String? {
        guard let user = req.currentUser else { return nil }
        return try await Entity.find(user.entityID, on: req.db)?.name
    }
}
