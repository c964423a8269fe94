import Foundation
import Plot
import Vapor

/// The administrador's list of accounts locked by failed logins, each with its unlock button.
enum LockoutsView {
    struct Row: Sendable, Equatable {
        var id: UUID
        var name: String
        var email: String
        var until: Date
    }

    static let title = "Cuentas bloqueadas"

    static func render(_ ctx: PageContext, locked: [Row]) -> Response {
        Layout.render(ctx) {
            Node<HTML.BodyContext>.h1("Cuentas bloqueadas por intentos fallidos")
            Node<HTML.BodyContext>.p(.text("Tras varios intentos fallidos una cuenta se bloquea unos minutos (el bloqueo se levanta solo). Si la persona es quien dice ser, puede levantarlo aquí."))
            if locked.isEmpty {
                Node<HTML.BodyContext>.p(.text("No hay cuentas bloqueadas."))
            } else {
                Node<HTML.BodyContext>.scrollBox("Cuentas bloqueadas", .table(
                    .thead(.tr(.th("Usuario"), .th("Correo"), .th("Bloqueada hasta"), .th(""))),
                    .tbody(.forEach(locked) { l in
                        .tr(.td(.text(l.name)), .td(.text(l.email)), .td(.text(ApiTokensView.format(l.until))),
                            .td(.form(.method(.post), .action(SiteURL.lockouts.path), .csrf(ctx.csrf),
                                      .input(.type(.hidden), .name("usuario"), .value(l.id.uuidString)),
                                      .button(.type(.submit), .text("Desbloquear")))))
                    })))
            }
        }
    }
}
