import Fluent
import SQLKit
import Vapor
import VigiaCore

/// The superadministrador's pages (`InstallationService` does the work).
enum InstallationController {
    struct Form: Content {
        var entidad: String?
        var nit: String?
        var nombre: String?
        var email: String?
        var cargo: String?

        var admin: UserInput { UserInput(name: nombre ?? "", email: email ?? "", cargo: cargo ?? "", role: .administrador, dependencyID: nil) }
        var form: InstallationViews.NewEntityForm {
            .init(entidad: entidad ?? "", nit: nit ?? "", nombre: nombre ?? "", email: email ?? "", cargo: cargo ?? "")
        }
    }

    /// Rows per entity of `table`, counted by the database (`active` rows only when asked).
    static func counts(_ table: String, activeOnly: Bool = false, on db: Database) async throws -> [UUID: Int] {
        guard let sql = db as? SQLDatabase else { return [:] }
        struct Row: Decodable { var entity_id: UUID; var n: Int }
        var query = sql.select().column("entity_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if activeOnly { query = query.where("active", .equal, SQLLiteral.boolean(true)) }
        return Dictionary(uniqueKeysWithValues: try await query.groupBy("entity_id").all(decoding: Row.self).map { ($0.entity_id, $0.n) })
    }

    static func rows(on db: Database) async throws -> [InstallationViews.EntityRow] {
        let users = try await counts("users", activeOnly: true, on: db), plans = try await counts("improvement_plans", on: db)
        let programs = try await counts("anticorruption_programs", on: db)
        return try await Entity.query(on: db).filter(\.$install == false).sort(\.$name).all().map { e in
            let id = try e.requireID()
            return .init(id: id, name: e.name, nit: e.nit, created: e.createdAt, users: users[id] ?? 0, plans: plans[id] ?? 0, programs: programs[id] ?? 0)
        }
    }

    @Sendable static func list(req: Request) async throws -> Response {
        try InstallationService.requireSuperadmin(try req.useCase())
        let rows = try await rows(on: req.db)
        return Layout.render(PageContext(req, title: InstallationViews.title)) { InstallationViews.list(rows) }
    }

    @Sendable static func new(req: Request) async throws -> Response {
        try InstallationService.requireSuperadmin(try req.useCase())
        let page = PageContext(req, title: "Nueva entidad")
        return Layout.render(page) { InstallationViews.newEntity(.init(), errors: [:], csrf: page.csrf) }
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try InstallationService.requireSuperadmin(ctx)
        let form = try req.content.decode(Form.self)
        do {
            let (entity, user, link, mailed) = try await InstallationService.createEntity(
                NewEntityInput(name: form.entidad ?? "", nit: form.nit ?? "", admin: form.admin), app: req.application, in: ctx)
            return try await entityPage(req, entity, invitation: .init(email: user.email, link: mailed ? nil : link),
                                        flash: "Entidad «\(entity.name)» creada." + (mailed ? " Se envió la invitación a \(user.email)." : ""))
        } catch let invalid as InvalidInput {
            let page = PageContext(req, title: "Nueva entidad")
            return Layout.render(page, status: .unprocessableEntity) { InstallationViews.newEntity(form.form, errors: invalid.problems, csrf: page.csrf) }
        }
    }

    static func entityPage(_ req: Request, _ entity: Entity, form: InstallationViews.NewEntityForm = .init(), errors: [String: String] = [:],
                           invitation: InstallationViews.Invitation? = nil, flash: String? = nil,
                           status: HTTPStatus = .ok) async throws -> Response {
        let id = try entity.requireID()
        guard let row = try await rows(on: req.db).first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let admins = try await User.query(on: req.db).filter(\.$entity.$id == id).filter(\.$role == .administrador).sort(\.$name).all()
            .map { InstallationViews.AdminRow(name: $0.name, email: $0.email, status: UserAdminController.status($0)) }
        if let flash { req.flash(flash) }
        let page = PageContext(req, title: entity.name)
        return Layout.render(page, status: status) {
            InstallationViews.entity(row, admins: admins, form: form, errors: errors, invitation: invitation, csrf: page.csrf)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let entity = try await InstallationService.entity(try req.uuidParameter("entity"), in: try req.useCase())
        return try await entityPage(req, entity)
    }

    @Sendable static func addAdministrator(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        let entity = try await InstallationService.entity(try req.uuidParameter("entity"), in: ctx)
        let form = try req.content.decode(Form.self)
        do {
            let (user, link, mailed) = try await InstallationService.addAdministrator(form.admin, to: entity, app: req.application, in: ctx)
            return try await entityPage(req, entity, invitation: .init(email: user.email, link: mailed ? nil : link),
                                        flash: mailed ? "Se envió la invitación a \(user.email)." : "Administrador \(user.email) creado.")
        } catch let invalid as InvalidInput {
            return try await entityPage(req, entity, form: form.form, errors: invalid.problems, status: .unprocessableEntity)
        }
    }
}
