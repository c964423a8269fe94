import Fluent
import Vapor
import VigiaCore

/// Templates (administrador), new programs from a template and their activities (OCI).
enum ProgramFormulationController {
    static func requireAdmin(_ user: CurrentUser) throws {
        try Access.requireAdministrador(user, "Solo el administrador edita las plantillas de los programas.")
    }


    @Sendable static func templates(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try requireAdmin(user)
        let templates = try await TemplateStore.latest(entityID: user.entityID, on: req.db).compactMap(TemplateViews.Template.init)
        let ctx = PageContext(req, title: TemplateViews.listTitle)
        return Layout.render(ctx) { TemplateViews.listContent(templates) }
    }

    @Sendable static func editTemplate(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try requireAdmin(user)
        let record = try await TemplateStore.find(try req.uuidParameter("template"), entityID: user.entityID, on: req.db)
        guard let template = record.template else { throw Abort(.notFound, reason: "La plantilla no existe.") }
        return try editPage(req, record, titulo: template.titulo, periodicidad: template.periodicidad, outline: template.outline)
    }

    struct TemplateForm: Content {
        var titulo: String
        var periodicidad: String
        var estructura: String
    }

    static func editPage(_ req: Request, _ record: ProgramTemplateRecord, titulo: String, periodicidad: String, outline: String,
                         error: String? = nil, status: HTTPStatus = .ok) throws -> Response {
        guard let template = TemplateViews.Template(record) else { throw Abort(.notFound, reason: "La plantilla no existe.") }
        let model = TemplateViews.EditModel(template: template, titulo: titulo, periodicidad: periodicidad, outline: outline, error: error)
        let ctx = PageContext(req, title: TemplateViews.editTitle)
        return Layout.render(ctx, status: status) { TemplateViews.editContent(model, csrf: ctx.csrf) }
    }

    /// Saving never changes a version in use: it adds the next one.
    @Sendable static func saveTemplate(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try requireAdmin(user)
        let record = try await TemplateStore.find(try req.uuidParameter("template"), entityID: user.entityID, on: req.db)
        let form = try req.content.decode(TemplateForm.self)
        let components: [ProgramTemplate.Component]
        do {
            components = try ProgramTemplate.components(fromOutline: form.estructura)
        } catch let error as TemplateOutlineError {
            return try editPage(req, record, titulo: form.titulo, periodicidad: form.periodicidad, outline: form.estructura,
                                error: "Estructura, \(error.description)", status: .unprocessableEntity)
        }
        let latest = try await ProgramTemplateRecord.query(on: req.db).filter(\.$entity.$id == user.entityID)
            .filter(\.$name == record.name).max(\.$version) ?? record.version
        let next = try ProgramTemplateRecord(entityID: user.entityID, name: record.name, version: latest + 1, template: ProgramTemplate(
            name: record.name, titulo: form.titulo.trimmed, componentes: components,
            periodicidad: form.periodicidad == "semestral" ? "semestral" : "cuatrimestral"))
        try await req.db.transaction { db in
            try await next.create(on: db)
            try await AuditLog.record("Guardó la versión \(latest + 1) de la plantilla «\(record.name)»", by: Actor(user),
                                      entityID: user.entityID, objectType: "plantilla", objectID: next.id, planID: nil,
                                      changes: [FieldChange(field: "estructura", old: record.template?.outline, new: form.estructura.trimmed)], on: db)
        }
        req.flash("Plantilla «\(record.name)» guardada como versión \(latest + 1). Los programas existentes conservan la versión con que se crearon.")
        return req.redirect(to: SiteURL.templates.path)
    }

    // MARK: - A new program from a template

    @Sendable static func newProgram(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        let periodicity = try await Entity.find(user.entityID, on: req.db)?.periodicity ?? "cuatrimestral"
        return newProgramPage(req, try await TemplateStore.latest(entityID: user.entityID, on: req.db), vigencia: "\(req.today.year + 1)",
                              periodicidad: periodicity, error: nil)
    }

    static func newProgramPage(_ req: Request, _ records: [ProgramTemplateRecord], vigencia: String, periodicidad: String = "cuatrimestral",
                               error: String?, status: HTTPStatus = .ok) -> Response {
        let templates = records.compactMap(TemplateViews.Template.init)
        let ctx = PageContext(req, title: TemplateViews.newProgramTitle)
        return Layout.render(ctx, status: status) { TemplateViews.newProgramContent(templates: templates, vigencia: vigencia, periodicidad: periodicidad, error: error, csrf: ctx.csrf) }
    }

    struct NewProgramForm: Content {
        var vigencia: String
        var plantilla: UUID
        var periodicidad: String
    }

