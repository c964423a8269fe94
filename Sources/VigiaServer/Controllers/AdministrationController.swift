import Vapor

/// The administrador's index page.
enum AdministrationController {
    @Sendable static func home(req: Request) async throws -> Response {
        try Access.requireAdministrador(try req.requireUser(), "Solo el administrador de la entidad entra a Administración.")
        let ctx = PageContext(req, title: AdministrationView.title)
        return Layout.render(ctx) { AdministrationView.content() }
    }
}
