import Vapor
import VigiaCore

/// The administrador's pages for the entity itself: the index, its settings, the mail server.
enum AdministrationController {
    @Sendable static func home(req: Request) async throws -> Response {
        try Access.requireAdministrador(try req.requireUser(), "Solo el administrador de la entidad entra a Administración.")
        let ctx = PageContext(req, title: AdministrationView.title)
        return Layout.render(ctx) { AdministrationView.content() }
    }
}

extension AdministrationController {
    struct EntityForm: Content {
        var nombre: String?, nit: String?, proceso: String?, nombreFormato: String?, codigo: String?, version: String?
        var fecha: String?, consecutivo: String?, plazoMaximo: String?, recordatorios: String?
        var zonaBaja: String?, zonaAlta: String?, periodicidad: String?, aprobador: String?

        var input: EntitySettingsInput {
            var i = EntitySettingsInput()
            i.name = nombre ?? ""; i.nit = nit ?? ""; i.proceso = proceso ?? ""; i.nombreFormato = nombreFormato ?? ""
            i.codigo = codigo ?? ""; i.version = version ?? ""; i.fecha = fecha ?? ""; i.consecutivo = consecutivo ?? ""
            i.maxPlanMonths = plazoMaximo ?? ""; i.reminderDays = recordatorios ?? ""
            i.zoneLowBelow = zonaBaja; i.zoneHighFrom = zonaAlta; i.periodicity = periodicidad
            i.approver = aprobador
            return i
        }
    }

    static func form(_ i: EntitySettingsInput) -> EntitySettingsView.Form {
        .init(nombre: i.name, nit: i.nit, proceso: i.proceso, nombreFormato: i.nombreFormato, codigo: i.codigo, version: i.version,
              fecha: i.fecha, consecutivo: i.consecutivo, plazoMaximo: i.maxPlanMonths, recordatorios: i.reminderDays,
              zonaBaja: i.zoneLowBelow ?? "60", zonaAlta: i.zoneHighFrom ?? "80", periodicidad: i.periodicity ?? "cuatrimestral",
              aprobador: i.approver ?? ReformulationApprover.oci.rawValue)
    }

    static func entityPage(_ req: Request, _ input: EntitySettingsInput, errors: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let entityID = try req.requireUser().entityID
        let logo = try await LogoController.hasLogo(entityID, on: req.db) ? SiteURL.entityLogo(.value(entityID)).path : nil
        let ctx = PageContext(req, title: EntitySettingsView.title)
        return Layout.render(ctx, status: status) { EntitySettingsView.content(form(input), logo: logo, errors: errors, csrf: ctx.csrf) }
    }

    @Sendable static func entityForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireAdministrador(user, "Solo el administrador cambia los datos de la entidad.")
        guard let entity = try await Entity.find(user.entityID, on: req.db) else { throw Abort(.notFound) }
        return try await entityPage(req, EntitySettingsInput(entity))
    }

    @Sendable static func saveEntity(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try Access.requireAdministrador(ctx.user, "Solo el administrador cambia los datos de la entidad.")
        let form = try req.content.decode(EntityForm.self)
        do {
            try await EntitySettingsService.update(form.input, in: ctx)
        } catch let invalid as InvalidInput {
            return try await entityPage(req, form.input, errors: invalid.problems, status: .unprocessableEntity)
        }
        req.flash("Datos de la entidad guardados.")
        return req.redirect(to: SiteURL.administration.path)
    }
}

extension AdministrationController {
    static func mailModel(_ req: Request, to: String) -> MailSettingsView.Model {
        let s = req.application.smtpSettings
        // The URL without any credentials written into it.
        let url = s.map { text -> String in
            guard var c = URLComponents(string: text.url) else { return "(dirección no válida)" }
            c.user = nil; c.password = nil
            return c.string ?? ""
        }
        return .init(url: url, from: s?.from, username: s?.username, hasPassword: s?.password?.isEmpty == false,
                     transport: s?.transportLabel, testTo: to)
    }

    @Sendable static func mail(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireAdministrador(user, "Solo el administrador consulta el servidor de correo.")
        let ctx = PageContext(req, title: MailSettingsView.title)
        return Layout.render(ctx) { MailSettingsView.content(mailModel(req, to: user.email), csrf: ctx.csrf) }
    }

    struct TestMailForm: Content { var para: String? }

    /// Sends one message now and shows what the mail server answered.
    @Sendable static func testMail(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try Access.requireAdministrador(user, "Solo el administrador consulta el servidor de correo.")
        let to = (try req.content.decode(TestMailForm.self).para ?? "").trimmed.lowercased()
        var model = mailModel(req, to: to)
        if !UserRules.isEmail(to) {
            model.result = (false, "Correo: «\(to)» no es una dirección de correo.")
        } else if let smtp = req.application.smtpSettings {
            let message = MailMessage(to: to, toName: to, subject: "Vigía: correo de prueba",
                                      body: "Este es un correo de prueba enviado por \(user.name) desde Administración → Servidor de correo. Si le llegó, los recordatorios y las invitaciones también llegarán.")
            let date = req.now
            let failure: String? = await Task.detached {
                do { try SMTPClient.send(message, settings: smtp, date: date, timeoutSeconds: 20); return nil } catch { return "\(error)" }
            }.value
            model.result = failure.map { (false, "No se pudo enviar: \($0)") } ?? (true, "El servidor de correo aceptó el mensaje para \(to). Revise esa bandeja (y la de correo no deseado).")
            try await AuditLog.record("Envió un correo de prueba a \(to)", by: Actor(user), entityID: user.entityID, objectType: "correo",
                                      objectID: nil, planID: nil,
                                      changes: [FieldChange(field: "resultado", old: nil, new: failure ?? "aceptado")], on: req.db)
        }
        let ctx = PageContext(req, title: MailSettingsView.title)
        return Layout.render(ctx, status: model.result?.ok == false ? .badGateway : .ok) { MailSettingsView.content(model, csrf: ctx.csrf) }
    }
}
