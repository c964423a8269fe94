import Foundation
import Plot
import VigiaCore

/// The administrador's list of the entity's accounts.
enum UsersPage {
    struct Row: Sendable, Equatable {
        var id: UUID
        var name: String
        var email: String
        var cargo: String
        var role: Role
        var dependency: String?
        var status: String
        var lastLogin: Date?
    }

    static let title = "Usuarios"

    static func content(_ rows: [Row]) -> [Node<HTML.BodyContext>] {
        [.h1(.text(title)),
         .p(.class("small"), .text("Cada persona entra con su correo. Al crear un usuario se le envía una invitación para crear su contraseña; al desactivarlo se cierran sus sesiones y se revocan sus tokens, y el historial conserva su nombre.")),
         .div(.class("actions-bar"), .a(.class("button"), .href(SiteURL.newUser.path), .text("Nuevo usuario")),
              .a(.href(SiteURL.administration.path), .text("Volver a Administración"))),
         ListDownload.links(SiteURL.users.path),
         .scrollBox("Usuarios", .table(.class("list"),
            .caption(.text("\(rows.count) usuarios")),
            .thead(.tr(.th("Nombre"), .th("Correo"), .th("Rol"), .th("Dependencia"), .th("Estado"), .th("Último ingreso"))),
            .tbody(.forEach(rows) { r in
                .tr(.td(.a(.href(SiteURL.user(.value(r.id)).path), .text(r.name)), .div(.class("small"), .text(r.cargo))),
                    .td(.text(r.email)), .td(.text(r.role.label)), .td(.text(r.dependency ?? "—")), .td(.text(r.status)),
                    .td(.class("nowrap"), .text(r.lastLogin.map(ApiTokensView.format) ?? "Nunca")))
            })))]
    }
}
