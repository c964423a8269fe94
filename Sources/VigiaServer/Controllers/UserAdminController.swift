import Fluent
import Vapor
import VigiaCore

/// The administrador's pages for the entity's accounts (`UserAdminService` does the work).
enum UserAdminController {
    struct UserForm: Content {
        var nombre: String?
        var email: String?
        var cargo: String?
        var rol: String?
        var dependencia: String?

        var input: UserInput {
            UserInput(name: nombre ?? "", email: email ?? "", cargo: cargo ?? "", role: rol.flatMap(Role.init(rawValue:)),
                      dependencyID: dependencia.flatMap(UUID.init(uuidString:)))
        }
        var form: UserFormView.Form {
            .init(nombre: nombre ?? "", email: email ?? "", cargo: cargo ?? "", rol: rol ?? "", dependencia: dependencia ?? "")
        }
    }

    static func status(_ u: User) -> String {
        if !u.active { return "Desactivado" + (u.deactivatedAt.map { " el " + ApiTokensView.format($0) } ?? "") }
        return u.lastLoginAt == nil ? "Invitado (aún no ha ingresado)" : "Activo"
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try UserAdminService.requireAdmin(ctx)
        let users = try await User.query(on: req.db).filter(\.$entity.$id == ctx.entityID).filter(\.$role != .superadmin).with(\.$dependency).sort(\.$name).all()
        let rows = try users.map { u in
            UsersPage.Row(id: try u.requireID(), name: u.name, email: u.email, cargo: u.cargo, role: u.role, dependency: u.dependency?.name,
                          status: status(u), lastLogin: u.lastLoginAt)
        }
        if let format = try ListDownload.format(req) {
            let entity = try await PlanListPage.entityName(ctx.user, on: req.db) ?? ""
            return try ListDownload.response(ListTables.users(rows, entity: entity, today: req.today), format, today: req.today)
        }
        let page = PageContext(req, title: UsersPage.title)
        return Layout.render(page) { UsersPage.content(rows) }
    }

    static func page(_ req: Request, _ model: UserFormView.Model, status: HTTPStatus = .ok) async throws -> Response {
        var model = model
        let entityID = try req.requireUser().entityID
        model.dependencies = try await Dependency.query(on: req.db).filter(\.$entity.$id == entityID).filter(\.$active == true)
            .sort(\.$name).all().map { (try $0.requireID(), $0.name) }
        let ctx = PageContext(req, title: UserFormView.title(model))
        return Layout.render(ctx, status: status) { UserFormView.content(model, csrf: ctx.csrf) }
    }

    @Sendable static func new(req: Request) async throws -> Response {
        try UserAdminService.requireAdmin(try req.useCase())
        return try await page(req, .init(form: .init(), dependencies: []))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try UserAdminService.requireAdmin(ctx)
        let form = try req.content.decode(UserForm.self)
        do {
            let (user, link, mailed) = try await UserAdminService.create(form.input, app: req.application, in: ctx)
            if mailed {
                req.flash("Usuario creado. Se envió la invitación a \(user.email).")
                return req.redirect(to: SiteURL.users.path)
            }
            return try await page(req, model(user, link: link))
        } catch let invalid as InvalidInput {
            return try await page(req, .init(form: form.form, dependencies: [], errors: invalid.problems), status: .unprocessableEntity)
        }
    }

    static func model(_ u: User, link: String? = nil) throws -> UserFormView.Model {
        UserFormView.Model(userID: try u.requireID(), form: .init(nombre: u.name, email: u.email, cargo: u.cargo, rol: u.role.rawValue,
                                                                  dependencia: u.$dependency.id?.uuidString ?? ""),
                           dependencies: [], active: u.active, status: status(u), link: link)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try UserAdminService.requireAdmin(ctx)
        return try await page(req, model(try await UserAdminService.user(try req.uuidParameter("user"), in: ctx)))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try UserAdminService.requireAdmin(ctx)
        let user = try await UserAdminService.user(try req.uuidParameter("user"), in: ctx)
        let form = try req.content.decode(UserForm.self)
        do {
            try await UserAdminService.update(user, form.input, in: ctx)
        } catch let invalid as InvalidInput {
            var m = try model(user)
            m.form = form.form
            m.form.email = user.email
            m.errors = invalid.problems
            return try await page(req, m, status: .unprocessableEntity)
        }
        req.flash("Cambios de \(user.name) guardados.")
        return req.redirect(to: SiteURL.users.path)
    }

    /// Asks before deactivating: what will happen, and one button that does it.
    @Sendable static func confirmDeactivation(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try UserAdminService.requireAdmin(ctx)
        let user = try await UserAdminService.user(try req.uuidParameter("user"), in: ctx)
        let id = try user.requireID()
        let page = PageContext(req, title: "Desactivar a \(user.name)")
        return Layout.render(page) { UserFormView.confirmDeactivation(id: id, name: user.name, email: user.email, csrf: page.csrf) }
    }

    @Sendable static func deactivate(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let user = try await UserAdminService.user(try req.uuidParameter("user"), in: ctx)
        try await UserAdminService.deactivate(user, in: ctx)
        req.flash("\(user.name) quedó desactivado: sus sesiones se cerraron y sus tokens se revocaron.")
        return req.redirect(to: SiteURL.users.path)
    }

    @Sendable static func reactivate(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let user = try await UserAdminService.user(try req.uuidParameter("user"), in: ctx)
        let (link, mailed) = try await UserAdminService.reactivate(user, app: req.application, in: ctx)
        if mailed {
            req.flash("Se envió a \(user.email) un enlace para crear su contraseña.")
            return req.redirect(to: SiteURL.user(.value(try user.requireID())).path)
        }
        return try await page(req, model(user, link: link))
    }
}
