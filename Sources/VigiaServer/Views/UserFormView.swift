import Foundation
import Plot
import VigiaCore

/// Create or edit an account (administrador), with its deactivation and invitation controls.
enum UserFormView {
    struct Form: Sendable {
        var nombre = ""
        var email = ""
        var cargo = ""
        var rol = ""
        var dependencia = ""
    }

    struct Model: Sendable {
        /// nil when creating.
        var userID: UUID?
        var form: Form
        var dependencies: [(id: UUID, name: String)]
        var active = true
        var status = ""
        var errors: [String: String] = [:]
        /// The invitation link to hand over by other means when no mail server is configured.
        var link: String? = nil
    }

    static func title(_ m: Model) -> String { m.userID == nil ? "Nuevo usuario" : "Usuario \(m.form.email)" }

    static func content(_ m: Model, csrf: String) -> [Node<HTML.BodyContext>] {
        let f = m.form, e = m.errors
        let action = m.userID.map { SiteURL.user(.value($0)).path } ?? SiteURL.newUser.path
        return [.h1(.text(title(m))),
            .unwrap(m.link) { link in
                .div(.class("flash"), .attribute(named: "role", value: "status"),
                     .p(.strong("No hay servidor de correo configurado: entregue este enlace a la persona por otro medio (sirve una vez, durante 3 días):")),
                     .p(.code(.text(link))))
            },
            .if(m.userID != nil, .p(.text("Estado: \(m.status)"))),
            FormErrors.summary(e),
            .form(.method(.post), .action(action),
                .csrf(csrf),
                .div(.class("grid2"),
                    .field("Nombre", name: "nombre", value: f.nombre, required: true, error: e["nombre"]),
                    m.userID == nil
                        ? .field("Correo electrónico", name: "email", value: f.email, type: .email, required: true, hint: "Con él ingresa; no se cambia después.", error: e["email"])
                        : .div(.class("field"), .label(.text("Correo electrónico")), .p(.text(f.email))),
                    .field("Cargo", name: "cargo", value: f.cargo, error: e["cargo"]),
                    .choice("Rol *", name: "rol", options: [("", "Elija…")] + Role.entityRoles.map { ($0.rawValue, $0.label) },
                            selected: f.rol, error: e["rol"]),
                    .choice("Dependencia (obligatoria para un responsable)", name: "dependencia",
                            options: [("", "Ninguna")] + m.dependencies.map { ($0.id.uuidString, $0.name) },
                            selected: f.dependencia, error: e["dependencia"])),
                .div(.class("actions-bar"),
                    .button(.type(.submit), .text(m.userID == nil ? "Crear y enviar la invitación" : "Guardar")),
                    .a(.href(SiteURL.users.path), .text("Volver a Usuarios")))),
            .unwrap(m.userID) { id in
                .div(.class("actions-bar"),
                    .form(.method(.post), .action(SiteURL.reactivateUser(.value(id)).path), .class("inline"), .csrf(csrf),
                          .button(.type(.submit), .class("secondary"), .text(m.active ? "Enviar un enlace para crear su contraseña" : "Reactivar y enviar un enlace"))),
                    .if(m.active, .a(.class("button danger"), .href(SiteURL.deactivateUser(.value(id)).path), .text("Desactivar…"))))
            },
        ]
    }

    static func confirmDeactivation(id: UUID, name: String, email: String, csrf: String) -> [Node<HTML.BodyContext>] {
        [.h1(.text("¿Desactivar a \(name)?")),
         .p(.text("\(email) no podrá ingresar: se cierran al instante sus sesiones abiertas y se revocan sus tokens de API, su enlace de calendario y cualquier enlace de contraseña pendiente. El historial conserva su nombre. Puede reactivarlo después; se le enviará un enlace para crear una contraseña nueva.")),
         .form(.method(.post), .action(SiteURL.deactivateUser(.value(id)).path), .class("actions-bar"), .csrf(csrf),
               .button(.type(.submit), .class("danger"), .text("Sí, desactivar")),
               .a(.href(SiteURL.user(.value(id)).path), .text("No, volver")))]
    }
}
