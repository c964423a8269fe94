import Vapor
import VigiaFormats

/// The home page: deadlines, publications and the plans at a glance.
enum DashboardController {
    @Sendable static func home(req: Request) async throws -> Response {
        let user = try req.requireUser()
        if let format = try ListDownload.format(req) {
            let model = try await HomePage.Model.query(on: req.db, user: user, today: req.today)
            return try ListDownload.response(try table(model, req), format, today: req.today)
        }
        return try await EntityPages.page(req, "inicio", user: user) { placeholder in
            let model = try await HomePage.Model.query(on: req.db, user: user, today: req.today)
            let ctx = PageContext(req, title: HomePage.View.title, entityName: model.entityName)
            return (Layout.html(ctx.withCSRF(placeholder)) { HomePage.View.content(model) }, .ok, ctx.flash != nil)
        }
    }

    /// One of the home page's tables (`?tabla=…`), as the page shows it to this user.
    static func table(_ model: HomePage.Model, _ req: Request) throws -> ListTable {
        let entity = model.entityName ?? "", today = model.today
        switch (model.section, req.query[String.self, at: "tabla"]) {
        case (.responsable(let pending), _): return ListTables.pending(pending, user: model.userName, today: today)
        case (.oci(let f), "estados"): return ListTables.states(f.states, entity: entity, today: today)
        case (.oci(let f), "dependencias"): return ListTables.dependencies(f.byDependency, entity: entity, today: today)
        case (.oci(let f), "autoreportes"): return ListTables.waiting(f.waiting, entity: entity, today: today)
        default: throw Abort(.badRequest, reason: "tabla: elija estados, dependencias o autoreportes.")
        }
    }
}