    @Sendable static func createProgram(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireCreatePlan(user)
        let form = try req.content.decode(NewProgramForm.self)
        let templates = try await TemplateStore.latest(entityID: user.entityID, on: req.db)
        guard let year = Int(form.vigencia.trimmed), (2000...2100).contains(year) else {
            return newProgramPage(req, templates, vigencia: form.vigencia, periodicidad: form.periodicidad,
                                  error: "Vigencia: «\(form.vigencia)» no es un año.", status: .unprocessableEntity)
        }
        guard let record = try? await TemplateStore.find(form.plantilla, entityID: user.entityID, on: req.db), let template = record.template else {
            throw Abort(.unprocessableEntity, reason: "Plantilla: elija una de la lista.")
        }
        if try await AnticorruptionProgram.query(on: req.db).filter(\.$entity.$id == user.entityID).filter(\.$vigencia == year).first() != nil {
            return newProgramPage(req, templates, vigencia: form.vigencia, periodicidad: form.periodicidad,
                                  error: "Vigencia: ya existe el programa \(year).", status: .unprocessableEntity)
        }
        let snapshot = ProgramSnapshot(
            vigencia: year, plantilla: "\(record.name) · versión \(record.version)", titulo: template.titulo,
            componentes: template.componentes.map { ComponentSnapshot(numero: $0.numero, nombre: $0.nombre) },
            periodos: form.periodicidad == "semestral" ? PeriodSnapshot.semestres(year) : PeriodSnapshot.cuatrimestres(year))
        let program = try await req.db.transaction { db in
            let p = try await ProgramStore.create(snapshot, entityID: user.entityID, by: Actor(user),
                                                  summary: "Creó el programa \(year) con la plantilla \(snapshot.plantilla)", on: db)
            p.estado = .formulacion
            try await p.save(on: db)
            return p
        }
        req.flash("Programa \(year) creado. Agregue las actividades de cada componente.")
        return req.redirect(to: SiteURL.program(.value(try program.requireID())).path)
    }

    // MARK: - Activities

    struct ActivityForm: Content {
        var subcomponente: String = ""
        var actividad: String = ""
        var meta: String = ""
        var responsables: String = ""
        var dependencias: [String]? = nil
        var fechaProgramada: String = ""

        /// Missing fields take their defaults: a browser leaves out empty selects and checkboxes.
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            subcomponente = try c.decodeIfPresent(String.self, forKey: .subcomponente) ?? ""
            actividad = try c.decodeIfPresent(String.self, forKey: .actividad) ?? ""
            meta = try c.decodeIfPresent(String.self, forKey: .meta) ?? ""
            responsables = try c.decodeIfPresent(String.self, forKey: .responsables) ?? ""
            dependencias = try c.decodeIfPresent([String].self, forKey: .dependencias)
            fechaProgramada = try c.decodeIfPresent(String.self, forKey: .fechaProgramada) ?? ""
        }

        init() {}

        /// The form filled with a stored activity.
        init(_ a: ProgramActivity, dependencies: [String]) {
            subcomponente = a.subcomponente; actividad = a.actividad; meta = a.meta; responsables = a.responsables
            self.dependencias = dependencies; fechaProgramada = a.fechaProgramada?.description ?? ""
        }

        enum Keys: String, CodingKey {
            case subcomponente, actividad, meta, responsables, dependencias, fechaProgramada
        }

