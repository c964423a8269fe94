import Vapor

/// The home page: deadlines, publications and the plans at a glance.
enum DashboardController {
    @Sendable static func home(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let model = try await HomePage.Model.query(on: req.db, user: user, today: req.today)
        let ctx = PageContext(req, title: HomePage.View.title, entityName: model.entityName)
        return Layout.render(ctx) { HomePage.View.content(model) }
    }
}
