import Plot

/// The administrador's starting point: what can be configured from the web.
enum AdministrationView {
    static let title = "Administración"

    static func content() -> [Node<HTML.BodyContext>] {
        let items: [(String, String, String)] = [
            (SiteURL.entitySettings.path, "Datos de la entidad", "Nombre, NIT, encabezado de los formatos, plazo máximo de los planes, días de los recordatorios."),
            (SiteURL.dependencies.path, "Dependencias", "Crear, renombrar, fusionar y desactivar las dependencias (unidades auditables)."),
            (SiteURL.users.path, "Usuarios", "Crear cuentas e invitarlas, cambiar rol y dependencia, desactivar y reactivar."),
            (SiteURL.mailSettings.path, "Servidor de correo", "Ver la configuración del correo (la contraseña no se muestra) y enviar un correo de prueba."),
            (SiteURL.entityAudit.path, "Auditoría de cambios", "Todos los cambios de la entidad, por fechas; se descarga en Excel o CSV."),
            (SiteURL.lockouts.path, "Cuentas bloqueadas", "Levantar el bloqueo por intentos fallidos de ingreso."),
            (SiteURL.programs.path, "Plantillas de programas", "Desde PAAC / PTEP → Plantillas: la estructura de los programas anticorrupción."),
        ]
        return [.h1(.text(title)),
                .ul(.class("admin"), .forEach(items) { item in
                    .li(.a(.href(item.0), .strong(.text(item.1))), .div(.class("small"), .text(item.2)))
                })]
    }
}