        func validate(vigencia: Int) -> [String: String] {
            var e: [String: String] = [:]
            if actividad.trimmed.isEmpty { e["actividad"] = "Actividad: describa la actividad." }
            if meta.trimmed.isEmpty { e["meta"] = "Meta o producto: escríbala." }
            if responsables.trimmed.isEmpty && (dependencias ?? []).isEmpty { e["responsables"] = "Responsables: indique al menos uno." }
            if ScheduledDate(text: fechaProgramada) == nil {
                e["fechaProgramada"] = "Fecha programada: «\(fechaProgramada)» no es una fecha dd/mm/aaaa ni «Permanente»."
            }
            return e
        }
    }

    static func componentOf(_ req: Request, _ user: CurrentUser) async throws -> (AnticorruptionProgram, ProgramComponent) {
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: user, on: req.db)
        guard let component = try await ProgramComponent.query(on: req.db).filter(\.$program.$id == program.requireID())
            .filter(\.$numero == req.intParameter("numero")).first() else {
            throw Abort(.notFound, reason: "El programa no tiene ese componente.")
        }
        return (program, component)
    }

    @Sendable static func newActivity(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, component) = try await componentOf(req, ctx.user)
        try ProgramActivityService.requireFormulation(program, in: ctx)
        return try await activityPage(req, .init(program: program, component: component), ActivityForm())
    }

    @Sendable static func createActivity(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, component) = try await componentOf(req, ctx.user)
        let form = try req.content.decode(ActivityForm.self)
        do {
            _ = try await ProgramActivityService.create(form, in: component, under: nil, program: program, ctx: ctx)
        } catch let invalid as InvalidInput {
            return try await activityPage(req, .init(program: program, component: component), form, errors: invalid.problems, status: .unprocessableEntity)
        }
        req.flash("Actividad agregada al componente \(component.numero).")
        return req.redirect(to: SiteURL.program(.value(try program.requireID())).path)
    }

    /// The program and the activity of the path (`:program`, `:activity`).
    static func activityOf(_ req: Request, _ ctx: UseCaseContext) async throws -> (AnticorruptionProgram, ProgramActivity, ProgramComponent) {
        let program = try await ProgramAccess.program(try req.uuidParameter("program"), for: ctx.user, on: req.db)
        let (activity, component) = try await ProgramActivityService.activity(try req.uuidParameter("activity"), of: program, on: req.db)
        return (program, activity, component)
    }

    @Sendable static func editActivity(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, activity, component) = try await activityOf(req, ctx)
        try ProgramActivityService.requireFormulation(program, in: ctx)
        let deps = try await activity.$dependencies.get(on: req.db).compactMap { $0.id?.uuidString }
        return try await activityPage(req, .init(program: program, component: component, editing: activity), ActivityForm(activity, dependencies: deps))
    }

    @Sendable static func updateActivity(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, activity, component) = try await activityOf(req, ctx)
        let form = try req.content.decode(ActivityForm.self)
        do {
            try await ProgramActivityService.update(activity, form, program: program, ctx: ctx)
        } catch let invalid as InvalidInput {
            return try await activityPage(req, .init(program: program, component: component, editing: activity), form, errors: invalid.problems,
                                          status: .unprocessableEntity)
        }
        req.flash("Actividad guardada.")
        return req.redirect(to: SiteURL.program(.value(try program.requireID())).path)
    }

    @Sendable static func newSubitem(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, parent, component) = try await activityOf(req, ctx)
        try ProgramActivityService.requireFormulation(program, in: ctx)
        return try await activityPage(req, .init(program: program, component: component, parent: parent), ActivityForm())
    }

    @Sendable static func createSubitem(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, parent, component) = try await activityOf(req, ctx)
        let form = try req.content.decode(ActivityForm.self)
        do {
            _ = try await ProgramActivityService.create(form, in: component, under: parent, program: program, ctx: ctx)
        } catch let invalid as InvalidInput {
            return try await activityPage(req, .init(program: program, component: component, parent: parent), form, errors: invalid.problems,
                                          status: .unprocessableEntity)
        }
        req.flash("Subactividad agregada.")
        return req.redirect(to: SiteURL.program(.value(try program.requireID())).path)
    }

    @Sendable static func removeActivity(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let (program, activity, _) = try await activityOf(req, ctx)
        try await ProgramActivityService.remove(activity, program: program, ctx: ctx)
        req.flash(activity.$parent.id == nil ? "Actividad eliminada." : "Subactividad eliminada.")
        return req.redirect(to: SiteURL.program(.value(try program.requireID())).path)
    }

    static func activityPage(_ req: Request, _ target: TemplateViews.ActivityTarget, _ form: ActivityForm,
                             errors: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let model = TemplateViews.ActivityModel(target: target, form: form, errors: errors, dependencies: try await PlanController.dependencyChoices(req))
        let ctx = PageContext(req, title: TemplateViews.activityTitle(target))
        return Layout.render(ctx, status: status) { TemplateViews.activityContent(model, csrf: ctx.csrf) }
    }
}

extension TemplateViews.ActivityTarget {
    init(program: AnticorruptionProgram, component: ProgramComponent, parent: ProgramActivity? = nil, editing: ProgramActivity? = nil) {
        self.init(programID: program.id ?? UUID(), componentNumero: component.numero, componentNombre: component.nombre,
                  parent: parent.flatMap { p in p.id.map { ($0, p.actividad) } },
                  editing: editing.flatMap { e in e.id.map { ($0, e.$parent.id != nil) } })
    }
}

extension TemplateViews.Template {
    /// Nil for a record without an id.
    init?(_ r: ProgramTemplateRecord) {
        guard let id = r.id else { return nil }
        self.init(id: id, name: r.name, version: r.version, componentCount: r.template?.componentes.count ?? 0,
                  periodicidad: r.template?.periodicidad ?? "")
    }
}
