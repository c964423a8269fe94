import Plot

/// The mail server as configured on the server (read only; the password is never shown), and a
/// test message whose result is shown.
enum MailSettingsView {
    struct Model: Sendable {
        var url: String?
        var from: String?
        var username: String?
        var hasPassword = false
        var transport: String?
        var testTo: String
        var result: (ok: Bool, text: String)? = nil
    }

    static let title = "Servidor de correo"

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        [.h1(.text(title)),
         .unwrap(m.result) { r in
             .p(.class(r.ok ? "flash" : "errors"), .attribute(named: "role", value: r.ok ? "status" : "alert"), .text(r.text))
         },
         m.url == nil
            ? .p(.class("errors"), .text("No hay servidor de correo configurado: no salen recordatorios ni invitaciones por correo (las invitaciones muestran el enlace al administrador). Configúrelo en el servidor con VIGIA_SMTP_URL, VIGIA_SMTP_FROM, VIGIA_SMTP_USER y VIGIA_SMTP_PASSWORD (vea el README) y reinicie Vigía."))
            : .scrollBox("Configuración del correo", .table(.class("list"),
                .caption(.text("Configuración leída del servidor (variables VIGIA_SMTP_…)")),
                .tbody(
                    .tr(.th("Servidor"), .td(.text(m.url ?? ""))),
                    .tr(.th("Remitente"), .td(.text(m.from ?? ""))),
                    .tr(.th("Usuario"), .td(.text(m.username ?? "— (sin autenticación)"))),
                    .tr(.th("Contraseña"), .td(.text(m.hasPassword ? "Configurada (no se muestra)" : "— (sin contraseña)"))),
                    .tr(.th("Conexión"), .td(.text(m.transport ?? "")))))),
         .if(m.url != nil, .form(.method(.post), .action(SiteURL.mailSettings.path),
            .csrf(csrf),
            .field("Enviar un correo de prueba a", name: "para", value: m.testTo, type: .email, required: true),
            .button(.type(.submit), .text("Enviar correo de prueba")))),
         .p(.a(.href(SiteURL.administration.path), .text("Volver a Administración")))]
    }
}
