import Plot
import Vapor

/// The sign-in form; `error` is the one answer every refused login gets.
enum LoginView {
    static let title = "Ingresar"

    static func render(_ ctx: PageContext, email: String, next: String?, status: HTTPStatus = .ok, notice: String? = nil,
                       error: String?) -> Response {
        Layout.render(ctx, status: status) { content(email: email, next: next, notice: notice, error: error, csrf: ctx.csrf) }
    }

    static func content(email: String, next: String?, notice: String? = nil, error: String?, csrf: String) -> Node<HTML.BodyContext> {
        .div(.class("login"),
            .h1("Ingresar a Vigía"),
            .unwrap(notice) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
            .unwrap(error) { .p(.class("errors"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(SiteURL.login.path),
                .csrf(csrf),
                .unwrap(SafeRedirect.path(next)) { .input(.type(.hidden), .name("siguiente"), .value($0)) },
                .field("Correo electrónico", name: "email", value: email, type: .email, required: true,
                       extra: [.attribute(named: "autocomplete", value: "username")]),
                .field("Contraseña", name: "password", value: nil, type: .password, required: true,
                       extra: [.attribute(named: "autocomplete", value: "current-password")]),
                .button(.type(.submit), .text("Ingresar"))
            ),
            .p(.a(.href(SiteURL.forgotPassword.path), .text("¿Olvidó su contraseña?")))
        )
    }
}
