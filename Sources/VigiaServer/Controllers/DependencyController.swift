import Fluent
import Vapor
import VigiaCore

/// The administrador's pages for dependencias (`DependencyService` does the work).
enum DependencyController {
    struct Form: Content {
        var accion: String?
        var nombre: String?
        var destino: String?
    }

    static func rows(in ctx: UseCaseContext) async throws -> [DependenciesPage.Row] {
        let deps = try await Dependency.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).sort(\.$name).all()
        let plans = try await ImprovementPlan.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).field(\.$dependency.$id).all()
        let users = try await User.query(on: ctx.db).filter(\.$entity.$id == ctx.entityID).filter(\.$active == true).field(\.$dependency.$id).all()
        return try deps.map { d in
            let id = try d.requireID()
            return .init(id: id, name: d.name, active: d.active, plans: plans.filter { $0.$dependency.id == id }.count,
                         users: users.filter { $0.$dependency.id == id }.count)
        }
    }

    static func listPage(_ req: Request, _ ctx: UseCaseContext, newName: String = "", error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let rows = try await rows(in: ctx)
        let page = PageContext(req, title: DependenciesPage.title)
        return Layout.render(page, status: status) { DependenciesPage.list(rows, newName: newName, error: error, csrf: page.csrf) }
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try DependencyService.requireAdmin(ctx)
        return try await listPage(req, ctx)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try DependencyService.requireAdmin(ctx)
        let form = try req.content.decode(Form.self)
        do {
            let d = try await DependencyService.create(name: form.nombre ?? "", in: ctx)
            req.flash("Dependencia «\(d.name)» creada.")
            return req.redirect(to: SiteURL.dependencies.path)
        } catch let invalid as InvalidInput {
            return try await listPage(req, ctx, newName: form.nombre ?? "", error: invalid.problems["nombre"], status: .unprocessableEntity)
        }
    }

    static func detailPage(_ req: Request, _ ctx: UseCaseContext, _ d: Dependency, name: String? = nil, errors: [String: String] = [:],
                           status: HTTPStatus = .ok) async throws -> Response {
        let all = try await rows(in: ctx)
        guard let row = all.first(where: { $0.id == d.id }) else { throw Abort(.notFound) }
        let detail = DependenciesPage.Detail(row: row, others: all.filter { $0.id != d.id && $0.active }.map { ($0.id, $0.name) },
                                             name: name ?? d.name, errors: errors)
        let page = PageContext(req, title: d.name)
        return Layout.render(page, status: status) { DependenciesPage.detail(detail, csrf: page.csrf) }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try DependencyService.requireAdmin(ctx)
        return try await detailPage(req, ctx, try await DependencyService.dependency(try req.uuidParameter("dependency"), in: ctx))
    }

    @Sendable static func change(req: Request) async throws -> Response {
        let ctx = try req.useCase()
        try DependencyService.requireAdmin(ctx)
        let d = try await DependencyService.dependency(try req.uuidParameter("dependency"), in: ctx)
        let form = try req.content.decode(Form.self)
        do {
            switch form.accion {
            case "renombrar":
                try await DependencyService.rename(d, to: form.nombre ?? "", in: ctx)
                req.flash("Dependencia renombrada.")
            case "desactivar", "reactivar":
                try await DependencyService.setActive(d, form.accion == "reactivar", in: ctx)
                req.flash(form.accion == "reactivar" ? "Dependencia reactivada." : "Dependencia desactivada.")
            case "fusionar":
                guard let id = form.destino.flatMap(UUID.init(uuidString:)) else {
                    throw InvalidInput(field: "destino", "Fusionar en: elija la dependencia que queda.")
                }
                let target = try await DependencyService.dependency(id, in: ctx)
                let moved = try await DependencyService.merge(d, into: target, in: ctx)
                req.flash("«\(d.name)» se fusionó en «\(target.name)» (\(moved) planes trasladados).")
                return req.redirect(to: SiteURL.dependencies.path)
            default:
                throw Abort(.badRequest, reason: "Acción no reconocida.")
            }
        } catch let invalid as InvalidInput {
            return try await detailPage(req, ctx, d, name: form.nombre, errors: invalid.problems, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.dependency(.value(try d.requireID())).path)
    }
}
