import Foundation
import Plot
import VigiaCore

/// The superadministrador's pages: the entities of the install, a new entity with its first
/// administrador, and one entity's administradores.
enum InstallationViews {
    struct EntityRow: Sendable, Equatable {
        var id: UUID
        var name: String
        var nit: String
        var created: Date?
        var users: Int
        var plans: Int
        var programs: Int
    }

    struct AdminRow: Sendable, Equatable {
        var name: String
        var email: String
        var status: String
    }

    struct NewEntityForm: Sendable {
        var entidad = ""
        var nit = ""
        var nombre = ""
        var email = ""
        var cargo = ""
    }

    /// After an invitation: the link to hand over when there is no mail server.
    struct Invitation: Sendable {
        var email: String
        var link: String?
    }

    static let title = "Entidades de la instalación"

    static func list(_ rows: [EntityRow]) -> [Node<HTML.BodyContext>] {
        [.h1(.text(title)),
         .p(.class("small"), .text("Cada entidad ve solo sus propios planes, programas, usuarios y documentos. Usted crea las entidades y su primer administrador; el administrador de cada una configura el resto. Usted no ve los datos de ninguna.")),
         .div(.class("actions-bar"), .a(.class("button"), .href(SiteURL.newEntity.path), .text("Nueva entidad"))),
         .scrollBox("Entidades", .table(.class("list"),
            .caption(.text(rows.count == 1 ? "1 entidad" : "\(rows.count) entidades")),
            .thead(.tr(.th("Entidad"), .th("NIT"), .th("Creada"), .th(.class("num"), "Usuarios activos"), .th(.class("num"), "Planes"),
                       .th(.class("num"), "Programas"))),
            .tbody(.forEach(rows) { r in
                .tr(.td(.a(.href(SiteURL.installEntity(.value(r.id)).path), .text(r.name))), .td(.text(r.nit.isEmpty ? "—" : r.nit)),
                    .td(.class("nowrap"), .text(r.created.map(ApiTokensView.format) ?? "—")),
                    .td(.class("num"), .text("\(r.users)")), .td(.class("num"), .text("\(r.plans)")), .td(.class("num"), .text("\(r.programs)")))
            })))]
    }

    static func adminFields(_ f: NewEntityForm, errors e: [String: String]) -> Node<HTML.FormContext> {
        .div(.class("grid2"),
            .field("Nombre del administrador", name: "nombre", value: f.nombre, required: true, error: e["nombre"]),
            .field("Correo electrónico", name: "email", value: f.email, type: .email, required: true,
                   hint: "Recibe la invitación para crear su contraseña; con él ingresa.", error: e["email"]),
            .field("Cargo", name: "cargo", value: f.cargo, error: e["cargo"]))
    }

    static func newEntity(_ f: NewEntityForm, errors e: [String: String], csrf: String) -> [Node<HTML.BodyContext>] {
        [.h1(.text("Nueva entidad")),
         FormErrors.summary(e),
         .form(.method(.post), .action(SiteURL.newEntity.path), .csrf(csrf),
            .fieldset(.element(named: "legend", text: "La entidad"),
                .div(.class("grid2"),
                    .field("Nombre de la entidad", name: "entidad", value: f.entidad, required: true, error: e["entidad"]),
                    .field("NIT", name: "nit", value: f.nit, required: true, hint: "Con o sin dígito de verificación, p. ej. 890.399.001-1.",
                           error: e["nit"]))),
            .fieldset(.element(named: "legend", text: "Su primer administrador"), adminFields(f, errors: e)),
            .div(.class("actions-bar"),
                .button(.type(.submit), .text("Crear la entidad e invitar al administrador")),
                .a(.href(SiteURL.installation.path), .text("Volver a Entidades"))))]
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? "1 \(one)" : "\(n) \(many)" }

    static func invitationNotice(_ i: Invitation?) -> Node<HTML.BodyContext> {
        guard let i, let link = i.link else { return .empty }
        return .div(.class("flash"), .attribute(named: "role", value: "status"),
                    .p(.strong(.text("No hay servidor de correo configurado: entregue a \(i.email) este enlace por otro medio (sirve una vez, durante 3 días):"))),
                    .p(.code(.text(link))))
    }

    static func entity(_ row: EntityRow, admins: [AdminRow], form: NewEntityForm, errors e: [String: String], invitation: Invitation?,
                       csrf: String) -> [Node<HTML.BodyContext>] {
        [.h1(.text(row.name)),
         invitationNotice(invitation),
         .p(.text("NIT \(row.nit.isEmpty ? "—" : row.nit) · " + [count(row.users, "usuario activo", "usuarios activos"), count(row.plans, "plan", "planes"),
                                                                 count(row.programs, "programa", "programas")].joined(separator: " · "))),
         .h2(.text("Administradores")),
         .scrollBox("Administradores", .table(.class("list"),
            .thead(.tr(.th("Nombre"), .th("Correo"), .th("Estado"))),
            .tbody(.forEach(admins) { a in .tr(.td(.text(a.name)), .td(.text(a.email)), .td(.text(a.status))) }))),
         .h2(.text("Invitar otro administrador")),
         .p(.class("small"), .text("Si la entidad se quedó sin administrador o necesita uno más. El resto de usuarios los crea el administrador de la entidad.")),
         FormErrors.summary(e),
         .form(.method(.post), .action(SiteURL.installEntity(.value(row.id)).path), .csrf(csrf),
            adminFields(form, errors: e),
            .div(.class("actions-bar"),
                .button(.type(.submit), .text("Crear e invitar")),
                .a(.href(SiteURL.installation.path), .text("Volver a Entidades"))))]
    }
}
