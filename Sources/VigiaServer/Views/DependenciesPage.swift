import Foundation
import Plot

/// The entity's dependencias (administrador): the list with what hangs on each, a form to add
/// one, and one dependencia's page to rename, merge, deactivate or reactivate it.
enum DependenciesPage {
    struct Row: Sendable, Equatable {
        var id: UUID
        var name: String
        var active: Bool
        var plans: Int
        var users: Int
    }

    static let title = "Dependencias"

    static func list(_ rows: [Row], newName: String, error: String?, csrf: String) -> [Node<HTML.BodyContext>] {
        [.h1(.text(title)),
         .p(.class("small"), .text("Las dependencias (unidades auditables) a las que pertenecen los planes, las acciones, las actividades y los responsables.")),
         .form(.method(.post), .action(SiteURL.dependencies.path), .class("inline-form"),
            .csrf(csrf),
            .field("Nueva dependencia", name: "nombre", value: newName, required: true, error: error),
            .button(.type(.submit), .text("Agregar"))),
         .scrollBox("Dependencias", .table(.class("list"),
            .caption(.text("\(rows.count) dependencias")),
            .thead(.tr(.th("Dependencia"), .th("Estado"), .th("Planes"), .th("Usuarios activos"))),
            .tbody(.forEach(rows) { r in
                .tr(.td(.a(.href(SiteURL.dependency(.value(r.id)).path), .text(r.name))), .td(.text(r.active ? "Activa" : "Inactiva")),
                    .td(.text("\(r.plans)")), .td(.text("\(r.users)")))
            }))),
         .p(.a(.href(SiteURL.administration.path), .text("Volver a Administración")))]
    }

    struct Detail: Sendable {
        var row: Row
        var others: [(id: UUID, name: String)]
        var name: String
        var errors: [String: String] = [:]
    }

    static func detail(_ d: Detail, csrf: String) -> [Node<HTML.BodyContext>] {
        let action = SiteURL.dependency(.value(d.row.id)).path
        return [.h1(.text(d.row.name)),
            .p(.text("\(d.row.active ? "Activa" : "Inactiva") · \(d.row.plans) planes · \(d.row.users) usuarios activos")),
            FormErrors.summary(d.errors),
            .form(.method(.post), .action(action),
                .csrf(csrf), .input(.type(.hidden), .name("accion"), .value("renombrar")),
                .field("Nombre", name: "nombre", value: d.name, required: true, hint: "El historial conserva el nombre anterior.", error: d.errors["nombre"]),
                .button(.type(.submit), .text("Renombrar"))),
            .if(d.row.active && !d.others.isEmpty, .form(.method(.post), .action(action),
                .csrf(csrf), .input(.type(.hidden), .name("accion"), .value("fusionar")),
                .choice("Fusionar en", name: "destino", options: [("", "Elija la dependencia que queda…")] + d.others.map { ($0.id.uuidString, $0.name) },
                        selected: nil, error: d.errors["destino"]),
                .p(.class("small"), .text("Sus planes, acciones, actividades y usuarios pasan a la dependencia elegida; esta queda inactiva con su nombre en el historial.")),
                .button(.type(.submit), .class("secondary"), .text("Fusionar")))),
            .form(.method(.post), .action(action),
                .csrf(csrf), .input(.type(.hidden), .name("accion"), .value(d.row.active ? "desactivar" : "reactivar")),
                .button(.type(.submit), .class(d.row.active ? "danger" : "secondary"), .text(d.row.active ? "Desactivar" : "Reactivar"))),
            .p(.a(.href(SiteURL.dependencies.path), .text("Volver a Dependencias")))]
    }
}
