import Fluent
import Plot
import Vapor
import VigiaCore

/// The in-app inbox: every notification the user received; the OCI also sees the entity's
/// outbox with what was delivered and what failed.
enum InboxController {
    @Sendable static func page(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let mine = try await Notification.query(on: req.db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).range(..<200).all()
        let outbox = user.role.gradesFollowUps
            ? try await Notification.query(on: req.db).filter(\.$entity.$id == user.entityID).sort(\.$createdAt, .descending).range(..<300).all()
            : []
        let ctx = PageContext(req, title: "Notificaciones")
        let smtp = req.application.smtpSettings
        return Layout.render(ctx) {
            Node<HTML.BodyContext>.h1("Notificaciones")
            if mine.contains(where: { $0.readAt == nil }) {
                Node<HTML.BodyContext>.form(.method(.post), .action(SiteURL.inbox.path), .csrf(ctx.csrf),
                                            .button(.type(.submit), .class("secondary"), .text("Marcar todas como leídas")))
            }
            if mine.isEmpty { Node<HTML.BodyContext>.p("No tiene notificaciones.") }
            Node<HTML.BodyContext>.forEach(mine) { n in
                .details(.class("card"), .if(n.readAt == nil, .attribute(named: "open", value: "open")),
                    .summary(.strong(.text(n.subject)), .text(" · \(stamp(n.createdAt))"), .if(n.readAt == nil, .span(.class("tag warn"), .text(" nueva")))),
                    .element(named: "pre", text: n.body))
            }
            if user.role.gradesFollowUps {
                Node<HTML.BodyContext>.p(.class(smtp?.allowPlain == true ? "errors" : "hint"),
                    .text(smtp?.transportLabel ?? "No hay servidor de correo configurado (VIGIA_SMTP_URL): las notificaciones quedan solo en la aplicación."))
            }
            if !outbox.isEmpty {
                Node<HTML.BodyContext>.section(.h2("Bandeja de salida de la entidad"),
                    .div(.class("scroll"), .table(.class("list"),
                        .thead(.tr(.th("Creada"), .th("Para"), .th("Asunto"), .th("Estado"))),
                        .tbody(.forEach(outbox) { n in
                            .tr(.td(.class("nowrap"), .text(stamp(n.createdAt))), .td(.text(n.email)), .td(.text(n.subject)),
                                .td(.text(n.sentAt.map { "Entregada al servidor de correo el \(stamp($0))" }
                                          ?? n.error.map { "Error (\(n.attempts) intento(s)): \($0)" } ?? "Pendiente de envío")))
                        }))))
            }
        }
    }

    static func stamp(_ date: Date?) -> String {
        guard let date else { return "" }
        let f = DateFormatter()
        f.locale = Locale(identifier: "es_CO")
        f.timeZone = TimeZone(identifier: "America/Bogota")
        f.dateFormat = "dd/MM/yyyy HH:mm"
        return f.string(from: date)
    }

    @Sendable static func markRead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await Notification.query(on: req.db).filter(\.$user.$id == user.id).filter(\.$readAt == nil).set(\.$readAt, to: req.now).update()
        return req.redirect(to: SiteURL.inbox.path)
    }
}

extension VigiaTasks {
    /// Plans, stores and sends the day's reminders once (what the server does every hour).
    public static func notify(today: LocalDate, app: Application) async throws -> (created: Int, sent: Int, failed: Int) {
        let o = try await NotificationService.run(today: today, app: app, smtp: app.smtpSettings)
        return (o.created, o.sent, o.failed)
    }
}
