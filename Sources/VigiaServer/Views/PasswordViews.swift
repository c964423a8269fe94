import Plot

/// What every password form says about the rule (kept with `PasswordPolicy`).
enum PasswordHint {
    static let text = "Al menos 12 caracteres; no una de las contraseñas más usadas ni su correo. Una frase de varias palabras es fácil de recordar y difícil de adivinar."
    static var autocomplete: [Attribute<HTML.InputContext>] { [.attribute(named: "autocomplete", value: "new-password")] }
}

/// A signed-in user changes their own password.
enum ChangePasswordView {
    static let title = "Cambiar la contraseña"

    static func content(errors: [String: String], csrf: String) -> [Node<HTML.BodyContext>] {
        [.h1(.text(title)),
         FormErrors.summary(errors),
         .form(.method(.post), .action(SiteURL.changePassword.path),
            .csrf(csrf),
            .field("Contraseña actual", name: "actual", value: nil, type: .password, required: true, error: errors["actual"],
                   extra: [.attribute(named: "autocomplete", value: "current-password")]),
            .field("Nueva contraseña", name: "nueva", value: nil, type: .password, required: true, hint: PasswordHint.text,
                   error: errors["nueva"], extra: PasswordHint.autocomplete),
            .field("Repita la nueva contraseña", name: "confirmacion", value: nil, type: .password, required: true,
                   error: errors["confirmacion"], extra: PasswordHint.autocomplete),
            .p(.class("small"), .text("Al cambiarla se cierran sus sesiones abiertas en otros equipos; esta sigue abierta.")),
            .div(.class("actions-bar"), .button(.type(.submit), .text("Cambiar la contraseña")),
                 .a(.href(SiteURL.home.path), .text("Cancelar"))))]
    }
}

/// "¿Olvidó su contraseña?": the address to send the link to, and the one answer.
enum ForgotPasswordView {
    static let title = "Restablecer la contraseña"
    /// The same whether or not the address has an account.
    static let answer = "Si ese correo corresponde a una cuenta activa de Vigía, en unos minutos le llegará un enlace para elegir una nueva contraseña (sirve una vez, durante una hora). Revise también la carpeta de correo no deseado."

    static func content(sent: Bool, csrf: String) -> [Node<HTML.BodyContext>] {
        [.div(.class("login"),
            .h1(.text(title)),
            sent ? .p(.class("flash"), .attribute(named: "role", value: "status"), .text(answer))
                 : .p(.text("Escriba el correo con el que ingresa a Vigía y le enviaremos un enlace para elegir una nueva contraseña.")),
            .if(!sent, .form(.method(.post), .action(SiteURL.forgotPassword.path),
                .csrf(csrf),
                .field("Correo electrónico", name: "email", value: nil, type: .email, required: true,
                       extra: [.attribute(named: "autocomplete", value: "username")]),
                .button(.type(.submit), .text("Enviar el enlace")))),
            .p(.a(.href(SiteURL.login.path), .text("Volver a ingresar"))))]
    }
}

/// The page a one-time link opens: choose the password (a new user's first, or a reset).
enum SetPasswordView {
    struct Model: Sendable {
        var secret: String
        var email: String
        var invitation: Bool
        var errors: [String: String] = [:]
    }

    static func title(invitation: Bool) -> String { invitation ? "Cree su contraseña" : "Elija una nueva contraseña" }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        [.div(.class("login"),
            .h1(.text(title(invitation: m.invitation))),
            .p(.text("Cuenta: \(m.email)")),
            FormErrors.summary(m.errors),
            .form(.method(.post), .action(SiteURL.setPassword.path),
                .csrf(csrf),
                .input(.type(.hidden), .name("t"), .value(m.secret)),
                // Lets a password manager store the pair.
                .input(.type(.hidden), .name("email"), .value(m.email), .attribute(named: "autocomplete", value: "username")),
                .field("Nueva contraseña", name: "nueva", value: nil, type: .password, required: true, hint: PasswordHint.text,
                       error: m.errors["nueva"], extra: PasswordHint.autocomplete),
                .field("Repita la contraseña", name: "confirmacion", value: nil, type: .password, required: true,
                       error: m.errors["confirmacion"], extra: PasswordHint.autocomplete),
                .button(.type(.submit), .text("Guardar la contraseña"))))]
    }

    /// A link that no longer works.
    static func expired() -> [Node<HTML.BodyContext>] {
        [.div(.class("login"),
            .h1("Enlace vencido"),
            .p(.class("errors"), .attribute(named: "role", value: "alert"), .text(AccountService.expiredLink)),
            .p(.a(.href(SiteURL.forgotPassword.path), .text("Pedir un enlace nuevo"))))]
    }
}
